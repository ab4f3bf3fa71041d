"""A certificate template's `label.x` (an answer as the applicant read it) is checked against
the permit's form like `data.x`: a label of a field the form does not have is reported."""

from __future__ import annotations

from catalogue.templates import template_issues

PERMIT = {"form": {"sections": [{"key": "s", "fields": [
    {"key": "jenis_toko", "type": "select", "options": ["minimarket"]}]}]}}


def test_a_label_of_a_field_of_the_form_is_fine():
    assert template_issues("<p>{{ label.jenis_toko }} {{ label['jenis_toko'] }}</p>",
                           PERMIT) == []


def test_a_label_of_a_missing_field_is_reported():
    assert template_issues("<p>{{ label.luas }}</p>", PERMIT) == [
        "Templat membaca label.luas, tetapi formulir izin ini tidak punya isian 'luas'."]
