"""A broken workbook yields one located, Indonesian message per mistake — never just the first."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from catalogue import CatalogueError, dump_xlsx, load_xlsx, validate_xlsx
from tests.unit.catalogue.catalogue_builders import sample


class Book:
    """The sample workbook, opened for planting mistakes cell by cell."""

    def __init__(self, path):
        dump_xlsx(sample(), path)
        self.path = path
        self.wb = load_workbook(path)
        self.planted: list[tuple[str, int, str]] = []

    def column(self, sheet: str, header: str) -> int:
        headers = [c.value for c in self.wb[sheet][1]]
        return headers.index(header) + 1

    def rows(self, sheet: str) -> range:
        return range(2, self.wb[sheet].max_row + 1)

    def value(self, sheet: str, row: int, header: str):
        return self.wb[sheet].cell(row, self.column(sheet, header)).value

    def plant(self, sheet: str, row: int, header: str, value) -> None:
        self.wb[sheet].cell(row, self.column(sheet, header)).value = value
        self.planted.append((sheet, row, header))

    def save(self):
        self.wb.save(self.path)
        return self.path


def test_one_hundred_mistakes_give_one_hundred_located_messages(tmp_path):
    book = Book(tmp_path / "rusak.xlsx")
    for row in book.rows("Permits"):  # 15 permits x 3 mistakes
        book.plant("Permits", row, "fee", "gratis")
        book.plant("Permits", row, "sla_working_days", -1)
        book.plant("Permits", row, "registration_number", "{seq}/{tahun}")
    for row in list(book.rows("Requirements"))[:30]:
        book.plant("Requirements", row, "max_mb", "lima")
    for row in list(book.rows("Holidays"))[:20]:
        book.plant("Holidays", row, "kind", "libur")
    for row in list(book.rows("Agencies"))[:5]:
        book.plant("Agencies", row, "kind", "kantor")
    assert len(book.planted) == 100
    issues = validate_xlsx(book.save())
    assert len(issues) == 100
    assert sorted((i.source, i.row, i.column) for i in issues) == sorted(book.planted)
    by_column = {i.column: i.message for i in issues}
    assert "angka" in by_column["fee"]
    assert "tahun" in by_column["registration_number"]
    assert "pilihan" in by_column["kind"]
    with pytest.raises(CatalogueError) as caught:
        load_xlsx(book.path)
    assert len(caught.value.issues) == 100


def test_references_steps_and_forms_are_reported_by_sheet_row_and_column(tmp_path):
    book = Book(tmp_path / "rusak.xlsx")
    steps_row = 2
    book.plant("Steps", steps_row, "role", "Kurir")
    book.plant("Steps", 4, "agency", "DINAS-ANTAH")
    fields_row = next(r for r in book.rows("Fields") if book.value("Fields", r, "type") == "lookup")
    book.plant("Fields", fields_row, "type", "teks")
    file_row = next(r for r in book.rows("Fields") if book.value("Fields", r, "type") == "file")
    book.plant("Fields", file_row, "requirement", "tidak_ada")
    book.plant("Sectors", 2, "agency", "ENTAH")
    book.plant("Permits", 2, "routing", "alur-hilang")
    book.plant("Requirements", 2, "formats", "pdf, EXE!")
    issues = validate_xlsx(book.save())
    located = {(i.source, i.row, i.column) for i in issues}
    assert set(book.planted) <= located
    assert len(issues) == len(book.planted)
    kurir = next(i for i in issues if i.column == "role")
    assert "Kurir" in kurir.message and kurir.path.startswith("routings[")


def test_rows_that_point_nowhere_and_bad_cells(tmp_path):
    book = Book(tmp_path / "rusak.xlsx")
    book.plant("Requirements", 2, "permit", "IZIN-HANTU")
    book.plant("Options", 2, "field", "tidak_ada")
    book.plant("Fields", 2, "section", "bagian_hantu")
    book.plant("Agencies", 2, "extra", "{bukan json")
    book.plant("Steps", 2, "actions", "lanjut tte")
    book.plant("Requirements", 3, "required", "mungkin")
    book.plant("Holidays", 2, "date", "besok")
    issues = validate_xlsx(book.save())
    located = {(i.source, i.row, i.column) for i in issues}
    assert set(book.planted) <= located
    assert all(i.message for i in issues)


def test_missing_columns_are_reported_once_not_per_row(tmp_path):
    book = Book(tmp_path / "rusak.xlsx")
    ws = book.wb["Permits"]
    ws.cell(1, book.column("Permits", "fee")).value = "biaya"
    issues = validate_xlsx(book.save())
    assert {(i.source, i.row, i.column) for i in issues} == {
        ("Permits", 1, "fee"), ("Permits", 1, "biaya")}


def test_missing_sheet_and_not_a_workbook(tmp_path):
    book = Book(tmp_path / "rusak.xlsx")
    del book.wb["Holidays"]
    issues = validate_xlsx(book.save())
    assert [(i.source, i.message) for i in issues] == [
        ("Holidays", "Sheet 'Holidays' tidak ada di workbook.")]
    junk = tmp_path / "bukan.xlsx"
    junk.write_bytes(b"bukan excel")
    [issue] = validate_xlsx(junk)
    assert issue.source == "bukan.xlsx" and "bukan workbook" in issue.message


def test_a_format_the_upload_refuses_is_reported_at_its_cell(tmp_path):
    book = Book(tmp_path / "docx.xlsx")
    book.plant("Requirements", 2, "formats", "pdf, docx")
    issues = validate_xlsx(book.save())
    assert [(i.source, i.row, i.column) for i in issues] == list(book.planted)
    assert "'docx' tidak dapat diunggah pemohon" in issues[0].message
