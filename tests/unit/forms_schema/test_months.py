"""Month names in both languages from one module: documents in Indonesian, pages in the
reader's language, a chart's axis abbreviated."""

from __future__ import annotations

from datetime import date

import forms_schema


def test_month_names_in_each_language_and_indonesian_for_any_other():
    assert forms_schema.month_names("id")[7] == "Agustus"
    assert forms_schema.month_names("en")[7] == "August"
    assert forms_schema.month_names("fr") == forms_schema.month_names("id")
    assert len(set(forms_schema.month_names("en"))) == 12


def test_short_names_for_an_axis():
    assert forms_schema.month_names("id", short=True)[4:8] == ("Mei", "Jun", "Jul", "Agu")
    assert forms_schema.month_names("en", short=True)[11] == "Dec"


def test_a_long_date_is_indonesian_unless_asked():
    assert forms_schema.long_date(date(2026, 12, 23)) == "23 Desember 2026"
    assert forms_schema.long_date(date(2026, 5, 3), "en") == "3 May 2026"
