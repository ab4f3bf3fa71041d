"""Benchmark: import (validate + load) and export of a large catalogue workbook.

Generates a 500-permit x 40-field catalogue in a temporary directory, times export to Excel
(target <= 5 s) and validate+load from Excel (target <= 10 s), and compares both with a
baseline measured in the same run: openpyxl alone writing / reading the same cells.

    .venv/bin/python bench/catalogue_import.py [--permits 500] [--fields 40] [--no-docs]
"""

from __future__ import annotations

import argparse
import copy
import gc
import platform
import sys
import tempfile
import time
from pathlib import Path

from openpyxl import Workbook, load_workbook

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.docs_section import write_section  # noqa: E402

HEADING = "## Catalogue import/export"

from catalogue import DEFINITIONS, Catalogue, dump_xlsx, load_folder, load_xlsx  # noqa: E402

TYPES = ("text", "number", "decimal", "date", "select", "multiselect", "radio", "boolean",
         "email", "phone", "nik", "npwp", "nib", "region", "geopoint", "lookup", "textarea")


def _field(i: int) -> dict:
    kind = TYPES[i % len(TYPES)]
    field = {"key": f"isian_{i:02d}", "type": kind,
             "label": {"id": f"Isian nomor {i}", "en": f"Field number {i}"},
             "required": i % 3 == 0}
    if kind in ("select", "multiselect", "radio"):
        field["options"] = [{"value": f"opsi_{k}", "label": {"id": f"Opsi {k}"}} for k in range(4)]
    elif kind == "decimal":
        field.update(decimals=2, min=0, max=1000)
    elif kind == "lookup":
        field["table"] = "faskes"
    elif kind == "region":
        field["level"] = "regency"
    elif kind == "text":
        field.update(max_length=100, pattern="^[A-Z0-9 ]+$")
    if i % 7 == 3:
        field["visible_if"] = "isian_00 == 'ya'"
    return field


def _fields(n: int, requirement: str) -> list[dict]:
    """n fields, including a group with 3 sub-fields and a file field."""
    fields = [_field(i) for i in range(n - 5)]
    fields.append({"key": "lampiran", "type": "file", "label": {"id": "Lampiran"},
                   "requirement": requirement})
    fields.append({"key": "daftar", "type": "group", "label": {"id": "Daftar"}, "min_rows": 1,
                   "fields": [_field(100 + k) | {"key": f"kolom_{k}"} for k in range(3)]})
    return fields


def make_catalogue(permits: int, fields: int) -> Catalogue:
    base = load_folder(DEFINITIONS).to_dict()
    template = base["permits"][0]
    generated = []
    form_fields = _fields(fields, template["requirements"][0]["key"])
    half = len(form_fields) // 2
    for n in range(permits):
        permit = copy.deepcopy(template)
        permit["code"] = f"IZIN-{n:04d}"
        permit["name"] = {"id": f"Izin Contoh {n}", "en": f"Sample Permit {n}"}
        permit["agency"] = base["agencies"][1 + n % 8]["code"]
        permit["sector"] = base["sectors"][n % len(base["sectors"])]["code"]
        permit["routing"] = base["routings"][n % len(base["routings"])]["code"]
        permit["form"] = {"sections": [
            {"key": "data", "title": {"id": "Data"}, "fields": copy.deepcopy(form_fields[:half])},
            {"key": "lain", "title": {"id": "Lain"}, "fields": copy.deepcopy(form_fields[half:])},
        ]}
        generated.append(permit)
    base["permits"] = generated
    return Catalogue(base)


REPEAT = 3


def _timed(fn) -> float:
    """Best of REPEAT runs: other work on the machine only ever adds time."""
    best = float("inf")
    for _ in range(REPEAT):
        gc.collect()
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def baseline(source: Path, target: Path) -> tuple[float, float, int]:
    """openpyxl alone: read every cell of `source`, write the same cells to `target`."""
    sheets: dict[str, list[tuple]] = {}

    def read() -> None:
        wb = load_workbook(source, read_only=True)
        for ws in wb.worksheets:
            sheets[ws.title] = list(ws.iter_rows(values_only=True))
        wb.close()

    def write() -> None:
        wb = Workbook(write_only=True)
        for title, rows in sheets.items():
            ws = wb.create_sheet(title)
            for row in rows:
                ws.append(row)
        wb.save(target)

    read_s = _timed(read)
    write_s = _timed(write)
    cells = sum(len(r) for rows in sheets.values() for r in rows)
    return read_s, write_s, cells


def breakdown(book: Path) -> tuple[float, float]:
    """Seconds spent parsing the workbook, and in the form engine's checks alone."""
    from catalogue.workbook_read import _gc_paused, read_xlsx
    from forms_schema import validate_form_definition

    parsed: list[dict] = []

    def parse() -> None:
        with _gc_paused():  # as inside load_xlsx
            parsed[:] = [read_xlsx(book)[0]]

    parse_s = _timed(parse)
    data = parsed[0]
    tables = {t["name"] for t in data["lookups"]}

    def forms() -> None:
        with _gc_paused():
            for permit in data["permits"]:
                keys = {r["key"] for r in permit["requirements"]}
                validate_form_definition(permit["form"], lookup_tables=tables,
                                         requirement_keys=keys)

    return parse_s, _timed(forms)




def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--permits", type=int, default=500)
    parser.add_argument("--fields", type=int, default=40)
    parser.add_argument("--no-docs", action="store_true")
    args = parser.parse_args()
    cat = make_catalogue(args.permits, args.fields)
    with tempfile.TemporaryDirectory() as tmp:
        book = Path(tmp) / "katalog.xlsx"
        export_s = _timed(lambda: dump_xlsx(cat, book))
        loaded: list[Catalogue] = []
        import_s = _timed(lambda: loaded.__setitem__(slice(None), [load_xlsx(book)]))
        assert loaded[-1] == cat, "round trip changed the catalogue"
        loaded.clear()
        read_s, write_s, cells = baseline(book, Path(tmp) / "baseline.xlsx")
        parse_s, forms_s = breakdown(book)
        size_mb = book.stat().st_size / 1e6
    rows = [
        ("validate + load (import)", import_s, 10.0, read_s, "openpyxl read of the same cells"),
        ("export to Excel", export_s, 5.0, write_s, "openpyxl write of the same cells"),
    ]
    lines = [
        f"{args.permits} permits x {args.fields} fields "
        f"({args.permits * args.fields:,} field rows, {cells:,} cells, {size_mb:.1f} MB); "
        f"Python {platform.python_version()} on {platform.machine()}; "
        f"`.venv/bin/python bench/catalogue_import.py`, {time.strftime('%Y-%m-%d')}; "
        f"best of {REPEAT} runs each.",
        "",
        "| operation | seconds | target | baseline (s) | ratio to baseline | baseline is |",
        "| --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for name, secs, target, base, what in rows:
        flag = "" if secs <= target else " (over target)"
        lines.append(f"| {name} | {secs:.2f}{flag} | <= {target:.0f} | {base:.2f} | "
                     f"{secs / base:.2f}x | {what} |")
    lines += [
        "",
        f"Import breakdown: reading the workbook into documents {parse_s:.2f} s; "
        f"form checks by `forms_schema.validate_form_definition` {forms_s:.2f} s; "
        f"the rest (catalogue schema, references, routing graphs, number formats) "
        f"{max(import_s - parse_s - forms_s, 0):.2f} s. Timings vary with machine load "
        "(other test suites share the CPU); the ratios are measured in the same run.",
        "",
        "Two things keep import close to openpyxl's own cost: the export records each sheet's "
        "dimension (openpyxl's read-only mode otherwise parses every sheet twice), and "
        "`load_xlsx` pauses the cyclic garbage collector while it builds the documents. Most "
        "of the remaining time is JSON Schema validation of the 500 forms.",
    ]
    report = "\n".join(lines)
    print(report)
    if not args.no_docs:
        write_section(HEADING, report)
    return 0 if all(secs <= target for _, secs, target, _, _ in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
