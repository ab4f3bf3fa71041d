"""The property form of one field in the form builder: built per field type from what the
type allows (the field-type registry's `allowed_keys`), so the admin sees the properties of
that type and no others, each as an input — never JSON. Keys the form does not show (verify,
required_message, a group's rules, ...) are kept as they were."""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, StringField, TextAreaField

from forms_schema import FIELD_TYPES

from .catalogue_forms import choices, get_i18n, set_i18n

TYPE_LABELS = {
    "text": _l("Teks singkat"), "textarea": _l("Teks panjang"), "number": _l("Bilangan bulat"),
    "decimal": _l("Angka desimal"), "date": _l("Tanggal"), "time": _l("Jam"),
    "datetime": _l("Tanggal dan jam"), "select": _l("Pilihan (daftar)"),
    "multiselect": _l("Pilihan ganda"), "radio": _l("Pilihan (tombol radio)"),
    "boolean": _l("Ya/tidak (centang)"), "email": _l("Email"), "phone": _l("Nomor HP"),
    "nik": _l("NIK"), "npwp": _l("NPWP"), "nib": _l("NIB"), "region": _l("Wilayah"),
    "geopoint": _l("Titik peta"), "lookup": _l("Tabel referensi"),
    "group": _l("Grup berulang (tabel baris)"), "file": _l("Berkas persyaratan"),
}
LEVELS = (("province", _l("Provinsi")), ("regency", _l("Kabupaten/kota")),
          ("district", _l("Kecamatan")), ("village", _l("Desa/kelurahan")))


def type_label(name: str) -> str:
    return str(TYPE_LABELS.get(name, name))


def type_choices() -> list:
    """Every type of the registry (a type added there appears here by itself)."""
    return choices([(name, f"{type_label(name)} ({name})") for name in FIELD_TYPES])


@dataclass(frozen=True)
class Prop:
    name: str  # the definition key
    kind: str  # key | i18n | bool | text | int | limit | options | choice | condition
    label: Any
    help: Any = ""
    blank: Any = "—"  # what a choice shows while nothing is chosen


PROPS = (
    Prop("key", "key", _l("Kunci"), _l("Huruf kecil, angka dan _; disimpan pada permohonan.")),
    Prop("label", "i18n", _l("Label")),
    Prop("help", "i18n", _l("Teks bantuan")),
    Prop("placeholder", "i18n", _l("Contoh isian")),
    Prop("required", "bool", _l("Wajib diisi")),
    Prop("options", "options", _l("Pilihan"),
         _l("Satu pilihan per baris: nilai | label | label (English), mis. "
            "mandiri | Praktik Mandiri | Independent practice")),
    # no table is the default: a lookup labelled "KBLI" must not quietly list health facilities
    Prop("table", "choice", _l("Tabel referensi"), blank=_l("— Pilih tabel —")),
    Prop("requirement", "choice", _l("Persyaratan yang diunggah di isian ini")),
    Prop("level", "choice", _l("Tingkat wilayah")),
    Prop("within", "choice", _l("Berada di dalam wilayah isian")),
    Prop("min", "limit", _l("Nilai minimal")),
    Prop("max", "limit", _l("Nilai maksimal")),
    Prop("min_length", "int", _l("Panjang minimal (karakter)")),
    Prop("max_length", "int", _l("Panjang maksimal (karakter)")),
    Prop("pattern", "text", _l("Pola (regex)"), _l("Mis. ^[0-9]{16}$ untuk 16 angka.")),
    Prop("pattern_message", "i18n", _l("Pesan bila pola tidak cocok")),
    Prop("decimals", "int", _l("Jumlah angka di belakang koma")),
    Prop("min_rows", "int", _l("Baris minimal")),
    Prop("max_rows", "int", _l("Baris maksimal")),
    Prop("default", "text", _l("Nilai bawaan")),
    Prop("visible_if", "condition", _l("Tampil bila"),
         _l("Kosong = selalu tampil. Susun dengan tombol di bawah atau tulis, mis. "
            "jenis == 'mandiri'.")),
    Prop("required_if", "condition", _l("Wajib bila"), _l("Kosong = mengikuti Wajib diisi.")),
)
LIMIT_HELP = {
    "date": _l("TTTT-BB-HH, atau today (hari pengisian)."), "time": _l("JJ:MM"),
    "datetime": _l("TTTT-BB-HHTJJ:MM"), "multiselect": _l("Jumlah pilihan."),
}


def props_for(type_name: str) -> tuple[Prop, ...]:
    allowed = FIELD_TYPES[type_name].allowed_keys
    return tuple(p for p in PROPS if p.name in allowed)


@cache
def form_class(type_name: str) -> type:
    attrs: dict[str, Any] = {"props": props_for(type_name), "field_type": type_name}
    for prop in props_for(type_name):
        if prop.kind == "i18n":
            # the two copies are told apart by their headings, not only by a grey hint
            attrs[f"{prop.name}_id"] = StringField(_l("%(label)s (Indonesia)", label=prop.label))
            attrs[f"{prop.name}_en"] = StringField(_l("%(label)s (English)", label=prop.label))
        elif prop.kind == "bool":
            attrs[prop.name] = BooleanField(prop.label)
        elif prop.kind == "options":
            attrs[prop.name] = TextAreaField(prop.label, render_kw={"rows": 5})
        elif prop.kind == "choice":
            attrs[prop.name] = SelectField(prop.label, choices=[], validate_choice=False)
        else:
            attrs[prop.name] = StringField(prop.label)
    return type(f"FieldProperties_{type_name}", (FieldPropertiesBase,), attrs)


def option_lines(options: Any) -> str:
    lines = []
    for option in options or ():
        if isinstance(option, dict):
            label_id, label_en = get_i18n(option, "label")
            lines.append(" | ".join(x for x in (str(option.get("value", "")), label_id,
                                                 label_en) if x))
        else:
            lines.append(str(option))
    return "\n".join(lines)


def parse_options(text: str) -> list:
    options: list = []
    for line in (text or "").splitlines():
        parts = [p.strip() for p in line.split("|")]
        if not parts[0]:
            continue
        if len(parts) == 1 or not any(parts[1:]):
            options.append(parts[0])
        else:
            label = {"id": parts[1] or parts[0]}
            if len(parts) > 2 and parts[2]:
                label["en"] = parts[2]
            options.append({"value": parts[0], "label": label})
    return options


class FieldPropertiesBase(FlaskForm):
    props: tuple[Prop, ...] = ()
    field_type = ""

    def fill_choices(self, *, tables: list[str], requirements: list[tuple[str, str]],
                     regions: list[tuple[str, str]]) -> None:
        lists = {"table": [(t, t) for t in tables], "requirement": requirements,
                 "level": LEVELS, "within": regions}
        for prop in self.props:
            if prop.kind == "choice":
                self[prop.name].choices = choices(lists[prop.name], blank=prop.blank)

    def load(self, spec: dict) -> None:
        for prop in self.props:
            value = spec.get(prop.name)
            if prop.kind == "i18n":
                self[f"{prop.name}_id"].data, self[f"{prop.name}_en"].data = get_i18n(
                    spec, prop.name)
            elif prop.kind == "bool":
                self[prop.name].data = bool(value)
            elif prop.kind == "options":
                self[prop.name].data = option_lines(value)
            elif isinstance(value, list):
                self[prop.name].data = ", ".join(map(str, value))
            else:
                self[prop.name].data = "" if value is None else str(value)

    def build(self, base: dict) -> dict | None:
        """The field with the admin's input applied; None when an input cannot be read."""
        spec = copy.deepcopy(base)
        failed = False
        for prop in self.props:
            try:
                self._apply(spec, prop)
            except ValueError as exc:
                self[prop.name].errors = [*self[prop.name].errors, str(exc)]
                failed = True
        return None if failed else spec

    def _apply(self, spec: dict, prop: Prop) -> None:
        name = prop.name
        if prop.kind == "i18n":
            set_i18n(spec, name, (self[f"{name}_id"].data or "").strip(),
                     (self[f"{name}_en"].data or "").strip())
            return
        if prop.kind == "bool":
            _put(spec, name, True if self[name].data else None)
            return
        raw = (self[name].data or "").strip()
        if prop.kind == "key":
            spec["key"] = raw
        elif prop.kind == "options":
            _put(spec, name, parse_options(self[name].data or ""))
        elif prop.kind == "int":
            if raw and not re.fullmatch(r"\d{1,9}", raw):
                raise ValueError("Harus bilangan bulat ≥ 0, mis. 3.")
            _put(spec, name, int(raw) if raw else None)
        elif prop.kind == "limit" or name == "default":
            _put(spec, name, typed(self.field_type, raw) if raw else None)
        else:
            _put(spec, name, raw or None)


def typed(type_name: str, raw: str) -> Any:
    """What an admin typed as a min/max/default, as the type stores it."""
    if type_name in ("number", "multiselect"):
        if not re.fullmatch(r"-?\d{1,15}", raw):
            raise ValueError("Harus bilangan bulat, mis. 10.")
        return int(raw)
    if type_name == "decimal":
        text = raw.replace(",", ".") if raw.count(",") == 1 and "." not in raw else raw
        if not re.fullmatch(r"-?\d{1,15}(\.\d{1,10})?", text):
            raise ValueError("Harus angka, mis. 2.5.")
        return float(text) if "." in text else int(text)
    if type_name == "boolean":
        return raw.lower() in ("ya", "true", "1", "y")
    return raw


def _put(spec: dict, name: str, value: Any) -> None:
    if value in (None, "", []):
        spec.pop(name, None)
    else:
        spec[name] = value
