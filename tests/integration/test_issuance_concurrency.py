"""Twenty signing officials pressing "Terbitkan" at the same moment, each in their own app
context and database connection: twenty permits with twenty distinct, consecutive numbers
(the sequence row is locked inside each issuance's transaction, so none is skipped or
repeated), every one a signed PDF."""

from __future__ import annotations

import threading

from sqlalchemy import select

from app import casework
from app.extensions import db
from app.models import Application, IssuedPermit, User
from app.services import review
from tests.helpers import (
    all_documents_valid,
    make_applicant,
    make_staff,
    make_submitted,
    publish_catalogue,
)

COUNT = 20


def test_twenty_concurrent_issuances_get_twenty_consecutive_numbers(app):
    publish_catalogue(app)
    person, _ = make_applicant(app)
    verifier = casework.actor_for(make_staff(app, "Verifikator", "DPMPTSP"))
    ids = []
    for _ in range(COUNT):
        application = make_submitted(app, person, "IZIN-ANGSUS")
        review.act(application, verifier, "lanjut", verdicts=all_documents_valid(application))
        ids.append(application.id)
    signers = [make_staff(app, "Penandatangan", "DPMPTSP").id for _ in range(COUNT)]
    db.session.remove()
    barrier = threading.Barrier(COUNT)
    failures: list[str] = []

    def sign(app_id: int, user_id: int) -> None:
        with app.app_context():
            try:
                target = db.session.get(Application, app_id)
                actor = casework.actor_for(db.session.get(User, user_id))
                db.session.commit()  # hand the connection back: the pool has fewer than 20
                barrier.wait(timeout=60)
                review.act(target, actor, "terbitkan")
            except Exception as exc:  # collected: the assertion below shows every failure
                failures.append(f"{type(exc).__name__}: {exc}")
            finally:
                db.session.remove()

    threads = [threading.Thread(target=sign, args=pair) for pair in zip(ids, signers,
                                                                          strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert failures == []
    permits = db.session.scalars(select(IssuedPermit).order_by(IssuedPermit.seq)).all()
    assert [p.seq for p in permits] == list(range(1, COUNT + 1))
    year = permits[0].year
    assert [p.number for p in permits] == [f"551/{n:04d}/ASK/DPMPTSP/{year}"
                                           for n in range(1, COUNT + 1)]
    assert len({p.token for p in permits}) == COUNT
    assert all(len(p.sha256) == 64 for p in permits)
