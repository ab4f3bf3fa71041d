"""JSON Schemas (draft 2020-12) of the catalogue documents.

The schemas catch shape mistakes (missing keys, wrong types, typos in key names) with a path
to the offending value; cross-document rules (references, routing graph) live in
`references.py` and `routing_graph.py`. The form inside a permit is checked by `forms_schema`.
"""

from __future__ import annotations

I18N = {
    "type": "object",
    "properties": {
        "id": {"type": "string", "minLength": 1},
        "en": {"type": "string", "minLength": 1},
    },
    "required": ["id"],
    "additionalProperties": False,
}
UPPER_CODE = {"type": "string", "pattern": "^[A-Z][A-Z0-9_-]{1,39}$"}
LOWER_KEY = {"type": "string", "pattern": "^[a-z][a-z0-9_]{0,63}$"}
SLUG = {"type": "string", "pattern": "^[a-z0-9][a-z0-9-]{1,39}$"}
TEXT = {"type": "string", "minLength": 1}
WORDS = {"type": "array", "items": TEXT, "uniqueItems": True}
STEP_TARGET = {
    "type": "string",
    "pattern": "^(@applicant|@rejected|@issued|[a-z][a-z0-9_-]{0,63})$",
}
AGENCY_REF = {"type": "string", "pattern": "^(@permit|[A-Z][A-Z0-9_-]{1,39})$"}

APPLICATION_TYPE = {
    "type": "object",
    "properties": {"code": LOWER_KEY, "name": I18N,
                   "effect": {"enum": ["new", "renewal", "amendment", "revocation"]}},
    "required": ["code", "name"],
    "additionalProperties": False,
}
ACTION = {
    "type": "object",
    "properties": {"code": LOWER_KEY, "name": I18N},
    "required": ["code", "name"],
    "additionalProperties": False,
}
AGENCY = {
    "type": "object",
    "properties": {
        "code": UPPER_CODE,
        "name": I18N,
        "kind": {"enum": ["dpmptsp", "dinas", "badan"]},
        "address": TEXT,
        "head_title": TEXT,
    },
    "required": ["code", "name", "kind"],
    "additionalProperties": False,
}
SECTOR = {
    "type": "object",
    "properties": {"code": UPPER_CODE, "name": I18N, "agency": UPPER_CODE},
    "required": ["code", "name", "agency"],
    "additionalProperties": False,
}
ROLE = {
    "type": "object",
    "properties": {"name": TEXT, "description": I18N,
                   "powers": {"type": "array", "items": {"enum": ["reopen", "revoke"]},
                              "uniqueItems": True}},
    "required": ["name"],
    "additionalProperties": False,
}
STEP = {
    "type": "object",
    "properties": {
        "key": LOWER_KEY,
        "name": I18N,
        "role": TEXT,
        "agency": AGENCY_REF,
        "agencies": {"type": "array", "items": AGENCY_REF, "minItems": 2, "uniqueItems": True},
        "sla_days": {"type": "integer", "minimum": 0},
        "actions": {
            "type": "object",
            "propertyNames": {"pattern": "^[a-z][a-z0-9_]{0,31}$"},
            "additionalProperties": STEP_TARGET,
            "minProperties": 1,
        },
    },
    "required": ["key", "name", "role", "actions"],
    "additionalProperties": False,
}
ROUTING = {
    "type": "object",
    "properties": {
        "code": SLUG,
        "name": I18N,
        "description": I18N,
        "steps": {"type": "array", "items": STEP, "minItems": 1},
    },
    "required": ["code", "name", "steps"],
    "additionalProperties": False,
}
REQUIREMENT = {
    "type": "object",
    "properties": {
        "key": LOWER_KEY,
        "name": I18N,
        "description": I18N,
        "required": {"type": "boolean"},
        "formats": {
            "type": "array",
            "items": {"type": "string", "pattern": "^[a-z0-9]{2,5}$"},
            "minItems": 1,
            "uniqueItems": True,
        },
        "max_mb": {"type": "number", "exclusiveMinimum": 0, "maximum": 100},
        "applies_to": WORDS,
        "template_file": {"type": "string", "pattern": "^templates/[A-Za-z0-9._-]+$"},
    },
    "required": ["key", "name", "formats", "max_mb"],
    "additionalProperties": False,
}
VALIDITY = {
    "type": ["object", "null"],
    "properties": {k: {"type": "integer", "minimum": 1} for k in ("years", "months", "days")},
    "minProperties": 1,
    "additionalProperties": False,
}
PERMIT = {
    "type": "object",
    "properties": {
        "code": UPPER_CODE,
        "name": I18N,
        "agency": UPPER_CODE,
        "sector": UPPER_CODE,
        "description": I18N,
        "legal_basis": WORDS,
        "application_types": {**WORDS, "minItems": 1},
        "sla_working_days": {"type": "integer", "minimum": 1},
        "validity": VALIDITY,
        "validity_by_type": {"type": "object", "propertyNames": LOWER_KEY,
                             "additionalProperties": VALIDITY},
        "fee": {"type": "number", "minimum": 0},
        "registration_number": TEXT,
        "permit_number": TEXT,
        "routing": SLUG,
        "revision_deadline_days": {"type": "integer", "minimum": 1, "default": 5},
        # the renewal window: a renewal may be applied for from N days before the permit
        # ends until M days after; absent = no limit on that side
        "renewal_window_days_before": {"type": "integer", "minimum": 1},
        "renewal_grace_days_after": {"type": "integer", "minimum": 0},
        "certificate": {
            "type": "object",
            "properties": {"template": TEXT},
            "required": ["template"],
            "additionalProperties": False,
        },
        # opting in to the public WebGIS map: which geopoint field of the form places it
        "map": {
            "type": "object",
            "properties": {"field": LOWER_KEY},
            "required": ["field"],
            "additionalProperties": False,
        },
        "requirements": {"type": "array", "items": REQUIREMENT},
        "form": {"type": "object", "required": ["sections"]},
    },
    "required": [
        "code", "name", "agency", "sector", "application_types", "sla_working_days", "validity",
        "fee", "registration_number", "permit_number", "routing", "requirements", "form",
    ],
    "additionalProperties": False,
}
LOOKUP = {
    "type": "object",
    "properties": {
        "name": {"type": "string", "pattern": "^[a-z][a-z0-9_]{0,23}$"},
        "title": I18N,
        "key_column": LOWER_KEY,
        "columns": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "properties": {"key": LOWER_KEY, "label": I18N},
                "required": ["key", "label"],
                "additionalProperties": False,
            },
        },
        "rows": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": {"type": ["string", "number", "boolean"]},
            },
        },
    },
    "required": ["name", "title", "key_column", "columns", "rows"],
    "additionalProperties": False,
}
HOLIDAY = {
    "type": "object",
    "properties": {
        "date": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
        "name": TEXT,
        "kind": {"enum": ["national", "cuti_bersama"]},
    },
    "required": ["date", "name", "kind"],
    "additionalProperties": False,
}


def _list_of(item: dict) -> dict:
    return {"type": "array", "items": item}


CATALOGUE = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://eptsp.local/schemas/catalogue.json",
    "type": "object",
    "properties": {
        "application_types": _list_of(APPLICATION_TYPE),
        "actions": _list_of(ACTION),
        "agencies": _list_of(AGENCY),
        "sectors": _list_of(SECTOR),
        "roles": _list_of(ROLE),
        "routings": _list_of(ROUTING),
        "permits": _list_of(PERMIT),
        "lookups": _list_of(LOOKUP),
        "holidays": _list_of(HOLIDAY),
    },
    "required": ["agencies", "sectors", "routings", "permits"],
    "additionalProperties": False,
}

DOCUMENTS = {
    "application_type": APPLICATION_TYPE,
    "action": ACTION,
    "agency": AGENCY,
    "sector": SECTOR,
    "role": ROLE,
    "routing": ROUTING,
    "permit": PERMIT,
    "lookup": LOOKUP,
    "holiday": HOLIDAY,
}
