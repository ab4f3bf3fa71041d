"""A chat transcript is written in the language of whoever downloads it (the page's), as the
reports' PDFs are: an English helpdesk member or applicant reads English headings, labels
and system notes; an Indonesian download reads as it always did. What people typed is
printed as typed."""

from __future__ import annotations

import pytest

from tests.helpers import new_nik
from tests.integration.test_chat_transcript import _answered_and_closed, _download, _pdf_text

pytestmark = pytest.mark.usefixtures("always_open")

ENGLISH = ["HELPDESK CONVERSATION TRANSCRIPT", "Reference number:", "Helpdesk staff",
           "Started", "Closed", "Conversation", "joined the conversation.",
           "The conversation was closed by the helpdesk."]
INDONESIAN = ["TRANSKRIP PERCAKAPAN HELPDESK", "Nomor referensi:", "Petugas helpdesk",
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
    assert "Officer" in text and "Petugas" not in text  # staff unnamed, in English


def test_an_indonesian_download_is_unchanged(app, client):
    _user, token, cid, helpdesk = _answered_and_closed(app, client, new_nik())
    for text in (_pdf_text(_download(helpdesk, cid)),
                 _pdf_text(client.get(f"/chat/percakapan/{token}/transkrip.pdf"))):
        for words in INDONESIAN:
            assert words in text, words
        assert "Pemohon" in text and "Halaman 1 dari 1" in text
        assert "joined" not in text and "TRANSCRIPT" not in text
