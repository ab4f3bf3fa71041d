"""The questionnaire as a web form: built by forms_schema (the permit forms' engine) with
Flask-WTF's CSRF, and the answers a logged-in applicant's profile may fill in beforehand."""

from __future__ import annotations

from datetime import date

from flask_wtf import FlaskForm

import forms_schema

from .. import i18n
from .questionnaire import Questionnaire


def form_class(questionnaire: Questionnaire) -> type:
    return forms_schema.build_form(questionnaire.form, locale=i18n.locale(), base=FlaskForm)


def _age(born: date | None, today: date) -> int | None:
    if born is None:
        return None
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def prefill(questionnaire: Questionnaire, profile, today: date) -> dict:
    """Values from the applicant's own profile (manual: "data otomatis terisi dari profil
    Anda"); only for the owner, never on the public page, and always editable."""
    if profile is None:
        return {}
    sources = {"gender": profile.gender, "age": _age(profile.birth_date, today),
               "education": profile.education, "occupation": profile.occupation}
    values = {}
    for field, rule in questionnaire.prefill.items():
        value = sources.get(rule.get("source"))
        if value is None or value == "":
            continue
        mapping = rule.get("map")
        if mapping is not None:
            value = mapping.get(str(value))
        allowed = {v for v, _label in questionnaire.options(field)}
        if value is not None and (not allowed or str(value) in allowed):
            values[field] = value
    return values
