"""Turns jsonschema's English errors into Indonesian FormIssues with dotted paths.

Admins read these messages next to an Excel row, so each one names the offending key and
says what would be valid, instead of echoing the schema.
"""

from collections.abc import Iterable, Iterator
from typing import Any

from jsonschema import Draft202012Validator, ValidationError

from .issues import FormIssue
from .schema import FORM_SCHEMA

_VALIDATOR = Draft202012Validator(FORM_SCHEMA)
_TYPE_NAMES = {
    "string": "teks",
    "number": "angka",
    "integer": "bilangan bulat",
    "boolean": "true/false",
    "object": "objek",
    "array": "daftar",
    "null": "null",
}


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
                yield FormIssue(format_path([*path, name]), f"Kolom '{name}' wajib diisi.")
        return
    if kind == "additionalProperties" and isinstance(instance, dict):
        known = set(schema.get("properties", {}))
        for name in instance:
            if name not in known:
                yield FormIssue(format_path([*path, name]), f"Kolom '{name}' tidak dikenal.")
        return
    yield FormIssue(format_path(path), schema.get("x-message") or _message(kind, expected))


def _message(kind: str, expected: Any) -> str:
    if kind == "type":
        names = [expected] if isinstance(expected, str) else list(expected)
        return "Harus berupa " + " atau ".join(_TYPE_NAMES.get(n, n) for n in names) + "."
    if kind == "minLength":
        return "Tidak boleh kosong." if expected == 1 else f"Minimal {expected} karakter."
    if kind == "minItems":
        return "Tidak boleh kosong." if expected == 1 else f"Minimal {expected} item."
    if kind == "minimum":
        return f"Nilai minimal {expected}."
    if kind == "maximum":
        return f"Nilai maksimal {expected}."
    if kind == "enum":
        return "Harus salah satu dari: " + ", ".join(map(str, expected)) + "."
    if kind == "pattern":
        return f"Format tidak sesuai pola {expected}."
    return f"Tidak sesuai skema ({kind})."
