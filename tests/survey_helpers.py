"""Answers to the sample IKM questionnaire as a browser posts them, and as JSON."""

from __future__ import annotations

import json

from app.survey.store import SAMPLE

DOC = json.loads(SAMPLE.read_text(encoding="utf-8"))
SCALE_FIELDS = [item["field"] for index in DOC["indices"] for item in index["items"]]
UNSUR = {item["code"]: item["field"] for item in DOC["indices"][0]["items"]}


def answers(score: int | dict = 3, **profile) -> dict:
    """Every scale question `score` (or {field or unsur code: score}, others 3), a profile and
    a suggestion, as JSON answers."""
    scores = score if isinstance(score, dict) else {}
    default = 3 if isinstance(score, dict) else score
    by_field = {UNSUR.get(k, k): v for k, v in scores.items()}
    values = {field: str(by_field.get(field, default)) for field in SCALE_FIELDS}
    values.update({"jenis_kelamin": "P", "usia": 34, "pendidikan": "d4_s1",
                   "pekerjaan": "swasta", "saran": "", "komentar": "", "pernyataan": True})
    values.update(profile)
    return values


def posted(values: dict) -> dict:
    """The same answers as form fields (a checked checkbox posts "y", unchecked nothing)."""
    form = {}
    for key, value in values.items():
        if value is True:
            form[key] = "y"
        elif value not in (False, None):
            form[key] = str(value)
    return form
