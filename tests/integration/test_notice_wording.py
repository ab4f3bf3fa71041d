"""What the applicant is told names the permit by its own name: a permit called "Izin ..."
must not read "Izin Izin ..." in the inbox and the e-mail."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app import casework
from app.extensions import db
from app.models import InboxMessage
from app.services import revocation
from tests.helpers import make_applicant, make_finished, make_staff

pytestmark = pytest.mark.usefixtures("catalogue")
NAME = "Izin Penyelenggaraan Angkutan Sewa Khusus"  # IZIN-ANGSUS


def latest_body(person) -> str:
    return db.session.scalar(select(InboxMessage.body).where(InboxMessage.user_id == person.id)
                             .order_by(InboxMessage.id.desc()))


def test_issued_and_revoked_notices_name_an_izin_once(app):
    person, _ = make_applicant(app)
    application = make_finished(app, person, "terbitkan", "IZIN-ANGSUS")
    issued = latest_body(person)
    assert f"{NAME} Anda telah terbit dengan nomor {application.permit.number}" in issued
    assert "Izin Izin" not in issued

    signer = casework.actor_for(make_staff(app, "Penandatangan"))
    revocation.revoke(application, signer, "Izin dipindahtangankan")
    revoked = latest_body(person)
    assert f"{NAME} nomor {application.permit.number} dicabut oleh" in revoked
    assert "Izin Izin" not in revoked
