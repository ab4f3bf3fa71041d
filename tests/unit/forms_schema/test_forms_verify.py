"""Dates a catalogue asks the verifier to question (forms_schema.verifier_flags)."""

from __future__ import annotations

from datetime import date

from forms_schema import flag_text, validate_form_definition, verifier_flags

FORM = {"sections": [{"title": {"id": "Data"}, "fields": [
    {"key": "str_until", "type": "date", "label": {"id": "STR berlaku sampai"},
     "verify": {"not_before": "today", "message": {"id": "STR kedaluwarsa"}}},
    {"key": "deed_on", "type": "date", "label": {"id": "Tanggal akta"},
     "verify": {"not_after": "submitted", "message": {"id": "Akta setelah pengajuan"}}},
]}]}
TODAY = date(2026, 12, 6)


def test_a_date_before_today_and_one_after_submission_are_flagged():
    answers = {"str_until": "2026-12-05", "deed_on": "2026-12-02"}
    flags = verifier_flags(FORM, answers, today=TODAY, submitted=date(2026, 12, 1))
    assert [(f.key, f.message["id"]) for f in flags] == [
        ("str_until", "STR kedaluwarsa"), ("deed_on", "Akta setelah pengajuan")]


def test_dates_within_their_bounds_and_empty_answers_are_not_flagged():
    answers = {"str_until": "2026-12-06", "deed_on": ""}
    assert verifier_flags(FORM, answers, today=TODAY, submitted=date(2026, 12, 1)) == []


def test_a_bound_that_is_not_a_date_or_anchor_is_a_definition_error():
    bad = {"sections": [{"title": {"id": "Data"}, "fields": [
        {"key": "d", "type": "date", "verify": {"not_before": "besok",
                                                "message": {"id": "x"}}}]}]}
    issues = validate_form_definition(bad)
    assert any("besok" in i.message for i in issues)


def test_verify_belongs_to_date_fields_only():
    bad = {"sections": [{"title": {"id": "Data"}, "fields": [
        {"key": "t", "type": "text", "verify": {"not_before": "today",
                                                "message": {"id": "x"}}}]}]}
    assert any("verify" in i.path for i in validate_form_definition(bad))


def test_a_flag_reads_in_the_language_asked_for():
    """The verifier's screen passes the reader's language: the date follows it too."""
    form = {"sections": [{"title": {"id": "Data"}, "fields": [
        {"key": "str_until", "type": "date",
         "label": {"id": "STR berlaku sampai", "en": "STR valid until"},
         "verify": {"not_before": "today",
                    "message": {"id": "STR kedaluwarsa", "en": "STR expired"}}}]}]}
    [flag] = verifier_flags(form, {"str_until": "2026-08-17"}, today=TODAY, submitted=None)
    assert flag_text(flag, "en") == "STR valid until: 17 August 2026 — STR expired"
    assert flag_text(flag, "id") == "STR berlaku sampai: 17 Agustus 2026 — STR kedaluwarsa"
