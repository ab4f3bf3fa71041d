"""Turns jsonschema's English errors into Indonesian FormIssues with dotted paths.

Admins read these messages next to an Excel row, so each one names the offending key and
says what would be valid, instead of echoing the schema.
"""

from collections.abc import Iterable, Iterator
from typing import Any

from jsonschema import Draft202012Validator, ValidationError

from .issues import FormIssue
from .marked import N_
from .schema import FORM_SCHEMA

_VALIDATOR = Draft202012Validator(FORM_SCHEMA)
_TYPE_NAMES = {
    "string": N_("teks"),
    "number": N_("angka"),
    "integer": N_("bilangan bulat"),
    "boolean": "true/false",
    "object": N_("objek"),
    "array": N_("daftar"),
    "null": "null",
}
# the schema's lists of types, named as one value of MSG_MUST_BE (a page translates it whole)
_TYPE_LISTS = {("number", "string"): N_("angka atau teks")}


# The schema's messages, marked for the console's English pages (forms_schema.marked).
MSG_REQUIRED = N_("Kolom '{name}' wajib diisi.")
MSG_UNKNOWN = N_("Kolom '{name}' tidak dikenal.")
MSG_MUST_BE = N_("Harus berupa {shape}.")  # also forms_schema.definition's
MSG_EMPTY = N_("Tidak boleh kosong.")
MSG_MIN_LENGTH = N_("Minimal {limit} karakter.")
MSG_MIN_ITEMS = N_("Minimal {limit} item.")
MSG_MIN_VALUE = N_("Nilai minimal {limit}.")
MSG_MAX_VALUE = N_("Nilai maksimal {limit}.")
MSG_ENUM = N_("Harus salah satu dari: {choices}.")
MSG_PATTERN = N_("Format tidak sesuai pola {pattern}.")
MSG_OTHER = N_("Tidak sesuai skema ({kind}).")


def format_path(parts: Iterable[Any]) -> str:
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def schema_issues(definition: Any) -> list[FormIssue]:
    issues: list[FormIssue] = []
    for error in _VALIDATOR.iter_errors(definition):
        for issue in _translate(error):
            if issue not in issues:
                issues.append(issue)
    return issues


def _translate(error: ValidationError) -> Iterator[FormIssue]:
    path = list(error.absolute_path)
    kind, expected, instance = error.validator, error.validator_value, error.instance
    schema = error.schema if isinstance(error.schema, dict) else {}
    if kind == "required" and isinstance(instance, dict):
        for name in expected:
            if name not in instance:
                yield FormIssue(format_path([*path, name]), MSG_REQUIRED.format(name=name))
        return
    if kind == "additionalProperties" and isinstance(instance, dict):
        known = set(schema.get("properties", {}))
        for name in instance:
            if name not in known:
                yield FormIssue(format_path([*path, name]), MSG_UNKNOWN.format(name=name))
        return
    yield FormIssue(format_path(path), schema.get("x-message") or _message(kind, expected))


def _message(kind: str, expected: Any) -> str:
    if kind == "type":
        names = [expected] if isinstance(expected, str) else list(expected)
        shape = _TYPE_LISTS.get(tuple(names)) or " atau ".join(_TYPE_NAMES.get(n, n)
                                                              for n in names)
        return MSG_MUST_BE.format(shape=shape)
    if kind == "minLength":
        return MSG_EMPTY if expected == 1 else MSG_MIN_LENGTH.format(limit=expected)
    if kind == "minItems":
        return MSG_EMPTY if expected == 1 else MSG_MIN_ITEMS.format(limit=expected)
    if kind == "minimum":
        return MSG_MIN_VALUE.format(limit=expected)
    if kind == "maximum":
        return MSG_MAX_VALUE.format(limit=expected)
    if kind == "enum":
        return MSG_ENUM.format(choices=", ".join(map(str, expected)))
    if kind == "pattern":
        return MSG_PATTERN.format(pattern=expected)
    return MSG_OTHER.format(kind=kind)
