"""The engine's messages in the reader's language: every one has its English, and a formatted
one (a limit, a date, a region level) comes out in English with its values."""

import re
import string
from datetime import date, datetime, time

import pytest

from forms_schema import messages as msg
from forms_schema.messages_en import TEXTS

CONSTANTS = {name: value for name, value in vars(msg).items()
             if name.isupper() and isinstance(value, str)}


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_message_has_an_english_text_with_the_same_values():
    assert set(CONSTANTS) == set(TEXTS), "English missing or left over"
    for name, indonesian in CONSTANTS.items():
        english = TEXTS[name]
        assert english and english != indonesian, name
        assert _fields(english) == _fields(indonesian), name


def test_every_plain_message_reads_in_english_and_stays_indonesian_in_indonesian():
    for name, indonesian in CONSTANTS.items():
        if "{" in indonesian:
            continue
        assert msg.in_language(indonesian, "en") == TEXTS[name]
        assert msg.in_language(indonesian, "id") == indonesian


FORMATTED = [
    (msg.min_value(10), "The value must be at least 10."),
    (msg.max_value("0.5"), "The value must be at most 0.5."),
    (msg.min_date(date(2024, 1, 1)), "The earliest date allowed is 1 January 2024."),
    (msg.max_date(date(2026, 12, 1)), "The latest date allowed is 1 December 2026."),
    (msg.min_length(3), "At least 3 characters."),
    (msg.max_length(200), "At most 200 characters."),
    (msg.min_selected(2), "Choose at least 2."),
    (msg.max_selected(4), "Choose at most 4."),
    (msg.decimals(2), "At most 2 digits after the decimal point."),
    (msg.decimals(0), "Must be a whole number."),
    (msg.min_rows(1), "At least 1 row(s)."),
    (msg.max_rows(10), "At most 10 row(s)."),
    (msg.region_level("kecamatan"), "Choose the region down to the district level."),
    (msg.region_level("desa/kelurahan"), "Choose the region down to the village level."),
    (msg.file_format(["pdf", "jpg"]), "The file must be in one of these formats: pdf, jpg."),
    (msg.file_size(2), "The file is larger than the 2 MB limit."),
    (msg.region_outside("Kecamatan"),
     "Kecamatan is not valid: it is not within the region chosen above it."),
    (msg.min_moment(time(7, 0)), "Cannot be before 07:00."),
    (msg.max_moment(time(21, 0, 30)), "Cannot be after 21:00:30."),
    (msg.min_moment(datetime(2026, 8, 17, 8, 0)), "Cannot be before 17 August 2026, 08:00."),
]


@pytest.mark.parametrize(("indonesian", "english"), FORMATTED)
def test_formatted_messages_round_trip_into_english(indonesian, english):
    assert msg.in_language(indonesian, "en") == english
    assert msg.in_language(indonesian, "id") == indonesian


def test_dates_in_messages_are_written_out_in_each_language():
    indonesian = msg.max_date(date(2026, 12, 1))
    assert indonesian == "Tanggal paling akhir 1 Desember 2026."
    assert not re.search(r"\d{2}-\d{2}-\d{4}", msg.in_language(indonesian, "en"))
    assert msg.max_moment(datetime(2026, 5, 2, 16, 30)) == "Tidak boleh setelah 2 Mei 2026, 16:30."


@pytest.mark.parametrize("text", ["Nama wajib diisi", "Nilai minimal", "", "Wajib diisi"])
def test_a_text_the_engine_did_not_write_comes_back_unchanged(text):
    assert msg.in_language(text, "en") == text


def test_a_language_without_texts_reads_indonesian():
    assert msg.in_language(msg.REQUIRED, "fr") == msg.REQUIRED
    assert msg.in_language(msg.min_value(3), "fr") == msg.min_value(3)


def test_a_name_inside_a_message_is_given_by_the_page_that_knows_it():
    """A field's label or a document's name: forms_schema cannot know them in English, the
    page that shows the message does (name_in); a name it does not know stays as it is."""
    names = {"Kecamatan": "District", "Fotokopi KTP": "ID card copy"}.get
    assert msg.in_language(msg.region_outside("Kecamatan"), "en", lambda t: names(t) or t) == (
        "District is not valid: it is not within the region chosen above it.")
    assert msg.in_language(msg.document_required("Fotokopi KTP"), "en",
                           lambda t: names(t) or t) == "ID card copy must be uploaded."
    assert msg.in_language(msg.document_required("Akta"), "en", lambda t: names(t) or t) == (
        "Akta must be uploaded.")
    assert msg.in_language(msg.region_outside("Kecamatan"), "id", lambda t: "X") == (
        msg.region_outside("Kecamatan"))


def test_a_definition_message_is_given_whole_by_the_page_that_knows_it():
    """A definition's own message ("NIK wajib diisi"): the page's name_in knows it in the
    reader's language (CompiledForm.messages); one it does not know stays as it is."""
    names = {"NIK wajib diisi": "NIK is required."}.get
    assert msg.in_language("NIK wajib diisi", "en", lambda t: names(t) or t) == (
        "NIK is required.")
    assert msg.in_language("Lain", "en", lambda t: names(t) or t) == "Lain"
    assert msg.in_language("NIK wajib diisi", "id", lambda t: names(t) or t) == (
        "NIK wajib diisi")


def test_a_missing_document_reads_well_whatever_its_name_begins_with():
    """Names like "Dokumen Lingkungan (AMDAL/UKL-UPL/SPPL)" once read "Dokumen Dokumen ..."."""
    name = "Dokumen Lingkungan (AMDAL/UKL-UPL/SPPL)"
    assert msg.document_required(name) == f"{name} wajib diunggah."
    english = {name: "Environmental Document"}.get
    assert msg.in_language(msg.document_required(name), "en", lambda t: english(t) or t) == (
        "Environmental Document must be uploaded.")
    assert msg.own_text(msg.document_required(name)) == msg.DOCUMENT_REQUIRED


def test_the_nik_format_message_reads_like_the_other_identity_messages():
    """Was "No NIK hanya boleh Angka 16 digit" (odd capitals, no full stop)."""
    assert msg.NIK_FORMAT == "NIK harus 16 digit angka."
    assert msg.in_language(msg.NIK_FORMAT, "en") == "The NIK must be 16 digits."
