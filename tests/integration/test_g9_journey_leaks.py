"""A whole journey, then an auditor's grep: an applicant (NIK) and a company (NPWP) register,
submit, get a revision note and a permit, complain, chat and ask for erasure, while staff
quote their numbers in notes and replies. Afterwards no log line (DEBUG), no e-mail subject
or body, and no staff Excel export (all applications, audit log) holds either number whole,
with or without separators."""

from __future__ import annotations

import io
import logging
import re

from openpyxl import load_workbook

from app import casework
from app.complaints import service as complaints
from app.extensions import db
from app.models.chat import APPLICANT
from app.privacy import requests
from app.services import chat, review
from tests.backoffice_helpers import staff_client
from tests.complaint_helpers import file_applicant, helpdesk, seed_categories
from tests.helpers import (
    deliver,
    make_applicant,
    make_finished,
    make_staff,
    make_submitted,
    publish_catalogue,
)


def _spaced(number: str) -> str:
    return " ".join(number[i:i + 4] for i in range(0, len(number), 4))


def _journey(app, person, number: str) -> None:
    request = requests.request_erasure(person, {"reason": f"Nomor saya {number}.",
                                                "confirm": True})
    requests.refuse(request, note=f"Nomor {_spaced(number)} masih dipakai izin.")
    application = make_submitted(app, person, "IZIN-PENELITIAN")
    verifier = casework.actor_for(make_staff(app, "Verifikator"))
    review.act(application, verifier, "revisi", note=f"Nomor {_spaced(number)} tidak cocok.")
    db.session.commit()
    make_finished(app, person)
    complaint = file_applicant(app, person, body=f"Data saya {number} salah ketik.")
    _staff, officer = helpdesk(app)
    complaints.reply(complaint, f"Nomor {'-'.join(_spaced(number).split())} sudah kami cek.",
                     officer)
    conversation = chat.start_for_user(person.id)
    chat.post(conversation, APPLICANT, person.id, f"Identitas saya {number}")


def _workbook_text(response) -> str:
    assert response.status_code == 200, response.status_code
    book = load_workbook(io.BytesIO(response.data), read_only=True)
    return " ".join(str(cell) for sheet in book for row in sheet.iter_rows(values_only=True)
                    for cell in row if cell is not None)


def test_no_identity_number_in_logs_mails_or_staff_exports(app, mailbox, caplog):
    caplog.set_level(logging.DEBUG)
    publish_catalogue(app)
    seed_categories(app)
    person, data = make_applicant(app)
    company, company_data = make_applicant(app, kind="badan_usaha")
    mailbox.clear()
    _journey(app, person, data["nik"])
    _journey(app, company, company_data["npwp"])
    deliver(app)
    staff, _officer = staff_client(app, "Super Admin")

    places = {
        "log": "\n".join(r.getMessage() for r in caplog.records),
        "mail": "\n".join(f"{m['Subject']}\n{m.get_payload(decode=True).decode()}"
                          for m in mailbox.messages),
        "applications.xlsx": _workbook_text(staff.get("/admin/permohonan/ekspor.xlsx")),
        "audit.xlsx": _workbook_text(staff.get("/admin/audit/ekspor.xlsx")),
    }
    assert "sudah kami cek" in places["mail"]  # the replies did go out
    for number in (data["nik"], company_data["npwp"]):
        for where, text in places.items():
            assert number not in re.sub(r"[ .\-]", "", text), (where, number)
