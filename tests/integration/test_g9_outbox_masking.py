"""No NIK or NPWP in an e-mail, even when a member of staff types one into a note: the
applicant's mailbox (and the Kotak Keluar copy staff can read) shows it masked."""

from __future__ import annotations

import re

from sqlalchemy import select

from app import casework
from app.extensions import db
from app.models import OutboxMessage
from app.privacy import masking, requests
from app.services import review
from tests.helpers import (
    deliver,
    make_applicant,
    make_staff,
    make_submitted,
    publish_catalogue,
)


def _text(message) -> str:
    return f"{message['Subject']}\n{message.get_payload(decode=True).decode()}"


def _digits(text: str) -> str:
    return re.sub(r"[^0-9]", "", text)


def test_revision_note_quoting_the_nik_reaches_the_mailbox_masked(app, mailbox):
    publish_catalogue(app)
    person, data = make_applicant(app)
    nik = data["nik"]
    spaced = " ".join(nik[i:i + 4] for i in range(0, 16, 4))
    application = make_submitted(app, person, "IZIN-PENELITIAN")
    verifier = casework.actor_for(make_staff(app, "Verifikator"))
    review.act(application, verifier, "revisi", note=f"NIK {spaced} pada KTP tidak terbaca.")
    db.session.commit()
    mailbox.clear()
    deliver(app)

    mail = [m for m in mailbox.to(person.email) if "revisi" in m["Subject"].lower()]
    assert mail, "the applicant got no revision e-mail"
    body = _text(mail[0])
    assert "tidak terbaca" in body  # the note itself still arrives
    assert nik not in _digits(body)
    assert masking.mask_identity(nik) in body
    stored = db.session.scalars(select(OutboxMessage)).all()
    assert all(nik not in _digits(m.body + m.subject) for m in stored)


def test_refusal_note_of_an_erasure_request_is_masked_in_the_email(app, mailbox):
    person, data = make_applicant(app, kind="badan_usaha")
    npwp = data["npwp"]
    request = requests.request_erasure(person, {"reason": "Tidak dipakai lagi.",
                                                "confirm": True})
    printed = f"{npwp[:2]}.{npwp[2:5]}.{npwp[5:8]}.{npwp[8]}-{npwp[9:12]}.{npwp[12:15]}"
    requests.refuse(request, note=f"NPWP {printed} masih dipakai izin aktif.")
    mailbox.clear()
    deliver(app)

    body = _text(mailbox.to(person.email)[-1])
    assert "masih dipakai izin aktif" in body
    assert npwp[:15] not in _digits(body)
