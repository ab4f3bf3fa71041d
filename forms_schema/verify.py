"""Checks the verifier must see: a catalogue date field can say which dates a reviewer should
question, as data ({"verify": {"not_before": "today", "message": {...}}}) — an STR that has
expired by the day of verification, a deed dated after the application was filed.

The applicant may still submit such an answer (it was true when typed, or the office decides);
the verifier's screen lists every flag with its field, value and message.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from .marked import N_
from .months import long_date

# marked for the console's English pages (forms_schema.marked)
MSG_BAD_ANCHOR = N_("Batas pemeriksaan harus 'today', 'submitted' atau tanggal TTTT-BB-HH, "
                    "bukan '{value}'.")

ANCHORS = ("today", "submitted")  # besides an ISO date


@dataclass(frozen=True)
class Flag:
    key: str
    label: dict
    value: date
    message: dict


def anchor_issue(text: Any) -> str | None:
    """None when `text` is "today", "submitted" or an ISO date, else what is wrong."""
    if text in ANCHORS:
        return None
    try:
        date.fromisoformat(str(text))
    except ValueError:
        return MSG_BAD_ANCHOR.format(value=text)
    return None


def _anchor(text: str, today: date, submitted: date | None) -> date | None:
    if text == "today":
        return today
    if text == "submitted":
        return submitted
    return date.fromisoformat(text)


def _fields(sections: Iterable[Mapping]) -> Iterable[Mapping]:
    for section in sections:
        for spec in section.get("fields") or ():
            if isinstance(spec, Mapping):
                yield spec


def verifier_flags(definition: Mapping, answers: Mapping[str, Any], *, today: date,
                   submitted: date | None = None) -> list[Flag]:
    """Every top-level date answer outside its field's `verify` bounds, in form order."""
    flags = []
    for spec in _fields(definition.get("sections") or ()):
        rule = spec.get("verify")
        raw = answers.get(spec.get("key"))
        if not isinstance(rule, Mapping) or not raw:
            continue
        try:
            value = date.fromisoformat(str(raw))
        except ValueError:
            continue
        low = _anchor(rule["not_before"], today, submitted) if "not_before" in rule else None
        high = _anchor(rule["not_after"], today, submitted) if "not_after" in rule else None
        if (low is not None and value < low) or (high is not None and value > high):
            flags.append(Flag(spec["key"], spec.get("label") or {"id": spec["key"]}, value,
                              rule.get("message") or {}))
    return flags


def flag_text(flag: Flag, language: str = "id") -> str:
    label = flag.label.get(language) or flag.label.get("id", flag.key)
    message = flag.message.get(language) or flag.message.get("id", "")
    return f"{label}: {long_date(flag.value, language)} — {message}"
