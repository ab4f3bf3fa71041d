"""Texts the views compose themselves speak the reader's language: dates in flash messages
and choice labels, the form answers an applicant and a verifier read back, the verifier's
date flags, and the staff console's own header (Logout, the menu toggle's name). Indonesian
pages keep Indonesian; stored notices and PDFs keep their own rules (tested elsewhere)."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from app import casework
from app.extensions import db
from app.services import applications as apps
from app.services import calendar, expiry, review
from tests.backoffice_helpers import act, detail, lock_version, page_text, staff_client
from tests.helpers import (
    csrf_from,
    fill_draft,
    login,
    make_applicant,
    make_staff,
    make_submitted,
    publish_catalogue,
    verifier_forwards,
)

ENGLISH = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
INDONESIAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
              "September", "Oktober", "November", "Desember")
MONTHS = {"en": ENGLISH, "id": INDONESIAN}
PERMIT = "SIP-DOKTER"  # its form has a date the verifier is asked to question (the STR's)


def in_words(day: date, language: str) -> str:
    return f"{day.day} {MONTHS[language][day.month - 1]} {day.year}"


def submitted(app):
    """The sample catalogue published and one applicant's PERMIT application submitted."""
    publish_catalogue(app)
    person, _ = make_applicant(app)
    return person, make_submitted(app, person, PERMIT)


def speak(client, language: str):
    client.get(f"/bahasa/{language}", headers={"Referer": "http://localhost/"})
    return client


def flashed(client, response) -> str:
    """The success message the page after a redirect shows."""
    assert response.status_code == 302, response.status_code
    page = client.get(response.location).get_data(as_text=True)
    found = re.search(r'<div class="alert alert-success[^"]*"[^>]*>(.*?)<button', page, re.S)
    assert found, "no success message"
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", found.group(1))).strip()


# dates in flash messages and choices -------------------------------------------------------
@pytest.mark.parametrize(("language", "wording"), [("en", "(valid until {})"),
                                                   ("id", "(berlaku s.d. {})")])
def test_the_permit_picker_gives_validity_dates_in_the_readers_language(
        app, client, language, wording):
    publish_catalogue(app)
    person, _ = make_applicant(app)
    first = make_submitted(app, person, PERMIT, "baru")
    issue(app, first)
    first.permit.valid_until = date(2031, 8, 17)
    db.session.commit()
    speak(client, language)
    assert login(client, person.email).status_code == 302
    page = client.get(f"/permohonan/baru?agency=DINKES&permit={PERMIT}"  # no renewal window
                      "&application_type=perubahan")
    option = re.search(rf'<option value="{first.permit.id}">([^<]+)</option>',
                       page.get_data(as_text=True)).group(1)
    assert option == f"{first.permit.number} " + wording.format(
        in_words(date(2031, 8, 17), language))


def issue(app, application) -> None:
    """Verifikator forwards, the Dinas recommends, the signing official issues."""
    verifier_forwards(app, application)
    review.act(application, casework.actor_for(make_staff(app, "Tim Teknis", "DINKES")),
               "lanjut")
    review.act(application, casework.actor_for(make_staff(app, "Penandatangan")), "terbitkan")


@pytest.mark.parametrize(("language", "wording"), [
    ("en", "returned to the applicant for revision (deadline {})."),
    ("id", "dikembalikan kepada pemohon untuk revisi (batas {}).")])
def test_returning_for_revision_tells_the_deadline_in_the_readers_language(
        app, language, wording):
    _person, application = submitted(app)
    office, _ = staff_client(app, "Verifikator")
    speak(office, language)
    message = flashed(office, act(office, application.uid, "revisi", note="Lengkapi STR"))
    db.session.refresh(application)
    assert message.endswith(wording.format(in_words(application.revision_due, language)))


@pytest.mark.parametrize(("language", "wording"), [
    ("en", "reopened for revision until {}."),
    ("id", "dibuka kembali untuk revisi sampai {}.")])
def test_reopening_tells_the_new_deadline_in_the_readers_language(app, language, wording):
    _person, application = submitted(app)
    review.act(application, casework.actor_for(make_staff(app, "Verifikator")), "revisi",
               note="Lengkapi STR")
    application.revision_due = calendar.today() - timedelta(days=2)
    db.session.commit()
    expiry.expire_overdue(calendar.today())
    office, _ = staff_client(app, "Verifikator")
    page = detail(speak(office, language), application.uid).get_data(as_text=True)
    response = office.post(f"/admin/antrian/{application.uid}/buka-kembali", data={
        "csrf_token": csrf_from(page), "lock_version": lock_version(page), "days": "3"})
    message = flashed(office, response)
    db.session.refresh(application)
    assert message.endswith(wording.format(in_words(application.revision_due, language)))


# form answers and the verifier's flags -----------------------------------------------------
ANSWERS = {"en": (["Registration valid until", "General practitioner", "Independent practice"],
                  ["STR Berlaku Sampai", "Dokter Umum", "Praktik Mandiri"]),
           "id": (["STR Berlaku Sampai", "Dokter Umum", "Praktik Mandiri"],
                  ["Registration valid until", "General practitioner"])}


def str_valid_until(application) -> date:
    return date.fromisoformat(application.data["details"]["str_valid_until"])


def shows(text: str, present: list[str], absent: list[str]) -> None:
    assert [p for p in present if p not in text] == []
    assert [a for a in absent if a in text] == []


@pytest.mark.parametrize("language", ["en", "id"])
def test_the_applicant_reads_their_answers_in_their_language(app, client, language):
    person, application = submitted(app)
    draft = fill_draft(app, person, PERMIT)
    draft.wizard_step = apps.REVIEW_STEP  # every step done: Validasi Data opens
    db.session.commit()
    speak(client, language)
    assert login(client, person.email).status_code == 302
    present, absent = ANSWERS[language]
    other = "id" if language == "en" else "en"
    for url, shown in ((f"/permohonan/{application.uid}", application),
                       (f"/permohonan/{draft.uid}/validasi", draft)):
        text = page_text(client.get(url))
        day = str_valid_until(shown)
        shows(text, [*present, in_words(day, language)], [*absent, in_words(day, other)])


@pytest.mark.parametrize(("language", "message"), [
    ("en", "The STR has expired; a practice permit needs a valid STR."),
    ("id", "STR sudah tidak berlaku; izin praktik memerlukan STR yang masih berlaku.")])
def test_the_verifier_reads_answers_and_date_flags_in_their_language(app, language, message):
    """The form's answers, the date flags and the applicant's date of birth."""
    _person, application = submitted(app)
    day = str_valid_until(application)
    assert day < calendar.today(), "the sample answer is an expired STR"
    office, _ = staff_client(app, "Verifikator")
    page = detail(speak(office, language), application.uid).get_data(as_text=True)
    flag = re.search(r'<li data-flag="str_valid_until">([^<]+)</li>', page).group(1)
    label = ANSWERS[language][0][0]
    assert flag == f"{label}: {in_words(day, language)} — {message}"
    present, absent = ANSWERS[language]
    born = date.fromisoformat(application.data["applicant"]["birth_date"])
    shows(page_text(detail(office, application.uid)), [*present, in_words(born, language)],
          [*absent, born.isoformat()])


# the console's header ----------------------------------------------------------------------
@pytest.mark.parametrize(("language", "logout", "toggle"), [("en", "Log out", "Open the menu"),
                                                            ("id", "Logout", "Buka menu")])
def test_the_console_header_speaks_the_readers_language(app, language, logout, toggle):
    office, _ = staff_client(app, "Verifikator")
    page = speak(office, language).get("/admin/antrian/").get_data(as_text=True)
    button = re.search(r'<button[^>]*id="staff-logout"[^>]*>(.*?)</button>', page, re.S)
    assert re.sub(r"<[^>]+>", "", button.group(1)).strip() == logout
    assert re.search(r'<button class="navbar-toggler"[^>]*aria-label="([^"]*)"', page
                     ).group(1) == toggle


# the console's case screens -------------------------------------------------------------
@pytest.mark.parametrize(("language", "words", "other"), [
    ("en", ["In Process", "Document Verification", "Medical Practice Permit", "New"],
     ["Dalam Proses", "Verifikasi Berkas", "Surat Izin Praktik Dokter", "Baru"]),
    ("id", ["Dalam Proses", "Verifikasi Berkas", "Surat Izin Praktik Dokter", "Baru"],
     ["In Process", "Document Verification", "Medical Practice Permit", "New"])])
def test_the_console_names_status_step_permit_and_type_in_the_readers_language(
        app, language, words, other):
    """The grid and the case screen: the status badge, the step, the permit, the kind; the
    menu and the grid's headings."""
    _person, application = submitted(app)
    office, _ = staff_client(app, "Verifikator")
    grid = page_text(speak(office, language).get("/admin/antrian/"))
    case = page_text(detail(office, application.uid))
    shows(grid, words, other)
    shows(case, words, other)
    menu = {"en": ["Home", "My Queue", "All Applications", "Registration no."],
            "id": ["Beranda", "Antrian Saya", "Semua Permohonan", "No. Registrasi"]}
    shows(grid, menu[language], menu["id" if language == "en" else "en"])


@pytest.mark.parametrize(("language", "wording"), [
    ("en", "Application {} forwarded to step {}."),
    ("id", "Permohonan {} diteruskan ke tahap {}.")])
def test_forwarding_names_the_next_step_in_the_readers_language(app, language, wording):
    """The message after Teruskan names the next step as the case screen does: in the
    reader's language (it was Indonesian on the English console)."""
    from app.services import resi as resi_codes
    from app.services import timeline

    _person, application = submitted(app)
    office, _ = staff_client(app, "Verifikator")
    speak(office, language)
    response = act(office, application.uid, "lanjut")
    db.session.refresh(application)
    step = timeline.step_name(application, application.current_step, language)
    other = timeline.step_name(application, application.current_step,
                               "id" if language == "en" else "en")
    assert step != other
    text = flashed(office, response)
    assert wording.format(resi_codes.display(application.resi), step) in text


@pytest.mark.parametrize(("language", "name"), [("en", "New"), ("id", "Baru")])
def test_the_applicant_reads_the_application_type_as_the_catalogue_names_it(
        app, client, language, name):
    """My Applications, the application's page and the wizard's header named the type by
    its code ("Baru" on English pages too); now by the catalogue's name in the page's
    language."""
    person, application = submitted(app)
    draft = fill_draft(app, person, PERMIT)
    login(client, person.username)
    speak(client, language)
    listing = client.get("/permohonan").get_data(as_text=True)
    detail_page = client.get(f"/permohonan/{application.uid}").get_data(as_text=True)
    wizard = client.get(f"/permohonan/{draft.uid}/langkah/pemohon").get_data(as_text=True)
    assert re.search(rf'<div class="small text-muted">{name}</div>', listing)
    assert re.search(rf'<dd class="col-7">{name}</dd>', detail_page)
    assert re.search(rf'id="wizard-permit">[^<]*· {name}\s*·', wizard)


@pytest.mark.parametrize("language", ["en", "id"])
def test_the_complaint_form_names_the_applicants_permits_in_their_language(
        app, client, language):
    from app.services import catalogue_store
    from app.services import resi as resi_codes

    person, application = submitted(app)
    login(client, person.username)
    speak(client, language)
    html = client.get("/pengaduan/kirim").get_data(as_text=True)
    name = catalogue_store.current().permit_name(PERMIT, language)
    assert f"{resi_codes.display(application.resi)} — {name}</option>" in html


@pytest.mark.parametrize(("language", "words", "other"), [
    ("en", ["Your screens", "Welcome,", "Name (English)", "Opens at"],
     ["Layar yang tersedia", "Nama (Inggris)", "Jam buka"]),
    ("id", ["Layar yang tersedia", "Selamat bekerja,", "Nama (Inggris)", "Jam buka"],
     ["Your screens", "Name (English)", "Opens at"])])
def test_the_console_home_and_its_data_screens_speak_the_readers_language(
        app, language, words, other):
    """The console's first page and the column names of the complaint categories and the
    helpdesk's office hours were Indonesian whatever the reader chose."""
    office, _ = staff_client(app, "Super Admin")
    speak(office, language)
    text = " ".join(page_text(office.get(path)) for path in
                    ("/admin/", "/admin/kategori-pengaduan/", "/admin/chat-jam/"))
    shows(text, words, other)


@pytest.mark.parametrize("language", ["en", "id"])
def test_the_catalogue_and_ikm_screens_name_things_in_the_readers_language(app, language):
    """What approving a type does (list and detail), and the IKM report's permit filter,
    were Indonesian on English pages."""
    from app.services import catalogue_browse, catalogue_store

    publish_catalogue(app)
    office, _ = staff_client(app, "Super Admin")
    speak(office, language)
    renews = {"en": "Extends the chosen permit", "id": "Memperpanjang izin yang dipilih"}
    assert catalogue_browse.EFFECT_LABELS["renewal"] == renews["id"]
    other = "id" if language == "en" else "en"
    for path in ("/admin/katalog/jenis-permohonan/",
                 "/admin/katalog/jenis-permohonan/perpanjangan"):
        shows(page_text(office.get(path)), [renews[language]], [renews[other]])
    cat = catalogue_store.current()
    names = {lang: cat.permit_name("IUPTL-KS", lang) for lang in ("id", "en")}
    ikm = office.get("/admin/ikm/").get_data(as_text=True)
    assert f">{names[language]}</option>" in ikm and f">{names[other]}</option>" not in ikm


def test_a_list_page_reads_the_catalogue_once_whatever_its_rows(app, client):
    """My Applications names each row's permit and type by the catalogue: one read of the
    catalogue in force per page, not one per row."""
    from sqlalchemy import event

    person, _first = submitted(app)
    login(client, person.username)
    speak(client, "en")
    seen: list[str] = []

    def count(*args):
        seen.append(args[2])

    def statements() -> int:
        seen.clear()
        assert client.get("/permohonan").status_code == 200
        return sum("catalogue_version" in s for s in seen)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        one = statements()
        make_submitted(app, person, PERMIT)
        make_submitted(app, person, PERMIT)
        three = statements()
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert three == one
