"""The permit editor's certificate card, as a catalogue admin uses it: the kind of template
(generic, a catalogue file, written here), the variables listed from data, and a preview PDF on
sample answers that is watermarked, unsigned, numberless and stores nothing."""

from __future__ import annotations

import html as html_lib
import re
import subprocess

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import CatalogueDraft, IssuedPermit
from tests.catalogue_helpers import csrf, publish_sample, staff_login
from tests.integration.catalogue_console.test_catalogue_draft import form_values, start_draft

URL = "/admin/katalog/draf/izin/{code}"
PREVIEW = "/admin/katalog/sertifikat/{code}/pratinjau"


def pdf_text(pdf: bytes) -> str:
    out = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True,
                         check=True).stdout.decode()
    return " ".join(out.split())


@pytest.fixture
def editor(admin):
    publish_sample()
    start_draft(admin)
    return admin


def draft_certificate(code: str):
    db.session.expire_all()
    draft = db.session.scalar(select(CatalogueDraft))
    permit = next(p for p in draft.content["permits"] if p["code"] == code)
    return (permit.get("certificate") or {}).get("template")


def preview(client, code: str, **fields):
    token = csrf(client, URL.format(code="IZOP-RS"))
    return client.post(PREVIEW.format(code=code), data={"csrf_token": token, **fields})


def test_the_editor_offers_the_catalogues_template_files_and_an_inline_editor(editor):
    html = editor.get(URL.format(code="IZOP-RS")).get_data(as_text=True)
    values = form_values(html)
    assert values["certificate_mode"] == "file"
    assert values["certificate_file"] == "certificate-generic.html"
    files = re.search(r'<select[^>]*name="certificate_file"[^>]*>(.*?)</select>', html, re.S)
    assert re.findall(r'value="([^"]+)"', files.group(1)) == [
        "certificate-generic.html", "certificate-sip.html"]
    assert re.search(r'<textarea class="form-control font-monospace[^"]*" '
                     r'id="certificate_template"', html)
    inline = form_values(editor.get(URL.format(code="IZIN-PENELITIAN")).get_data(as_text=True))
    assert inline["certificate_mode"] == "inline"
    assert inline["certificate_template"].startswith("<h1>SURAT KETERANGAN PENELITIAN</h1>")


def listed(html: str) -> list[str]:
    return [html_lib.unescape(v) for v in re.findall(r'data-insert="([^"]*)"', html)]


def test_the_variable_list_is_built_from_the_context_and_the_permits_form(editor):
    html = editor.get(URL.format(code="IZOP-RS")).get_data(as_text=True)
    names = listed(html)
    for standard in ("{{ permit_number }}", "{{ applicant.name }}", "{{ applicant.address }}",
                     "{{ valid_until }}", "{{ signer.name }}", "{{ verification_url }}",
                     '<img src="{{ qr_data_uri }}" style="width: 3cm">'):
        assert standard in names, standard
    assert "{{ lookup.kbli }}" in names and "{{ lookup.kbli.code }}" in names
    assert "{{ label.hospital_kind }}" in names and "{{ data.hospital_kind }}" in names
    fields = html[html.index('id="variables-fields"'):html.index('id="variables-standard"')]
    assert "Jenis Rumah Sakit" in fields and "Rumah Sakit Umum" in fields  # label, sample
    assert "Aktivitas Rumah Sakit Pemerintah" in fields  # the lookup's sample row by name
    assert '{{ files.npwp }}' in html  # an image requirement


def test_saving_a_chosen_file_or_an_inline_template(editor):
    url = URL.format(code="IZOP-RS")
    values = form_values(editor.get(url).get_data(as_text=True))
    values.update(certificate_mode="file", certificate_file="certificate-sip.html")
    assert editor.post(url, data=values).status_code == 302
    assert draft_certificate("IZOP-RS") == "certificate-sip.html"
    values.update(certificate_mode="inline", certificate_template="<p>{{ lookup.kbli }}</p>")
    assert editor.post(url, data=values).status_code == 302
    assert draft_certificate("IZOP-RS") == "<p>{{ lookup.kbli }}</p>"
    values.update(certificate_mode="")
    assert editor.post(url, data=values).status_code == 302
    assert draft_certificate("IZOP-RS") is None


def test_inline_text_that_is_not_html_is_refused_and_kept(editor):
    url = URL.format(code="IZOP-RS")
    values = form_values(editor.get(url).get_data(as_text=True))
    values.update(certificate_mode="inline", certificate_template="Izin untuk {{ applicant.name }}")
    response = editor.post(url, data=values)
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "Templat langsung harus berupa HTML" in html
    assert "Izin untuk {{ applicant.name }}</textarea>" in html
    assert draft_certificate("IZOP-RS") == "certificate-generic.html"


def test_the_preview_is_a_sample_pdf_watermarked_unsigned_and_stores_nothing(editor):
    before = db.session.scalar(select(CatalogueDraft)).content
    response = preview(editor, "IZOP-RS", certificate_mode="inline", certificate_template=(
        "<p>Nomor {{ permit_number }}</p><p>KBLI {{ lookup.kbli }} ({{ lookup.kbli.code }})"
        "</p><p>Jenis {{ label.hospital_kind }}</p><p>Pemohon {{ applicant.name }}</p>"))
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    text = pdf_text(response.data)
    assert "Nomor 445/001/IORS/DPMPTSP/" in text  # the number format, sequence untouched
    assert "KBLI Aktivitas Rumah Sakit Pemerintah (86101)" in text
    assert "Jenis Rumah Sakit Umum" in text and "Pemohon Nama Pemohon Contoh" in text
    assert "CONTOH - TIDAK" in text and "BERLAKU" in text
    assert b"/ByteRange" not in response.data  # not signed
    db.session.expire_all()
    assert db.session.scalar(select(CatalogueDraft)).content == before
    assert db.session.scalar(select(func.count()).select_from(IssuedPermit)) == 0


def test_the_preview_renders_a_chosen_file_and_the_generic_certificate(editor):
    chosen = pdf_text(preview(editor, "IZOP-RS", certificate_mode="file",
                              certificate_file="certificate-generic.html").data)
    generic = pdf_text(preview(editor, "IZOP-RS", certificate_mode="").data)
    for text in (chosen, generic):
        assert "IZIN OPERASIONAL RUMAH SAKIT KELAS B" in text
        assert "Nama Pemohon Contoh" in text and "Rumah Sakit Umum" in text
    assert "Halaman 1 dari 1" in generic and "Halaman" not in chosen


@pytest.mark.parametrize("fields, words", [
    ({"certificate_mode": "inline", "certificate_template": "<p>\n{% if %}</p>"},
     "Templat tidak valid pada baris 2"),
    ({"certificate_mode": "inline", "certificate_template": "<p>{{ 1 / 0 }}</p>"},
     "Templat gagal diproses (baris 1)"),
    ({"certificate_mode": "file", "certificate_file": "hilang.html"},
     "Berkas templat 'hilang.html' tidak ada di katalog"),
    ({"certificate_mode": "inline", "certificate_template": ""},
     "Tulis templat sertifikat"),
])
def test_a_template_that_cannot_be_previewed_says_why_in_indonesian(editor, fields, words):
    response = preview(editor, "IZOP-RS", **fields)
    assert response.status_code == 422
    assert words in html_lib.unescape(response.get_data(as_text=True))


def test_only_catalogue_admins_preview_a_permit_of_the_draft(app, editor):
    assert preview(editor, "TIDAK-ADA", certificate_mode="").status_code == 404
    refused = editor.post(PREVIEW.format(code="IZOP-RS"), data={"certificate_mode": ""})
    assert refused.status_code == 400  # no CSRF token
    verifier = app.test_client()
    staff_login(app, verifier, "Verifikator")
    token = csrf(verifier, "/admin/")
    response = verifier.post(PREVIEW.format(code="IZOP-RS"),
                             data={"csrf_token": token, "certificate_mode": ""})
    assert response.status_code in (403, 404) and response.mimetype != "application/pdf"


def test_a_new_permit_lists_the_standard_variables_and_previews_after_saving(editor):
    html = editor.get(URL.format(code="_baru")).get_data(as_text=True)
    assert "{{ permit_number }}" in listed(html)
    assert "Simpan izin ini dulu untuk melihat pratinjau sertifikat." in html
    assert 'id="certificate-preview"' not in html


def test_a_broken_inline_template_is_marked_on_its_text_in_one_language(editor):
    """The problem is under the text it is in (not under the choice of template), and says
    where with the template engine's own detail in brackets, ending once."""
    url = URL.format(code="IZOP-RS")
    values = form_values(editor.get(url).get_data(as_text=True))
    values.update(certificate_mode="inline", certificate_template="<p>\n{% if data.x %}\n</p>")
    assert editor.post(url, data=values).status_code == 302
    html = editor.get(url).get_data(as_text=True)
    text_tag = re.search(r'<textarea[^>]*name="certificate_template"[^>]*>', html).group(0)
    mode_tag = re.search(r'<select[^>]*name="certificate_mode"[^>]*>', html).group(0)
    assert "is-invalid" in text_tag and "is-invalid" not in mode_tag
    said = html_lib.unescape(html)
    assert "Templat sertifikat tidak dapat dibaca pada baris 2 (rincian: Unexpected end" in said
    assert "..)" not in said and ".)." not in said
