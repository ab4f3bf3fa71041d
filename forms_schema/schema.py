"""JSON Schema (draft 2020-12) of a form definition: the structural contract.

It is published as data so the catalogue's own schema and external tools can reuse it.
Rules the schema language expresses badly (unknown field types, duplicate keys, regex
syntax, conditions, min > max) are checked in definition.py with clearer messages.
"""

from typing import Any

from .marked import N_

KEY_PATTERN = r"^[a-z][a-z0-9_]*$"
REGION_LEVELS = ("province", "regency", "district", "village")

_TEXT: dict[str, Any] = {
    "type": "object",
    "properties": {"id": {"type": "string", "minLength": 1}, "en": {"type": "string"}},
    "required": ["id"],
    "additionalProperties": False,
}
_OPTIONAL_TEXT: dict[str, Any] = {
    "type": "object",
    "properties": {"id": {"type": "string"}, "en": {"type": "string"}},
    "additionalProperties": False,
}
_KEY: dict[str, Any] = {
    "type": "string",
    "pattern": KEY_PATTERN,
    "x-message": N_("Harus diawali huruf kecil dan hanya berisi huruf kecil, angka dan '_'."),
}
_CONDITION: dict[str, Any] = {"type": "string", "minLength": 1}
_COUNT: dict[str, Any] = {"type": "integer", "minimum": 0}
# A rule across fields (or, on a group, across one row's sub-fields): `check` must hold,
# else `message` is shown on `field` (by default the first field the check names).
_RULE: dict[str, Any] = {
    "type": "object",
    "properties": {"check": _CONDITION, "message": _TEXT, "field": _KEY},
    "required": ["check", "message"],
    "additionalProperties": False,
}
_RULES: dict[str, Any] = {"type": "array", "minItems": 1, "items": _RULE}
_OPTION: dict[str, Any] = {
    "anyOf": [
        {"type": "string", "minLength": 1},
        {
            "type": "object",
            "properties": {"value": {"type": "string", "minLength": 1}, "label": _TEXT},
            "required": ["value", "label"],
            "additionalProperties": False,
        },
    ],
    "x-message": N_("Opsi harus berupa teks atau objek "
                    "{\"value\": ..., \"label\": {\"id\": ...}}."),
}


def _requires(field_types: list[str], key: str) -> dict[str, Any]:
    return {
        "if": {"properties": {"type": {"enum": field_types}}, "required": ["type"]},
        "then": {"required": [key]},
    }


_FIELD: dict[str, Any] = {
    "type": "object",
    "properties": {
        "key": _KEY,
        "type": {"type": "string", "minLength": 1},
        "label": _TEXT,
        "help": _OPTIONAL_TEXT,
        "placeholder": _OPTIONAL_TEXT,
        "required": {"type": "boolean"},
        "required_if": _CONDITION,
        "required_message": _TEXT,
        "visible_if": _CONDITION,
        "default": {},
        "options": {"type": "array", "minItems": 1, "items": _OPTION},
        "min": {"type": ["number", "string"]},
        "max": {"type": ["number", "string"]},
        "min_length": _COUNT,
        "max_length": _COUNT,
        "pattern": {"type": "string", "minLength": 1},
        "pattern_message": _TEXT,
        "decimals": {"type": "integer", "minimum": 0, "maximum": 10},
        "table": {"type": "string", "minLength": 1},
        "requirement": {"type": "string", "minLength": 1},
        "level": {"enum": list(REGION_LEVELS)},
        "within": _KEY,
        "fields": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/field"}},
        "min_rows": _COUNT,
        "max_rows": {"type": "integer", "minimum": 1},
        "rules": _RULES,
        "verify": {
            "type": "object",
            "properties": {"not_before": {"type": "string", "minLength": 1},
                           "not_after": {"type": "string", "minLength": 1},
                           "message": _TEXT},
            "required": ["message"],
            "minProperties": 2,
            "additionalProperties": False,
        },
    },
    "required": ["key", "type"],
    "additionalProperties": False,
    "allOf": [
        _requires(["select", "multiselect", "radio"], "options"),
        _requires(["lookup"], "table"),
        _requires(["file"], "requirement"),
        _requires(["group"], "fields"),
    ],
}

_SECTION: dict[str, Any] = {
    "type": "object",
    "properties": {
        "key": _KEY,
        "title": _TEXT,
        "description": _OPTIONAL_TEXT,
        "visible_if": _CONDITION,
        "fields": {"type": "array", "items": {"$ref": "#/$defs/field"}},
    },
    "required": ["title", "fields"],
    "additionalProperties": False,
}

FORM_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://eptsp.example/schemas/form-definition.json",
    "title": "Definisi formulir E-PTSP",
    "type": "object",
    "properties": {
        "sections": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/section"}},
        "rules": _RULES,
    },
    "required": ["sections"],
    "additionalProperties": False,
    "$defs": {"text": _TEXT, "field": _FIELD, "section": _SECTION},
}
