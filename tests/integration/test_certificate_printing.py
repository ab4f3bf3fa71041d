"""What the signed permit and the receipt print, read back from the real PDFs: a lookup answer
as its name, a choice as its label, and the holder's full address as the wizard showed it."""

from __future__ import annotations

import re
import subprocess

from app import storage
from app.services import catalogue_store, issuance
from catalogue import DEFINITIONS
from tests.helpers import (
    login_new_applicant,
    make_applicant,
    make_finished,
    make_submitted,
    publish_catalogue,
)

FULL_ADDRESS = "Jl. Juanda No. 7, Bukuan, Palaran, Kota Samarinda, Kalimantan Timur"

QR = '<img src="{{ qr_data_uri }}" alt="QR">'


def pdf_text(pdf: bytes) -> str:
    """The text as poppler lays it out, lines joined (a long address may wrap)."""
    out = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True,
                         check=True).stdout.decode()
    return " ".join(out.split())


def publish_research_permit_with(template: str | None) -> None:
    """The sample catalogue, its research permit asking for a KBLI (lookup), a shop kind
    (choice) and a yes/no answer, and printing them with `template` (None: the office's
    generic certificate)."""
    data, issues, assets = catalogue_store.read_source(DEFINITIONS)
    assert issues == []
    permit = next(p for p in data["permits"] if p["code"] == "IZIN-PENELITIAN")
    permit["form"]["sections"][0]["fields"] += [
        {"key": "kbli", "type": "lookup", "table": "kbli", "required": True,
         "label": {"id": "KBLI"}},
        {"key": "jenis_toko", "type": "select", "required": True, "label": {"id": "Jenis Toko"},
         "options": [{"value": "minimarket", "label": {"id": "Minimarket"}},
                     {"value": "toko_kelontong", "label": {"id": "Toko Kelontong"}}]},
        {"key": "gudang", "type": "boolean", "label": {"id": "Punya gudang"}},
    ]
    members = next(f for f in permit["form"]["sections"][0]["fields"] if f["key"] == "members")
    members["fields"].append(
        {"key": "peran", "type": "select", "required": True, "label": {"id": "Peran"},
         "options": [{"value": "ketua", "label": {"id": "Ketua Tim"}},
                     {"value": "anggota", "label": {"id": "Anggota Tim"}}]})
    if template is None:
        permit.pop("certificate")
    else:
        permit["certificate"] = {"template": template}
    catalogue_store.publish(data, assets, source="uji")


def signed_permit_text(app) -> str:
    user, _ = make_applicant(app)
    application = make_finished(app, user)
    issued = application.permit
    key = issuance.document_key(issued)
    assert key, "the permit document was not produced"
    return pdf_text(storage.current().read_bytes(key))


def test_a_lookup_answer_prints_as_its_name_and_keeps_its_columns(app):
    publish_research_permit_with(
        "<p>KBLI utuh: [{{ lookup.kbli }}]</p>"
        "<p>KBLI kode: [{{ lookup.kbli.code }}] nama: [{{ lookup.kbli.name }}]</p>" + QR)
    text = signed_permit_text(app)
    assert "KBLI utuh: [Aktivitas Rumah Sakit Pemerintah]" in text
    assert "'code'" not in text and "{" not in text
    assert "KBLI kode: [86101] nama: [Aktivitas Rumah Sakit Pemerintah]" in text


def test_label_prints_an_answer_as_the_applicant_read_it(app):
    publish_research_permit_with(
        "<p>Toko dibaca: [{{ label.jenis_toko }}] tersimpan: [{{ data.jenis_toko }}]</p>"
        "<p>Punya gudang: [{{ label.gudang }}] KBLI: [{{ label.kbli }}]</p>" + QR)
    text = signed_permit_text(app)
    assert "Toko dibaca: [Minimarket] tersimpan: [minimarket]" in text
    assert "Punya gudang: [Ya] KBLI: [Aktivitas Rumah Sakit Pemerintah]" in text


def test_a_groups_rows_print_their_answers_as_the_applicant_read_them(app):
    publish_research_permit_with(
        "<p>Dibaca:{% for baris in rows.members %} [{{ baris.peran }}]{% endfor %}</p>"
        "<p>Tersimpan:{% for baris in data.members %} [{{ baris.peran }}]{% endfor %}</p>" + QR)
    text = signed_permit_text(app)
    assert "Dibaca: [Ketua Tim]" in text and "Tersimpan: [ketua]" in text


def test_the_signed_permit_prints_the_holders_full_address(app):
    publish_research_permit_with("<p>Alamat: {{ applicant.address }}</p>" + QR)
    assert f"Alamat: {FULL_ADDRESS}" in signed_permit_text(app)


def test_the_generic_certificate_prints_the_full_address_and_labels(app):
    publish_research_permit_with(None)
    text = signed_permit_text(app)
    assert f"Alamat : {FULL_ADDRESS}" in text
    assert "Lokasi : Jl. Gajah Mada 2, RT 001/RW 002, Bukuan, Palaran" in text
    assert "Jenis Toko : Minimarket" in text and "KBLI : Aktivitas Rumah Sakit" in text
    # the contact answers (e-mail, WhatsApp) are for reaching the applicant, not the permit's
    assert "Email Penanggung Jawab" not in text and "Nomor WhatsApp" not in text
    assert "@" not in text.split("Alamat")[1]


def test_a_template_may_still_print_a_contact_answer_by_name(app):
    publish_research_permit_with("<p>Kontak: [{{ label.contact_email }}]</p>" + QR)
    assert re.search(r"Kontak: \[[^\]@ ]+@[^\] ]+\]", signed_permit_text(app))


def test_the_receipt_prints_the_applicants_full_address(app, client):
    publish_catalogue(app)
    user = login_new_applicant(app, client)
    application = make_submitted(app, user, "IZIN-PENELITIAN")
    response = client.get(f"/permohonan/{application.uid}/resi.pdf")
    assert response.status_code == 200
    assert FULL_ADDRESS in pdf_text(response.data)
