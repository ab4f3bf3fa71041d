"""The certificate card's variable list names the fields inside a repeating group the way a
template can print them (a loop over the group's rows), and the listed loop really prints the
sample row on the preview PDF; the list says it reflects the form saved in the draft."""

from __future__ import annotations

import re

import pytest

from tests.catalogue_helpers import publish_sample
from tests.integration.catalogue_console.test_catalogue_draft import start_draft
from tests.integration.catalogue_console.test_certificate_editor import (
    URL,
    listed,
    pdf_text,
    preview,
)


@pytest.fixture
def editor(admin):
    publish_sample()
    start_draft(admin)
    return admin


def fields_part(html: str) -> str:
    return html[html.index('id="variables-fields"'):html.index('id="variables-standard"')]


def test_a_groups_row_fields_are_listed_as_a_loop_over_its_rows(editor):
    html = editor.get(URL.format(code="IZIN-PENELITIAN")).get_data(as_text=True)
    names = listed(html)
    loop = "{% for baris in rows.members %}{{ baris.name }}{% endfor %}"
    assert loop in names
    assert "{% for baris in rows.members %}{{ baris.name }} {{ baris.nik }}{% endfor %}" in names
    fields = fields_part(html)
    inner = re.findall(r"data-inside-group>(.*?)(?:data-field-variables|</details>)", fields,
                       re.S)
    assert len(inner) == 2  # Nama and NIK, each under its group
    assert "Anggota Tim" in inner[0] and "Nama" in inner[0]  # the group's and its own label
    assert "<em>Contoh Nama</em>" in inner[0]  # the sample row's value


def test_the_listed_loop_prints_the_sample_row_on_the_preview(editor):
    html = editor.get(URL.format(code="IZIN-PENELITIAN")).get_data(as_text=True)
    loop = next(v for v in listed(html) if v.endswith("{{ baris.name }}{% endfor %}"))
    response = preview(editor, "IZIN-PENELITIAN", certificate_mode="inline",
                       certificate_template=f"<p>Anggota: {loop}.</p>")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert "Anggota: Contoh Nama." in pdf_text(response.data)


def test_the_list_says_it_is_the_form_saved_in_the_draft(editor):
    html = editor.get(URL.format(code="IZOP-RS")).get_data(as_text=True)
    assert "Daftar ini dibuat dari formulir izin yang tersimpan di draf." in fields_part(html)
