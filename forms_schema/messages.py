"""Applicant-facing messages shared by the web form and the JSON validator.

Both paths must say exactly the same thing for the same mistake, so the texts live in one place.
The checks always produce the Indonesian text (the REST API answers in Indonesian, the
office's language); a page shows it in its reader's language with `in_language`, which finds
the English beside it (messages_en.py), also for the formatted ones ("Nilai minimal 5.").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, time

from . import messages_en
from .months import MONTHS, long_date

REQUIRED = "Wajib diisi."
INVALID_CHOICE = "Pilihan tidak valid."
UNKNOWN_FIELD = "Isian tidak dikenal."
NOT_OBJECT = "Harus berupa objek JSON."
NOT_INTEGER = "Harus berupa bilangan bulat."
NOT_DECIMAL = "Harus berupa angka."
NOT_DATE = "Format tanggal tidak valid (TTTT-BB-HH)."
NOT_TEXT = "Harus berupa teks."
NOT_BOOLEAN = "Harus berupa ya/tidak (true/false)."
NOT_LIST = "Harus berupa daftar pilihan."
NOT_ROWS = "Harus berupa daftar baris."
PATTERN = "Format tidak sesuai."
EMAIL = "Alamat email tidak valid."
PHONE = "Nomor HP tidak valid (contoh: 081234567890)."
NIK_FORMAT = "NIK harus 16 digit angka."
NIK_DATE = "NIK tidak valid: tanggal lahir pada NIK tidak sesuai."
NIK_SERIAL = "NIK tidak valid: nomor urut tidak boleh 0000."
NIK_PROVINCE = "NIK tidak valid: kode provinsi tidak dikenal."
NPWP_FORMAT = "Format NPWP harus 15 atau 16 digit angka."
NIB_FORMAT = "Format NIB harus 13 digit angka."
REGION_CODE = "Kode wilayah tidak valid."
REGION_UNKNOWN = "Wilayah tidak ditemukan."
GEOPOINT_FORMAT = "Format titik lokasi harus 'lintang,bujur', misalnya -1.2654,116.8312."
LATITUDE = "Lintang harus di antara -90 dan 90."
LONGITUDE = "Bujur harus di antara -180 dan 180."
OUT_OF_BOUNDS = "Titik lokasi berada di luar batas wilayah."
FILE_UNKNOWN = "Berkas tidak ditemukan di File Saya."
NOT_FUTURE = "Tanggal tidak boleh di masa depan."
NOT_PAST = "Tanggal tidak boleh sebelum hari ini."
NOT_TIME = "Format jam tidak valid (JJ:MM)."
NOT_DATETIME = "Format tanggal dan jam tidak valid (TTTT-BB-HH JJ:MM)."

# Formatted messages: each {name} is filled by the function below it.
MIN_VALUE = "Nilai minimal {limit}."
MAX_VALUE = "Nilai maksimal {limit}."
MIN_DATE = "Tanggal paling awal {limit}."
MAX_DATE = "Tanggal paling akhir {limit}."
MIN_LENGTH = "Minimal {limit} karakter."
MAX_LENGTH = "Maksimal {limit} karakter."
MIN_SELECTED = "Pilih minimal {limit}."
MAX_SELECTED = "Pilih maksimal {limit}."
DECIMALS = "Maksimal {limit} angka di belakang koma."
MIN_ROWS = "Minimal {limit} baris."
MAX_ROWS = "Maksimal {limit} baris."
REGION_LEVEL = "Pilih wilayah sampai tingkat {level}."
FILE_FORMAT = "Format berkas harus salah satu dari: {formats}."
FILE_SIZE = "Ukuran berkas melebihi batas {max_mb} MB."
# the name leads: requirement names often begin "Dokumen ..." or "Surat ..." themselves
DOCUMENT_REQUIRED = "{name} wajib diunggah."
REGION_OUTSIDE = "{label} tidak valid: tidak berada di wilayah yang dipilih di atasnya."
MIN_MOMENT = "Tidak boleh sebelum {limit}."
MAX_MOMENT = "Tidak boleh setelah {limit}."


def min_value(limit: object) -> str:
    return MIN_VALUE.format(limit=limit)


def max_value(limit: object) -> str:
    return MAX_VALUE.format(limit=limit)


def min_date(limit: date) -> str:
    """Dates are written out ("1 Desember 2026"): "01-12-2026" reads as 12 January to many
    English readers, and the page writes dates this way everywhere else."""
    return MIN_DATE.format(limit=long_date(limit, "id"))


def max_date(limit: date) -> str:
    return MAX_DATE.format(limit=long_date(limit, "id"))


def min_length(limit: int) -> str:
    return MIN_LENGTH.format(limit=limit)


def max_length(limit: int) -> str:
    return MAX_LENGTH.format(limit=limit)


def min_selected(limit: int) -> str:
    return MIN_SELECTED.format(limit=limit)


def max_selected(limit: int) -> str:
    return MAX_SELECTED.format(limit=limit)


def decimals(limit: int) -> str:
    return NOT_INTEGER if limit == 0 else DECIMALS.format(limit=limit)


def min_rows(limit: int) -> str:
    return MIN_ROWS.format(limit=limit)


def max_rows(limit: int) -> str:
    return MAX_ROWS.format(limit=limit)


def region_level(level_name: str) -> str:
    return REGION_LEVEL.format(level=level_name)


def file_format(formats: list[str]) -> str:
    return FILE_FORMAT.format(formats=", ".join(formats))


def file_size(max_mb: object) -> str:
    return FILE_SIZE.format(max_mb=max_mb)


def document_required(name: str) -> str:
    return DOCUMENT_REQUIRED.format(name=name)


def region_outside(label: str) -> str:
    return REGION_OUTSIDE.format(label=label)


def min_moment(limit: time | datetime) -> str:
    return MIN_MOMENT.format(limit=_moment(limit))


def max_moment(limit: time | datetime) -> str:
    return MAX_MOMENT.format(limit=_moment(limit))


def _moment(value: time | datetime) -> str:
    """08:00, or 1 Desember 2026, 08:00 (the way answers are shown); seconds only when set."""
    clock = value.strftime("%H:%M:%S" if value.second else "%H:%M")
    return f"{long_date(value.date(), 'id')}, {clock}" if isinstance(value, datetime) else clock


def in_language(message: str, lang: str, name_in: Callable[[str], str] | None = None) -> str:
    """A message of this module in `lang`: Indonesian as it is, English from messages_en, a
    formatted one with its values (dates, region levels) in that language too.

    `name_in` gives a name inside a message (a field's label, a document's name) in `lang`;
    the page that shows the message knows those names, this module does not. It also gives
    a whole text this module did not produce: a definition's own message ("NIK wajib
    diisi", CompiledForm.messages) is the page's to know too. Without it, or when it knows
    nothing of the text, the text comes back unchanged."""
    table = _TABLES.get(lang)
    if table is None or not message:
        return message
    plain, words, formatted = table
    if message in plain:
        return plain[message]
    for pattern, template in formatted:
        found = pattern.fullmatch(message)
        if found:
            values = {k: _value(v, words, lang, name_in) for k, v in found.groupdict().items()}
            return template.format(**values)
    return name_in(message) if name_in is not None else message


_DATE = re.compile(r"\b([0-9]{1,2}) (" + "|".join(MONTHS["id"]) + r") ([0-9]{4})\b")


def _value(text: str, words: dict[str, str], lang: str,
           name_in: Callable[[str], str] | None) -> str:
    """A value inside a message: a level's name, a name the page knows, or the dates in it,
    in `lang`."""
    if text in words:
        return words[text]
    if name_in is not None:
        named = name_in(text)
        if named != text:
            return named
    return _DATE.sub(lambda m: long_date(date(int(m[3]), MONTHS["id"].index(m[2]) + 1,
                                              int(m[1])), lang), text)


def template_pattern(template: str) -> re.Pattern[str] | None:
    """The Indonesian template as a pattern that finds it in the text it became, each {value}
    a named group; None for a template without values or naming one twice (a group name
    cannot repeat). Also app.i18n's, for the services' marked templates."""
    parts = re.split(r"\{(\w+)\}", template)
    names = parts[1::2]
    if not names or len(set(names)) != len(names):
        return None
    return re.compile("".join(f"(?P<{part}>.+?)" if i % 2 else re.escape(part)
                              for i, part in enumerate(parts)), re.S)


Table = tuple[dict[str, str], dict[str, str], list[tuple[re.Pattern[str], str]]]


def _table(texts: dict[str, str], words: dict[str, str]) -> Table:
    """A language's plain texts by their Indonesian, its words, and its formatted texts as
    (pattern of the Indonesian, template)."""
    names = {name: value for name, value in globals().items()
             if name.isupper() and isinstance(value, str) and name in texts}
    plain = {value: texts[name] for name, value in names.items() if "{" not in value}
    formatted = [(pattern, texts[name]) for name, value in names.items()
                 if (pattern := template_pattern(value)) is not None]
    return plain, words, formatted


_TABLES = {"en": _table(messages_en.TEXTS, messages_en.WORDS)}
# this module's Indonesian messages, the longest (most specific) first, with their patterns
_OWN = [(text, template_pattern(text)) for text in sorted(
    (value for name, value in globals().items() if name.isupper() and isinstance(value, str)),
    key=len, reverse=True)]


def own_text(message: str) -> str | None:
    """The message of this module `message` is: itself, or the template it was filled in from
    (the longest that fits); None for any other text (a definition's own, a service's). A
    page weighs it against a service's marked text the message also fits (app's `pesan`)."""
    return next((text for text, pattern in _OWN
                 if text == message or (pattern is not None and pattern.fullmatch(message))),
                None)
