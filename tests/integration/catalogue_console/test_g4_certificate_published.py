"""The published permit's read-only page shows its certificate as the editor's choice words
it (generic, a catalogue file, written on the page); an inline template is shown escaped in a
collapsed code block, and its sample preview opens as a watermarked PDF, for catalogue admins
only."""

from __future__ import annotations

import html as html_lib
import re

from tests.catalogue_helpers import publish_sample, staff_login
from tests.integration.catalogue_console.test_certificate_editor import pdf_text

DETAIL = "/admin/katalog/izin/{code}"
PDF = "/admin/katalog/sertifikat/{code}/terbit.pdf"


def certificate_card(html: str) -> str:
    return re.search(r'<div class="card mb-3" id="certificate">.*?</div></div>', html,
                     re.S).group(0)


def test_an_inline_template_is_shown_as_escaped_code_with_its_preview(admin):
    publish_sample()
    card = certificate_card(admin.get(DETAIL.format(code="IZIN-PENELITIAN")).get_data(
        as_text=True))
    assert "Templat langsung (HTML dengan variabel)" in card
    block = re.search(r'<details id="certificate-template">.*?<pre[^>]*><code>(.*?)</code>',
                      card, re.S)
    assert block and "<details id=\"certificate-template\" open" not in card  # collapsed
    assert block.group(1).startswith("&lt;h1&gt;SURAT KETERANGAN PENELITIAN&lt;/h1&gt;")
    assert "<h1>SURAT" not in card  # not rendered as HTML
    assert f'href="{PDF.format(code="IZIN-PENELITIAN")}"' in card

    response = admin.get(PDF.format(code="IZIN-PENELITIAN"))
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    text = pdf_text(response.data)
    assert "SURAT KETERANGAN PENELITIAN" in text and "Nama Pemohon Contoh" in text
    assert "CONTOH - TIDAK" in text and b"/ByteRange" not in response.data


def test_a_file_template_is_named_as_a_catalogue_file(admin):
    publish_sample()
    card = certificate_card(admin.get(DETAIL.format(code="IZOP-RS")).get_data(as_text=True))
    assert "Berkas templat di katalog" in html_lib.unescape(card)
    assert "<code>certificate-generic.html</code>" in card
    assert 'id="certificate-template"' not in card


def test_only_catalogue_admins_get_the_published_preview(app, admin):
    publish_sample()
    assert admin.get(PDF.format(code="TIDAK-ADA")).status_code == 404
    assert admin.get(PDF.format(code="IZOP-RS")).mimetype == "application/pdf"
    verifier = app.test_client()
    staff_login(app, verifier, "Verifikator")
    response = verifier.get(PDF.format(code="IZIN-PENELITIAN"))
    assert response.status_code in (403, 404) and response.mimetype != "application/pdf"
