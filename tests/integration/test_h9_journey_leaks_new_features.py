"""The auditor's grep of test_g9_journey_leaks, over this round's features: a person types
their NIK into the registration form (with its privacy consent), into a refused API filter,
and into a portal chat whose transcript they download. Afterwards no log line (DEBUG), no
e-mail subject or body and no transcript holds the number whole, with or without
separators."""

from __future__ import annotations

import logging
import re
import subprocess

import pytest

from app.privacy.masking import mask_identity
from tests.api_helpers import applicant_with_token, bearer
from tests.chat_helpers import send, visitor_chat
from tests.helpers import csrf_from, deliver, new_nik, publish_catalogue
from tests.integration.test_registration import form_data, send_code

pytestmark = pytest.mark.usefixtures("always_open")


def _spaced(number: str) -> str:
    return " ".join(number[i:i + 4] for i in range(0, len(number), 4))


def _register(app, client, mailbox, nik: str) -> None:
    send_code(client, "rina@contoh.id")
    deliver(app)
    data = form_data(client, "perorangan", email="rina@contoh.id",
                     email_code=mailbox.last_code("rina@contoh.id"), nik=nik)
    assert data.get("privacy_consent")  # the registration form's consent, ticked
    assert client.post("/daftar/perorangan", data=data).status_code == 302


def _api_filters(app, client, nik: str) -> None:
    for url in (f"/api/v1/katalog/izin?bidang={nik}", f"/api/v1/katalog/izin?instansi={nik}"):
        assert client.get(url).status_code == 400
    _user, token = applicant_with_token(app)
    answer = client.get(f"/api/v1/saya/permohonan?status={_spaced(nik)}", headers=bearer(token))
    assert answer.status_code == 400


def _chat_transcript(app, nik: str) -> str:
    visitor, token, page = visitor_chat(app, contact="budi@contoh.id", name=f"Budi {nik}")
    base = f"/chat/percakapan/{token}"
    assert send(visitor, base, csrf_from(page), f"NIK saya {_spaced(nik)}").status_code == 201
    visitor.post(f"{base}/tutup", data={"csrf_token": csrf_from(page)})
    closed = visitor.get("/bantuan/chat/percakapan").get_data(as_text=True)
    assert f"{base}/transkrip.pdf" in closed
    pdf = visitor.get(f"{base}/transkrip.pdf")
    assert pdf.status_code == 200
    return subprocess.run(["pdftotext", "-", "-"], input=pdf.data, capture_output=True,
                          check=True).stdout.decode()


def test_no_identity_number_in_logs_or_mails_from_consent_api_filters_and_transcripts(
        app, client, mailbox, caplog):
    caplog.set_level(logging.DEBUG)
    publish_catalogue(app)
    nik = new_nik()
    _register(app, client, mailbox, nik)
    _api_filters(app, client, nik)
    transcript = _chat_transcript(app, nik)
    deliver(app)
    mails = "\n".join(f"{m['Subject']}\n{m.get_payload(decode=True).decode()}"
                      for m in mailbox.messages)
    assert f"NIK saya {mask_identity(nik)}" in transcript  # the message, its number masked
    places = {"log": "\n".join(r.getMessage() for r in caplog.records), "mail": mails,
              "transcript": transcript}
    for where, text in places.items():
        assert nik not in re.sub(r"[ .\-]", "", text), where
