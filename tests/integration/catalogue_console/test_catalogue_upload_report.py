"""A workbook with mistakes of several kinds is reported in one upload: every problem at
once, each at its sheet, row and column (no JSON path for the admin to decode); a file that
cannot be read at all says that its content has not been checked yet."""

from __future__ import annotations

import io
import re
import zipfile

from tests.backoffice_helpers import page_text
from tests.catalogue_helpers import Book, publish_sample, sample_workbook, upload


def test_a_bad_cell_and_a_bad_condition_are_reported_together_by_place(admin, tmp_path):
    publish_sample()
    book = Book(sample_workbook(tmp_path / "katalog.xlsx"))
    book.set("Permits", book.find_row("Permits", code="SIPA"), "sla_working_days", "tujuh")
    fields = book.wb["Fields"]
    row = next(r for r in range(2, fields.max_row + 1)
               if fields.cell(r, book.column("Fields", "permit")).value == "SIPA"
               and fields.cell(r, book.column("Fields", "parent")).value is None)
    book.set("Fields", row, "visible_if", "tidak_ada == 'x'")
    response = upload(admin, book.save().read_bytes(), "katalog.xlsx")
    text = page_text(response)
    assert "katalog.xlsx tidak dapat diterbitkan: 2 masalah ditemukan." in text
    assert re.search(r"1 Permits \d+ sla_working_days Nilai 'tujuh' harus bilangan bulat\.",
                     text), text
    assert re.search(r"2 Fields \d+ visible_if Kondisi visible_if pada field '\w+' merujuk "
                     r"field 'tidak_ada' yang tidak ada\.", text), text
    assert "permits[" not in text and "belum diperiksa" not in text


def test_a_file_that_cannot_be_read_says_its_content_is_not_checked_yet(admin):
    publish_sample()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:  # looks like a workbook, is none
        archive.writestr("xl/workbook.xml", b"bukan workbook")
    text = page_text(upload(admin, buffer.getvalue(), "katalog.xlsx"))
    assert "Berkas bukan workbook Excel yang valid" in text
    assert "Isi katalog belum diperiksa karena berkas tidak dapat dibaca sebagai katalog." \
        in text
