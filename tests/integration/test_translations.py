"""Bahasa Indonesia by default, English when chosen (issue 3): the English catalogue covers
every text the code and templates mark, and the pages actually switch language."""

from __future__ import annotations

import functools
import io
import os
import re
import tempfile
from datetime import date, datetime
from pathlib import Path

import pyotp
import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po
from flask import session
from flask_babel import refresh

from app.applicant import my_applications, my_files, wizard
from app.services import applications as apps
from app.services import files
from app.templating import tanggal_lokal, waktu
from tests.backoffice_helpers import page_text, staff_client
from tests.helpers import (
    CAPTCHA,
    PASSWORD,
    fill_draft,
    get_form,
    login,
    make_applicant,
    make_file,
    make_staff,
    make_submitted,
    publish_catalogue,
)

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "translations"
POT = TRANSLATIONS / "messages.pot"
PO = TRANSLATIONS / "en" / "LC_MESSAGES" / "messages.po"
MO = PO.with_suffix(".mo")
# the keywords of `make translations`
KEYWORDS = {"_": None, "_l": None, "gettext": None, "lazy_gettext": None, "N_": None,
            "ngettext": (1, 2)}
ENGLISH_MONTHS = ("January", "February", "March", "April", "May", "June", "July",
                  "August", "September", "October", "November", "December")
PLACEHOLDER = re.compile(r"%(?:\([^)]*\))?[a-z%]")


@pytest.fixture(scope="module", autouse=True)
def compiled_catalogue():
    """`make install` compiles the .mo; a fresh checkout or an edited .po is compiled here the
    same way (atomically: parallel test workers may do it at the same time)."""
    if MO.exists() and MO.stat().st_mtime >= PO.stat().st_mtime:
        return
    with PO.open("rb") as handle:
        catalog = read_po(handle, locale="en")
    fd, tmp = tempfile.mkstemp(dir=MO.parent, suffix=".mo.tmp")
    with os.fdopen(fd, "wb") as handle:
        write_mo(handle, catalog)
    os.replace(tmp, MO)


@pytest.fixture(scope="module")
def catalogue():
    with PO.open("rb") as handle:
        return read_po(handle, locale="en")


def singular(text) -> str:
    """An entry's id, or its translation, as one text: a plural entry (ngettext) by its
    singular form."""
    return text[0] if isinstance(text, tuple) else text


def forms_of(text) -> tuple[str, ...]:
    """Every form of an entry's translation (one, or the plural forms of an ngettext)."""
    return tuple(text) if isinstance(text, tuple) else (text or "",)


@functools.cache
def extracted() -> dict[str, list[tuple[str, int]]]:
    """Every msgid in the code and templates today, as `make translations` finds them."""
    with (ROOT / "babel.cfg").open() as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    found: dict[str, list[tuple[str, int]]] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
            str(ROOT), method_map, options_map, keywords=KEYWORDS):
        msgid = message[0] if isinstance(message, tuple) else message
        found.setdefault(msgid, []).append((filename, lineno))
    return found


# (a) and (b): the catalogue -----------------------------------------------------------------
def test_every_message_has_an_english_translation(catalogue):
    entries = [m for m in catalogue if m.id]
    assert len(entries) > 700
    untranslated = [m.id for m in entries
                    if not all((form or "").strip() for form in forms_of(m.string))]
    fuzzy = [m.id for m in entries if m.fuzzy]
    assert untranslated == [] and fuzzy == []


def test_the_catalogue_covers_every_text_in_the_code():
    """A new `_()` without `make translations` and a translation fails here, not in front of
    an English-speaking visitor."""
    with PO.open("rb") as handle:
        known = {singular(m.id) for m in read_po(handle, locale="en")
                 if m.id and all(forms_of(m.string))}
    missing = {msgid: where[0] for msgid, where in extracted().items() if msgid not in known}
    assert missing == {}, "run `make translations` and translate the new entries"


def test_the_catalogue_files_are_what_make_translations_writes():
    """The template holds the texts marked today, the English catalogue holds those and no
    others, wrapped as `make translations` (and scripts/translate.py) write it: a stale
    template or a hand-edited long line made the next `make translations` rewrite thousands
    of lines inside someone else's change."""
    with POT.open("rb") as handle:
        template = {singular(m.id) for m in read_po(handle) if m.id}
    raw = PO.read_bytes()
    english = read_po(io.BytesIO(raw), locale="en")
    assert template == set(extracted()), "run `make translations`"
    assert {singular(m.id) for m in english if m.id} == template, "run `make translations`"
    rewritten = io.BytesIO()
    write_po(rewritten, english, width=76)  # pybabel update's width
    assert rewritten.getvalue().decode() == raw.decode(), "run `make translations`"


def test_placeholders_survive_translation(catalogue):
    wrong = [(m.id, form) for m in catalogue if m.id for form in forms_of(m.string)
             if sorted(PLACEHOLDER.findall(singular(m.id))) != sorted(PLACEHOLDER.findall(form))]
    assert wrong == []


@pytest.mark.parametrize("labels", [
    apps.STATUS_LABELS.values(), apps.STEP_TITLES.values(), files.KIND_LABELS.values()],
    ids=["status", "wizard-steps", "file-kinds"])
def test_labels_from_services_are_in_the_catalogue(catalogue, labels):
    """Templates translate these with `_(label)`; the views list them for extraction
    (my_applications.STATUS_MSGIDS, wizard.STEP_MSGIDS, my_files.KIND_MSGIDS)."""
    assert my_applications.STATUS_MSGIDS and wizard.STEP_MSGIDS and my_files.KIND_MSGIDS
    assert [label for label in labels if not catalogue.get(label)] == []


# (c) and (d): the pages ---------------------------------------------------------------------
def english(client):
    client.get("/bahasa/en", headers={"Referer": "http://localhost/"})
    return client


def shows(response, present: list[str], absent: list[str]) -> str:
    assert response.status_code == 200, response.status_code
    text = page_text(response)
    assert [p for p in present if p not in text] == []
    assert [a for a in absent if a in text] == []
    return text


def lang(response) -> str:
    return re.search(r'<html lang="([a-z]+)"', response.get_data(as_text=True)).group(1)


PUBLIC_PAGES = {
    "/": (["One-Stop Online Permits", "How It Works", "Create Account", "Log in", "Register",
           "Requirements"],
          ["Perizinan Online Satu Pintu", "Alur Layanan", "Daftar Akun", "Persyaratan"]),
    "/masuk": (["Applicant Login", "Forgot password?", "Register a new account",
                "Captcha code"],
               ["Login Pemohon", "Lupa password?", "Daftar akun baru", "Kode Captcha"]),
    "/daftar": (["Choose the applicant type:", "Individual", "Business",
                 "Already have an account?"],
                ["Pilih jenis pemohon", "Perorangan", "Badan Usaha", "Sudah punya akun?"]),
    "/persyaratan": (["Permit Requirements", "Search permits", "All sectors"],
                     ["Persyaratan Perizinan", "Cari izin", "Semua bidang"]),
    "/lacak": (["Track Application", "Enter the receipt code"],
               ["Lacak Permohonan", "Masukkan nomor resi"]),
}


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_in_english(app, client, path):
    publish_catalogue(app)
    response = english(client).get(path)
    shows(response, *PUBLIC_PAGES[path])
    assert lang(response) == "en"


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_a_new_visitor_reads_indonesian(app, client, path):
    publish_catalogue(app)
    present, absent = PUBLIC_PAGES[path]
    response = client.get(path)
    shows(response, absent, present[:2])
    assert lang(response) == "id"


def test_back_to_indonesian(client):
    english(client)
    client.get("/bahasa/id", headers={"Referer": "http://localhost/"})
    response = client.get("/")
    shows(response, ["Perizinan Online Satu Pintu"], ["One-Stop Online Permits"])
    assert lang(response) == "id"


def test_tracking_an_application_in_english(app, client):
    publish_catalogue(app)
    user, _ = make_applicant(app)
    application = make_submitted(app, user)
    english(client)
    shows(client.get(f"/lacak?resi={application.resi}"), ["Receipt code", "In Process"],
          ["Dalam Proses", "Perkiraan selesai"])
    shows(client.get("/lacak?resi=AAAA-BBBB-CCCC"), ["Receipt code not found."],
          ["Nomor resi tidak ditemukan"])


@pytest.fixture
def applicant(app, client):
    """An English-speaking applicant with a submitted application and a file."""
    publish_catalogue(app)
    user, data = make_applicant(app)
    make_submitted(app, user)
    make_file(app, user, name="KTP Siti")
    english(client)
    assert login(client, data["nik"]).status_code == 302
    return user


APPLICANT_PAGES = {
    "/dashboard": (["My Applications", "My Files", "New Application", "Change Password",
                    "Application date", "In Process"],
                   ["Permohonan Saya", "File Saya", "Pengajuan Permohonan", "Ubah Password",
                    "Dalam Proses"]),
    "/permohonan/baru": (["New Application", "Step 1 of 5", "Agency", "Permit type",
                          "Application type", "Proceed"],
                         ["Pengajuan Permohonan", "Langkah 1 dari 5", "Dinas/Badan",
                          "Jenis Izin", "Jenis Permohonan"]),
    "/permohonan": (["My Applications", "Receipt code", "Estimated completion", "In Process",
                     "Details"],
                    ["Permohonan Saya", "Nomor Resi", "Perkiraan Selesai", "Dalam Proses"]),
    "/file-saya": (["My Files", "Upload File", "Upload date", "PDF document", "Size"],
                   ["File Saya", "Tanggal Unggah", "Dokumen PDF", "Ukuran"]),
    "/inbox": (["Notifications and messages from DPMPTSP officers", "Subject"],
               ["Pemberitahuan dan pesan dari petugas", "Subjek"]),
    "/akun/profil": (["Edit Profile", "Gender", "Female", "Education level", "Save"],
                     ["Jenis Kelamin", "Perempuan", "Jenjang Pendidikan", "Kolom abu-abu"]),
}


@pytest.mark.parametrize("path", APPLICANT_PAGES)
def test_applicant_pages_in_english(client, applicant, path):
    response = client.get(path)
    shows(response, *APPLICANT_PAGES[path])
    assert lang(response) == "en"


def test_web_dates_follow_the_language(app, client, applicant):
    """English month names on web pages; PDFs keep their own Indonesian filters."""
    for locale, day, moment, iso in (
            ("en", "1 December 2026", "3 May 2026 14:05 WITA", "17 August 2026"),
            ("id", "1 Desember 2026", "3 Mei 2026 14.05 WITA", "17 Agustus 2026")):
        with app.test_request_context():
            session["locale"] = locale
            refresh()  # the test's app context outlives this request: forget its locale
            assert tanggal_lokal(date(2026, 12, 1)) == day
            assert waktu(datetime(2026, 5, 3, 6, 5)) == moment
            assert waktu("2026-08-17") == iso
    text = page_text(client.get("/permohonan"))
    assert re.search(r"\d{1,2} (" + "|".join(ENGLISH_MONTHS) + r") 20\d\d", text)


def test_wizard_choices_show_the_catalogue_in_english(client, applicant):
    """Catalogue texts are data with id/en: the wizard picks the reader's language."""
    response = client.get("/permohonan/baru?agency=DINKES&permit=SIP-DOKTER&"
                          "application_type=baru")
    shows(response, ["Provincial Health Office", "Medical Practice Permit", "Identity Card",
                     "Requirements to prepare", "Free", "5 year(s)"],
          ["Dinas Kesehatan Provinsi", "Surat Izin Praktik Dokter", "Persyaratan yang harus",
           "Gratis", "5 tahun"])


def test_a_wizard_step_in_english(app, client, applicant):
    draft = fill_draft(app, applicant, "SIP-DOKTER")
    response = client.get(f"/permohonan/{draft.uid}/langkah/pemohon")
    shows(response, ["Permit Application Form", "Applicant Details", "Company Details",
                     "Details & Documents", "Gender", "Next"],
          ["Form Permohonan Izin", "Data Pemohon", "Data Perusahaan", "Jenis Kelamin"])


def test_the_staff_console_in_english_and_the_language_survives_staff_login(app, client):
    publish_catalogue(app)
    user, _ = make_applicant(app)
    application = make_submitted(app, user)
    email = "verifikator.en@contoh.id"
    make_staff(app, "Verifikator", "DPMPTSP", email=email)
    english(client)
    token = get_form(client, "/staff/login", "staff")
    assert client.post("/staff/login", data={"csrf_token": token, "identity": email,
                                             "password": PASSWORD, "captcha": CAPTCHA}
                       ).location == "/staff/totp"
    page = client.get("/staff/totp")
    shows(page, ["Two-Step Verification", "Verify"], ["Verifikasi Dua Langkah"])
    secret = re.search(r'id="totp-secret"[^>]*>([A-Z2-7]+)<', page.get_data(as_text=True))
    token = get_form(client, "/staff/totp")
    assert client.post("/staff/totp", data={"csrf_token": token, "code": pyotp.TOTP(
        secret.group(1)).now()}).location == "/admin/"
    shows(client.get("/admin/antrian/"),
          ["My Queue", "Applications waiting for your action", "Export to Excel"],
          ["Permohonan yang menunggu tindakan Anda", "Ekspor Excel"])
    detail = client.get(f"/admin/antrian/{application.uid}")
    shows(detail, ["Required Documents", "History & Audit Trail", "Application submitted"],
          ["Dokumen Persyaratan", "Riwayat & Jejak Audit", "Permohonan dikirim"])


def test_a_console_page_says_the_language_it_is_shown_in(app):
    """<html lang> tells screen readers and the browser's spelling and hyphenation which
    language the page speaks: the console's, like the portal's, is the page's language."""
    client, _user = staff_client(app, "Verifikator")
    indonesian = client.get("/admin/antrian/")
    shows(indonesian, ["Permohonan yang menunggu tindakan Anda"], ["My Queue"])
    assert lang(indonesian) == "id"
    english(client)
    shown = client.get("/admin/antrian/")
    shows(shown, ["My Queue"], ["Permohonan yang menunggu tindakan Anda"])
    assert lang(shown) == "en"
    assert lang(client.get("/admin/antrian/?_l_=id")) == "id"
