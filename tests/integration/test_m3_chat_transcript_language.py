"""A chat transcript is written in the language of whoever downloads it (the page's), as the
reports' PDFs are: an English helpdesk member or applicant reads English headings, labels
and system notes; an Indonesian download reads as it always did. What people typed is
printed as typed."""

from __future__ import annotations

import pytest

from tests.helpers import new_nik
from tests.integration.test_chat_transcript import _answered_and_closed, _download, _pdf_text

pytestmark = pytest.mark.usefixtures("always_open")

ENGLISH = ["HELPDESK CONVERSATION TRANSCRIPT", "Reference number:", "Handled by",
           "Started", "Closed", "Conversation", "joined the conversation.",
           "The conversation was closed by the helpdesk."]
INDONESIAN = ["TRANSKRIP PERCAKAPAN HELPDESK", "Nomor referensi:", "Ditangani oleh",
              "Dimulai", "Ditutup", "Isi Percakapan", "bergabung dalam percakapan.",
              "Percakapan ditutup oleh petugas."]


def _english(client) -> None:
    client.get("/bahasa/en", headers={"Referer": "http://localhost/"})


def test_an_english_helpdesk_member_downloads_an_english_transcript(app, client):
    _user, _token, cid, helpdesk = _answered_and_closed(app, client, new_nik())
    _english(helpdesk)
    text = _pdf_text(_download(helpdesk, cid))
    for words in ENGLISH:
        assert words in text, words
    assert "Applicant" in text and "Siti Aminah" in text
    assert "Sedang diverifikasi." in text  # the helpdesk's own words, as typed
    assert "Page 1 of 1" in text and "printed" in text
    for words in ("TRANSKRIP", "Nomor referensi", "bergabung", "ditutup oleh", "Desember",
                  "Halaman"):
        assert words not in text, words


def test_an_english_applicant_downloads_an_english_transcript(app, client):
    _user, token, _cid, _helpdesk = _answered_and_closed(app, client, new_nik())
    _english(client)
    text = _pdf_text(client.get(f"/chat/percakapan/{token}/transkrip.pdf"))
    assert "HELPDESK CONVERSATION TRANSCRIPT" in text
    assert "The conversation was closed by the helpdesk." in text
    assert "Officer" not in text and "Petugas" not in text
    # the helpdesk by its role (not Hana's name), in the header and on its line, never
    # "Helpdesk staff: Officer"
    assert _lines_with(text, "Handled by") == ["Handled by : Helpdesk"]
    assert any(line.endswith("Helpdesk Sedang diverifikasi.") for line in _lines(text))
    assert "Someone from the helpdesk joined the conversation." in _squeezed(text)
    assert "Hana" not in text  # the helpdesk member is named to the helpdesk only


def test_an_indonesian_applicant_reads_the_helpdesk_by_its_role_once(app, client):
    _user, token, _cid, _helpdesk = _answered_and_closed(app, client, new_nik())
    text = _pdf_text(client.get(f"/chat/percakapan/{token}/transkrip.pdf"))
    assert "Petugas helpdesk: Petugas" not in _squeezed(text)
    assert _lines_with(text, "Ditangani oleh") == ["Ditangani oleh : Petugas helpdesk"]
    assert any(line.endswith("Petugas helpdesk Sedang diverifikasi.") for line in _lines(text))
    assert "Petugas helpdesk bergabung dalam percakapan." in _squeezed(text)
    assert "Hana" not in text


def test_the_helpdesk_copy_names_who_handled_it(app, client):
    _user, _token, cid, helpdesk = _answered_and_closed(app, client, new_nik())
    assert _lines_with(_pdf_text(_download(helpdesk, cid)), "Ditangani oleh") == \
        ["Ditangani oleh : Hana"]
    _english(helpdesk)
    assert _lines_with(_pdf_text(_download(helpdesk, cid)), "Handled by") == \
        ["Handled by : Hana"]


def _squeezed(text: str) -> str:
    return " ".join(text.split()).replace(" :", ":")


def _lines(text: str) -> list[str]:
    """pdftotext -layout's lines, their runs of spaces (columns) as one."""
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def _lines_with(text: str, start: str) -> list[str]:
    return [line for line in _lines(text) if line.startswith(start)]


def test_an_indonesian_download_is_unchanged(app, client):
    _user, token, cid, helpdesk = _answered_and_closed(app, client, new_nik())
    for text in (_pdf_text(_download(helpdesk, cid)),
                 _pdf_text(client.get(f"/chat/percakapan/{token}/transkrip.pdf"))):
        for words in INDONESIAN:
            assert words in text, words
        assert "Pemohon" in text and "Halaman 1 dari 1" in text
        assert "joined" not in text and "TRANSCRIPT" not in text
