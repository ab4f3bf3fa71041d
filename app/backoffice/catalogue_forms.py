"""Forms of the catalogue console. Each form reads an item of the catalogue document into its
fields (`load`) and writes the admin's input back onto a copy of the item (`build`), keeping
any key the form does not show. Input that cannot be converted (a letter in a number, broken
JSON) is an error on that field; the catalogue rules are checked on the whole draft."""

from __future__ import annotations

import copy
import json
import re
from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice

from ..i18n import N_
from ..security import form_expiry

# the reasons and the refusal are marked templates: pages show them in the reader's language
# (the `pesan` filter, each reason inside the refusal translated too)
JSON_MESSAGES = [
    ("Expecting property name enclosed in double quotes",
     N_("nama kunci harus diapit tanda kutip ganda (\")")),
    ("Expecting ',' delimiter", N_("kurang tanda koma (,) sebelum posisi ini")),
    ("Expecting ':' delimiter", N_("kurang tanda titik dua (:) sebelum posisi ini")),
    ("Expecting value", N_("nilai tidak ada atau tidak dikenali")),
    ("Unterminated string", N_("teks belum ditutup tanda kutip ganda")),
    ("Invalid control character", N_("ada baris baru atau tab di dalam teks; tulis \\n")),
    ("Extra data", N_("ada isi lagi setelah akhir JSON")),
    ("Invalid \\escape", N_("garis miring terbalik (\\) tidak sah")),
]
MSG_JSON = N_("JSON tidak valid di baris {line}, kolom {column}: {reason}.")
MSG_MINIMUM = N_("Minimal {minimum}.")


SAFE_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")


def choices(pairs, blank: str | None = None) -> list[SelectChoice]:
    items = [SelectChoice(str(v), label) for v, label in pairs]
    return ([SelectChoice("", blank)] if blank is not None else []) + items


def json_error(exc: json.JSONDecodeError) -> str:
    reason = next((id_ for en, id_ in JSON_MESSAGES if exc.msg.startswith(en)), exc.msg)
    return MSG_JSON.format(line=exc.lineno, column=exc.colno, reason=reason)


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


class ItemForm(FlaskForm):
    """Base: `build` collects conversion errors on the fields and returns None if any."""

    issue_fields: dict[str, str] = {}

    def field_for_issue(self, key: str | None) -> str:
        name = self.issue_fields.get(key or "", key or "")
        return name if name in self._fields and name != "csrf_token" else "_other"

    def validate(self, extra_validators=None) -> bool:
        """WTForms' own checks, chiefly the CSRF token (the catalogue's rules are `build`'s);
        a refused token is said in the project's words (form_expiry.in_own_words)."""
        valid = super().validate(extra_validators)
        if not valid:
            form_expiry.in_own_words(self)
        return valid

    def fail(self, field: Any, message: str) -> None:
        field.errors = [*field.errors, message]
        self._failed = True

    def text(self, field: Any, required: str | None = None) -> str:
        value = (field.data or "").strip()
        if not value and required:
            self.fail(field, required)
        return value

    def clean_code(self, field: Any, required: str, case: str = "upper") -> str:
        """A code or key: it names the item in URLs and references, so only letters, digits,
        - and _ (the catalogue rules then check the exact form)."""
        value = self.text(field, required)
        value = value.upper() if case == "upper" else value.lower()
        if value and not SAFE_CODE.fullmatch(value):
            self.fail(field, N_("Hanya huruf, angka, tanda - dan _ (tanpa spasi), diawali "
                                "huruf atau angka."))
        return value

    def integer(self, field: Any, *, required: bool = False, minimum: int | None = None
                ) -> int | None:
        raw = (field.data or "").strip().replace(".", "")
        if not raw:
            if required:
                self.fail(field, N_("Wajib diisi dengan angka bulat."))
            return None
        if not re.fullmatch(r"-?\d+", raw):
            self.fail(field, N_("Harus berupa angka bulat, mis. 5."))
            return None
        value = int(raw)
        if minimum is not None and value < minimum:
            self.fail(field, MSG_MINIMUM.format(minimum=minimum))
        return value

    def number(self, field: Any, *, required: bool = False) -> int | float | None:
        raw = (field.data or "").strip().replace(" ", "")
        if not raw:
            if required:
                self.fail(field, N_("Wajib diisi dengan angka."))
            return None
        raw = raw.replace(",", ".") if raw.count(",") == 1 and "." not in raw else raw
        try:
            value = float(raw)
        except ValueError:
            self.fail(field, N_("Harus berupa angka, mis. 2 atau 2.5."))
            return None
        return int(value) if value.is_integer() else value

    def json(self, field: Any, required: str | None = None) -> Any:
        raw = (field.data or "").strip()
        if not raw:
            if required:
                self.fail(field, required)
            return None
        try:
            return json.loads(raw)
        except json.JSONDecodeError as exc:
            self.fail(field, json_error(exc))
            return None

    def start(self) -> None:
        self._failed = False

    @property
    def failed(self) -> bool:
        return getattr(self, "_failed", False)


def get_i18n(item: dict, key: str) -> tuple[str, str]:
    value = item.get(key)
    if isinstance(value, dict):
        return str(value.get("id") or ""), str(value.get("en") or "")
    return ("" if value is None else str(value)), ""


def set_i18n(item: dict, key: str, text_id: str, text_en: str) -> None:
    if not text_id and not text_en:
        item.pop(key, None)
        return
    value = {"id": text_id}
    if text_en:
        value["en"] = text_en
    item[key] = value


def set_optional(item: dict, key: str, value: Any) -> None:
    if value in (None, "", []):
        item.pop(key, None)
    else:
        item[key] = value


def words(text: str) -> list[str]:
    return list(dict.fromkeys(w.strip() for w in re.split(r"[,;\s]+", text or "") if w.strip()))


REQUIRED_ID = N_("Nama (bahasa Indonesia) wajib diisi.")


class AgencyForm(ItemForm):
    code = StringField(_l("Kode"))
    name_id = StringField(_l("Nama"))
    name_en = StringField(_l("Nama (English)"))
    kind = SelectField(_l("Jenis"), choices=choices([("dpmptsp", _l("Kantor pelayanan terpadu")),
                                                      ("dinas", _l("Dinas")),
                                                      ("badan", _l("Badan"))]))
    address = StringField(_l("Alamat"))
    head_title = StringField(_l("Jabatan kepala"))
    issue_fields = {"name": "name_id"}

    def load(self, item: dict) -> None:
        self.code.data = item.get("code", "")
        self.name_id.data, self.name_en.data = get_i18n(item, "name")
        self.kind.data = item.get("kind", "dinas")
        self.address.data = item.get("address", "")
        self.head_title.data = item.get("head_title", "")

    def build(self, base: dict) -> dict | None:
        self.start()
        item = copy.deepcopy(base)
        item["code"] = self.clean_code(self.code, N_("Kode wajib diisi."))
        set_i18n(item, "name", self.text(self.name_id, REQUIRED_ID), self.text(self.name_en))
        item["kind"] = self.kind.data
        set_optional(item, "address", self.text(self.address))
        set_optional(item, "head_title", self.text(self.head_title))
        return None if self.failed else item


class SectorForm(ItemForm):
    code = StringField(_l("Kode"))
    name_id = StringField(_l("Nama"))
    name_en = StringField(_l("Nama (English)"))
    agency = SelectField(_l("Instansi pembina"), choices=[], validate_choice=False)
    issue_fields = {"name": "name_id"}

    def load(self, item: dict) -> None:
        self.code.data = item.get("code", "")
        self.name_id.data, self.name_en.data = get_i18n(item, "name")
        self.agency.data = item.get("agency", "")

    def build(self, base: dict) -> dict | None:
        self.start()
        item = copy.deepcopy(base)
        item["code"] = self.clean_code(self.code, N_("Kode wajib diisi."))
        set_i18n(item, "name", self.text(self.name_id, REQUIRED_ID), self.text(self.name_en))
        item["agency"] = self.text(self.agency, N_("Pilih instansi pembina."))
        return None if self.failed else item


class HolidayForm(ItemForm):
    date = StringField(_l("Tanggal"), render_kw={"type": "date"})
    name = StringField(_l("Nama hari libur"))
    kind = SelectField(_l("Jenis"), choices=choices([("national", _l("Libur nasional")),
                                                      ("cuti_bersama", _l("Cuti bersama"))]))

    def load(self, item: dict) -> None:
        self.date.data = item.get("date", "")
        self.name.data = item.get("name", "")
        self.kind.data = item.get("kind", "national")

    def build(self, base: dict) -> dict | None:
        self.start()
        item = copy.deepcopy(base)
        raw = self.text(self.date, N_("Tanggal wajib diisi."))
        try:
            item["date"] = date.fromisoformat(raw).isoformat() if raw else ""
        except ValueError:
            self.fail(self.date, N_("Tanggal tidak valid; gunakan format TTTT-BB-HH."))
        item["name"] = self.text(self.name, N_("Nama hari libur wajib diisi."))
        item["kind"] = self.kind.data
        return None if self.failed else item


class RoutingForm(ItemForm):
    code = StringField(_l("Kode alur"))
    name_id = StringField(_l("Nama alur"))
    name_en = StringField(_l("Nama (English)"))
    description_id = TextAreaField(_l("Keterangan"), render_kw={"rows": 2})
    description_en = TextAreaField(_l("Keterangan (English)"), render_kw={"rows": 2})
    steps_json = TextAreaField(_l("Langkah (JSON)"), render_kw={"rows": 20, "spellcheck": "false"})
    issue_fields = {"name": "name_id", "description": "description_id", "steps": "steps_json"}

    def load(self, item: dict) -> None:
        self.code.data = item.get("code", "")
        self.name_id.data, self.name_en.data = get_i18n(item, "name")
        self.description_id.data, self.description_en.data = get_i18n(item, "description")
        self.steps_json.data = dumps(item.get("steps", []))

    def build(self, base: dict) -> dict | None:
        self.start()
        item = copy.deepcopy(base)
        item["code"] = self.clean_code(self.code, N_("Kode alur wajib diisi."), "lower")
        set_i18n(item, "name", self.text(self.name_id, REQUIRED_ID), self.text(self.name_en))
        set_i18n(item, "description", self.text(self.description_id),
                 self.text(self.description_en))
        steps = self.json(self.steps_json, N_("Langkah wajib diisi."))
        if steps is not None:
            item["steps"] = steps
        return None if self.failed else item


class LookupForm(ItemForm):
    name = StringField(_l("Nama tabel"))
    title_id = StringField(_l("Judul"))
    title_en = StringField(_l("Judul (English)"))
    key_column = StringField(_l("Kolom kunci"))
    columns_json = TextAreaField(_l("Kolom (JSON)"), render_kw={"rows": 10, "spellcheck": "false"})
    issue_fields = {"title": "title_id", "columns": "columns_json"}

    def load(self, item: dict) -> None:
        self.name.data = item.get("name", "")
        self.title_id.data, self.title_en.data = get_i18n(item, "title")
        self.key_column.data = item.get("key_column", "code")
        self.columns_json.data = dumps(item.get("columns", [
            {"key": "code", "label": {"id": "Kode"}}, {"key": "name", "label": {"id": "Nama"}}]))

    def build(self, base: dict) -> dict | None:
        self.start()
        item = copy.deepcopy(base)
        item["name"] = self.clean_code(self.name, N_("Nama tabel wajib diisi."), "lower")
        set_i18n(item, "title", self.text(self.title_id, N_("Judul wajib diisi.")),
                 self.text(self.title_en))
        item["key_column"] = self.text(self.key_column, N_("Kolom kunci wajib diisi."))
        columns = self.json(self.columns_json, N_("Kolom wajib diisi."))
        if columns is not None:
            item["columns"] = columns
        item.setdefault("rows", [])
        return None if self.failed else item


def row_form_class(table: dict) -> type:
    """A form with one text input per column of a lookup table (fields named c_<column>)."""
    attrs: dict[str, Any] = {"issue_fields": {}}
    for column in table.get("columns") or []:
        if isinstance(column, dict) and column.get("key"):
            label = get_i18n(column, "label")[0] or column["key"]
            attrs[f"c_{column['key']}"] = StringField(label)
    return type("LookupRowForm", (RowFormBase,), attrs)


class RowFormBase(ItemForm):
    def field_for_issue(self, key: str | None) -> str:
        return f"c_{key}" if f"c_{key}" in self._fields else "_other"

    def columns(self) -> list[Any]:
        return [f for name, f in self._fields.items() if name.startswith("c_")]

    def load(self, row: dict) -> None:
        for field in self.columns():
            value = row.get(field.name[2:])
            if value is None:
                field.data = ""
            elif isinstance(value, bool):
                field.data = "true" if value else "false"
            else:
                field.data = str(value)

    def build(self, base: dict, table: dict) -> dict | None:
        """Numbers stay numbers (and true/false booleans) where the column holds them."""
        self.start()
        row = copy.deepcopy(base)
        rows = [r for r in table.get("rows") or [] if isinstance(r, dict)]
        for field in self.columns():
            key = field.name[2:]
            raw = (field.data or "").strip()
            kinds = {type(r[key]) for r in rows if r.get(key) is not None}
            if not raw:
                row.pop(key, None)
            elif kinds and kinds <= {bool} and raw.lower() in ("true", "false", "ya", "tidak"):
                row[key] = raw.lower() in ("true", "ya")
            elif kinds and kinds <= {int, float}:
                value = self.number(field)
                row[key] = value if value is not None else raw
            else:
                row[key] = raw
        key_column = table.get("key_column")
        if key_column and row.get(key_column) in (None, ""):
            field = self._fields.get(f"c_{key_column}")
            if field is not None:
                self.fail(field, N_("Kolom kunci wajib diisi."))
        return None if self.failed else row
