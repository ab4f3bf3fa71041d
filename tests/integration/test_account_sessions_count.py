"""The account pages' "Sesi aktif" counts the logins still in force (sessions.live_count),
not every session row nobody revoked yet."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import select

from app.extensions import db
from app.models import UserSession
from tests.backoffice_helpers import staff_client


def test_the_account_page_counts_only_logins_still_in_force(app):
    """A login left idle past SESSION_IDLE_MINUTES has ended, though its row is revoked only
    when its cookie comes back; the account page does not count it as active."""
    admin, _ = staff_client(app, "Super Admin")
    _victim, user = staff_client(app, "Verifikator")
    row = db.session.scalar(select(UserSession).where(UserSession.user_id == user.id))
    page = admin.get(f"/admin/pengguna/{user.id}").get_data(as_text=True)
    assert re.search(r'id="account-sessions">1<', page)

    row.last_seen_at -= timedelta(minutes=app.config["SESSION_IDLE_MINUTES"] + 1)
    db.session.commit()
    page = admin.get(f"/admin/pengguna/{user.id}").get_data(as_text=True)
    assert re.search(r'id="account-sessions">0<', page)
    assert db.session.get(UserSession, row.id).revoked_at is None  # not revoked, yet ended
