"""Answers read back (forms_schema.display_answers) in the language the caller asks for: the
applicant's and the verifier's pages pass the reader's, printed documents keep Indonesian."""

from __future__ import annotations

from forms_schema import display_answers

FORM = {"sections": [{"title": {"id": "Data Praktik", "en": "Practice"}, "fields": [
    {"key": "until", "type": "date", "label": {"id": "Berlaku sampai", "en": "Valid until"}},
    {"key": "from", "type": "datetime", "label": {"id": "Mulai", "en": "Starts"}},
    {"key": "kind", "type": "radio", "label": {"id": "Jenis", "en": "Kind"}, "options": [
        {"value": "umum", "label": {"id": "Dokter Umum", "en": "General practitioner"}}]},
    {"key": "night", "type": "boolean", "label": {"id": "Malam", "en": "Night"}},
    {"key": "places", "type": "group", "label": {"id": "Tempat lain", "en": "Other places"},
     "fields": [{"key": "name", "type": "text", "label": {"id": "Nama", "en": "Name"}}]},
]}]}
ANSWERS = {"until": "2026-08-17", "from": "2026-03-10T14:30", "kind": "umum", "night": True,
           "places": [{"name": "Klinik A"}, {"name": "Klinik B"}]}


def shown(**kw) -> tuple[str, list[tuple[str, str]]]:
    [section] = display_answers(FORM, ANSWERS, **kw)
    return section.title, [(i.label, i.text) for i in section.items]


def test_answers_read_in_english_when_asked():
    assert shown(locale="en") == ("Practice", [
        ("Valid until", "17 August 2026"), ("Starts", "10 March 2026, 14:30"),
        ("Kind", "General practitioner"), ("Night", "Yes"), ("Other places", "2 rows")])


def test_answers_read_in_indonesian_by_default():
    assert shown() == ("Data Praktik", [
        ("Berlaku sampai", "17 Agustus 2026"), ("Mulai", "10 Maret 2026, 14:30"),
        ("Jenis", "Dokter Umum"), ("Malam", "Ya"), ("Tempat lain", "2 baris")])
