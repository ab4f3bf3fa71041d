"""Import of a workbook's form sheets (Sections, Fields, Options, Rules) back into each
permit's form; the reader (workbook_read._Reader) registers every row in the SourceMap so
mistakes are reported by sheet, row and column."""

from __future__ import annotations

from typing import Any

from . import workbook_layout as L
from .cells import MISSING
from .issues import PathT
from .marked import N_

# The reader's refusals on the form sheets, marked for the console's English pages.
MSG_IN_PARENT_EXTRA = N_("'{key}' untuk baris ini sudah diisi di kolom extra induknya; pilih "
                         "salah satu.")
MSG_FORM_IN_EXTRA = N_("Formulir izin ini sudah diisi di kolom extra sheet Permits.")
MSG_NO_SECTION = N_("Bagian '{section}' tidak ada di sheet Sections untuk izin ini.")
MSG_NO_GROUP = N_("Grup induk '{group}' belum ada di baris sebelumnya.")
MSG_NO_FIELD = N_("Isian '{field}' pada bagian '{section}' tidak ada di sheet Fields.")
MSG_OPTION_VALUE = N_("Nilai pilihan wajib diisi.")
MSG_NO_SECTIONS = N_("Izin ini belum punya bagian formulir di sheet Sections.")
PERMIT = N_("Izin")  # what a row names in its permit column (workbook_read.MSG_NO_PARENT)


def link(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


class FormRows:
    """Rebuilds permit forms from the Sections/Fields/Options rows."""

    def __init__(self, r, permits: list[dict], index: dict[str, int]):
        self.r, self.permits, self.index = r, permits, index
        self.sections: dict[tuple[int, str], tuple[dict, PathT]] = {}
        self.fields: dict[tuple[int, str, str], tuple[dict, PathT]] = {}
        self.built: set[int] = set()  # id() of lists built from rows (not from extra)

    def _list(self, owner: dict, key: str, sheet: str, number: int, column: str) -> list | None:
        value = owner.get(key, MISSING)
        if value is MISSING:
            owner[key] = value = []
            self.built.add(id(value))
        if id(value) not in self.built:
            self.r.issue(sheet, number, column, MSG_IN_PARENT_EXTRA.format(key=key))
            return None
        return value

    def section_rows(self) -> None:
        sheet = L.SECTIONS
        for number, row in self.r.rows(sheet):
            pi = self.r.parent(sheet, number, row, "permit", self.index, PERMIT)
            if pi is None:
                continue
            form = self.permits[pi].get("form", MISSING)
            if form is MISSING:
                form = self.permits[pi]["form"] = {}
                self.built.add(id(form))
            if id(form) not in self.built:
                self.r.issue(sheet.name, number, "permit", MSG_FORM_IN_EXTRA)
                continue
            sections = form.setdefault("sections", [])
            path = ("permits", pi, "form", "sections", len(sections))
            section = self.r.decode(sheet, number, row, path)
            section.setdefault("fields", [])
            self.built.add(id(section["fields"]))
            sections.append(section)
            key = section.get("key")
            if isinstance(key, str) and (pi, key) not in self.sections:
                self.sections[(pi, key)] = (section, path)

    def field_rows(self) -> None:
        sheet = L.FIELDS
        for number, row in self.r.rows(sheet):
            pi = self.r.parent(sheet, number, row, "permit", self.index, PERMIT)
            if pi is None:
                continue
            section_key = link(row.get("section"))
            found = self.sections.get((pi, section_key or ""))
            if found is None:
                self.r.issue(sheet.name, number, "section",
                             MSG_NO_SECTION.format(section=section_key))
                continue
            parent_key = link(row.get("parent")) or ""
            if parent_key:
                owner_found = self.fields.get((pi, section_key, parent_key))
                if owner_found is None:
                    self.r.issue(sheet.name, number, "parent",
                                 MSG_NO_GROUP.format(group=parent_key))
                    continue
                owner, owner_path = owner_found
            else:
                owner, owner_path = found
            fields = self._list(owner, "fields", sheet.name, number, "parent")
            if fields is None:
                continue
            path = owner_path + ("fields", len(fields))
            field = self.r.decode(sheet, number, row, path)
            fields.append(field)
            key = field.get("key")
            if isinstance(key, str):
                dotted = f"{parent_key}.{key}" if parent_key else key
                self.fields.setdefault((pi, section_key, dotted), (field, path))

    def option_rows(self) -> None:
        sheet = L.OPTIONS
        for number, row in self.r.rows(sheet):
            pi = self.r.parent(sheet, number, row, "permit", self.index, PERMIT)
            if pi is None:
                continue
            key = (pi, link(row.get("section")) or "", link(row.get("field")) or "")
            found = self.fields.get(key)
            if found is None:
                self.r.issue(sheet.name, number, "field",
                             MSG_NO_FIELD.format(field=key[2], section=key[1]))
                continue
            field, field_path = found
            options = self._list(field, "options", sheet.name, number, "field")
            if options is None:
                continue
            path = field_path + ("options", len(options))
            obj = self.r.decode(sheet, number, row, path)
            if "value" not in obj and path + ("value",) not in self.r.sources.failed:
                self.r.issue(sheet.name, number, "value", MSG_OPTION_VALUE,
                             path + ("value",))
            options.append(obj["value"] if set(obj) == {"value"} else obj)

    def rule_rows(self) -> None:
        sheet = L.RULES
        for number, row in self.r.rows(sheet):
            pi = self.r.parent(sheet, number, row, "permit", self.index, PERMIT)
            if pi is None:
                continue
            form = self.permits[pi].get("form")
            if not isinstance(form, dict) or id(form) not in self.built:
                self.r.issue(sheet.name, number, "permit", MSG_NO_SECTIONS)
                continue
            rules = form.setdefault("rules", [])
            rules.append(self.r.decode(sheet, number, row,
                                       ("permits", pi, "form", "rules", len(rules))))
