"""A certificate template's `label.x` (an answer as the applicant read it) is checked against
the permit's form like `data.x`: a label of a field the form does not have is reported."""

from __future__ import annotations

from catalogue.templates import template_issues

PERMIT = {"form": {"sections": [{"key": "s", "fields": [
    {"key": "jenis_toko", "type": "select", "options": ["minimarket"]},
    {"key": "tim", "type": "group", "fields": [{"key": "nama", "type": "text"}]}]}]}}


def test_a_label_of_a_field_of_the_form_is_fine():
    assert template_issues("<p>{{ label.jenis_toko }} {{ label['jenis_toko'] }}</p>",
                           PERMIT) == []


def test_a_label_of_a_missing_field_is_reported():
    assert template_issues("<p>{{ label.luas }}</p>", PERMIT) == [
        "Templat membaca label.luas, tetapi formulir izin ini tidak punya isian 'luas'."]


def test_rows_of_a_repeating_group_are_fine_and_of_anything_else_reported():
    loop = "{% for baris in rows.tim %}{{ baris.nama }}{% endfor %}"
    assert template_issues(loop, PERMIT) == []
    assert template_issues("{% for b in rows.jenis_toko %}{{ b }}{% endfor %}{{ rows.luas }}",
                           PERMIT) == [
        "Templat membaca rows.jenis_toko, tetapi 'jenis_toko' bukan isian grup berulang izin "
        "ini.",
        "Templat membaca rows.luas, tetapi 'luas' bukan isian grup berulang izin ini."]
