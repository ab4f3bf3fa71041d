"""Server-side login sessions.

The signed cookie holds only a random token; the row decides whether it is still valid.
Login clears the old cookie contents and issues a new token (rotation), logout revokes the
row, an idle row expires (SESSION_IDLE_MINUTES), every row expires SESSION_MAX_HOURS after its
login however busy it is (absolute lifetime: a stolen cookie does not live forever), and a
password reset revokes every row of the account.

The cookie is sent only by an answer that changed the session (SESSION_REFRESH_EACH_REQUEST
off, config.py): an answer re-sending it unchanged could arrive after a login, logout or
language switch made meanwhile and put the old session back. Activity therefore does not
renew the cookie; it lives SESSION_MAX_HOURS, and the row's last_seen_at, touched by the
requests of a logged-in user, is what ends an idle login.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from flask import current_app, g, request, session
from flask_login import login_user, logout_user
from sqlalchemy import delete, func, not_, or_, select, update
from sqlalchemy.orm import joinedload

from .. import account_language
from ..extensions import db
from ..models import User, UserSession, utcnow

SESSION_KEY = "sid"
KIND_KEY = "skind"
_TOUCH_EVERY = timedelta(seconds=60)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start(user, kind: str) -> None:
    """Log `user` in with a fresh session; keeps only the language from before, and turns
    to the account's unless the person picked one (account_language, the rule)."""
    kept = account_language.carried()
    session.clear()
    session.update(kept)
    token = secrets.token_urlsafe(32)
    db.session.add(
        UserSession(token_hash=_hash(token), user_id=user.id, kind=kind,
                    ip=request.remote_addr if request else None)
    )
    from ..services import audit

    audit.record("login.ok", "Login staf" if kind == "staff" else "Login pemohon",
                 subject=user.email or "", user=user)
    db.session.commit()
    session[SESSION_KEY] = token
    session[KIND_KEY] = kind
    session.permanent = True
    login_user(user, remember=False, fresh=True)
    account_language.follow(user)
    _new_form_token()


def end() -> None:
    token = session.get(SESSION_KEY)
    if token:
        db.session.execute(
            update(UserSession)
            .where(UserSession.token_hash == _hash(token), UserSession.revoked_at.is_(None))
            .values(revoked_at=utcnow())
        )
        db.session.commit()
    logout_user()
    kept = account_language.carried(logging_out=True)
    session.clear()
    session.update(kept)
    _new_form_token()


def _new_form_token() -> None:
    """The cleared session's CSRF secret, made now so the login or logout answer's cookie
    carries it. Made later, by the first page after it, that page's cookie raced with any
    other answer of the same moment that changes the session (a second tab, a flash): the
    last cookie to arrive won, and forms rendered with the other secret were refused."""
    from flask_wtf.csrf import generate_csrf

    g.pop(current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token"), None)
    generate_csrf()


def end_all(user_id: int) -> None:
    """Revoke every session of an account, API tokens included (a reset password means the
    old holder may have them too); the caller commits with its own change."""
    from ..models import ApiToken

    now = utcnow()
    db.session.execute(
        update(UserSession)
        .where(UserSession.user_id == user_id, UserSession.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    db.session.execute(
        update(ApiToken)
        .where(ApiToken.user_id == user_id, ApiToken.revoked_at.is_(None))
        .values(revoked_at=now)
    )


def current_kind() -> str | None:
    return session.get(KIND_KEY)


def live_user(user_id: int):
    """The user of the cookie's token when it is a live session of `user_id` (None when it
    is not); touches the session sparingly. One read for the session and its user: every
    signed-in request asks."""
    token = session.get(SESSION_KEY)
    if not token:
        return None
    read = (db.select(UserSession, User).join(User, User.id == UserSession.user_id)
            .where(UserSession.token_hash == _hash(token)))
    if current_kind() == "staff":  # every console page checks permissions: roles come along
        read = read.options(joinedload(User.roles), joinedload(User.groups))
    found = db.session.execute(read).unique().one_or_none()
    if found is None:
        return None
    row, user = found
    return user if _still_live(row, user_id) else None


def _still_live(row: UserSession, user_id: int) -> bool:
    if row.revoked_at is not None or row.user_id != user_id:
        return False
    now = utcnow()
    if _lapsed(row.last_seen_at, row.created_at, now):
        row.revoked_at = now
        db.session.commit()
        return False
    if now - row.last_seen_at > _TOUCH_EVERY:
        row.last_seen_at = now
        db.session.commit()
    return True


def _limits() -> tuple[timedelta, timedelta]:
    """(idle, absolute lifetime): past either a session has ended."""
    config = current_app.config
    return (timedelta(minutes=config["SESSION_IDLE_MINUTES"]),
            timedelta(hours=config["SESSION_MAX_HOURS"]))


def _lapsed(last_seen, created, moment):
    """Idle past SESSION_IDLE_MINUTES or older than SESSION_MAX_HOURS at `moment`: the one
    rule for when a login has ended by time, read from a row's values (a bool, when its
    cookie comes back) or from the table's columns (a SQL condition, to count or purge)."""
    idle, lifetime = _limits()
    past_idle, past_lifetime = last_seen < moment - idle, created < moment - lifetime
    if isinstance(past_idle, bool):
        return past_idle or past_lifetime
    return or_(past_idle, past_lifetime)


def live_count(user_id: int) -> int:
    """The account's logins still in force now: not revoked and not lapsed (an idle login is
    never revoked until its cookie comes back, so its row alone does not say it ended)."""
    return db.session.scalar(select(func.count(UserSession.id)).where(
        UserSession.user_id == user_id, UserSession.revoked_at.is_(None),
        not_(_lapsed(UserSession.last_seen_at, UserSession.created_at, utcnow())))) or 0


def purge_ended(before) -> int:
    """Deletes the rows of logins that ended before `before`: logged out or revoked then, or
    lapsed by then, so a live login is never touched. The audit log keeps each login; the
    caller commits."""
    return db.session.execute(delete(UserSession).where(or_(
        UserSession.revoked_at < before,
        _lapsed(UserSession.last_seen_at, UserSession.created_at, before)))).rowcount or 0
