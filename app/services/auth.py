"""Checking passwords with per-account throttling and one generic failure message."""

from __future__ import annotations

from datetime import timedelta

from flask import current_app
from werkzeug.security import check_password_hash, generate_password_hash

from ..extensions import db
from ..models import LoginThrottle, utcnow
from .errors import AccountLocked, LoginFailed

GENERIC_FAILURE = "NIK/NPWP/Email atau password salah."
_DUMMY_HASH = generate_password_hash("dummy-password-for-timing", method="pbkdf2:sha256:1000")


def _lock_message(minutes: int) -> str:
    return (f"Akun dikunci sementara karena terlalu banyak percobaan login yang gagal. "
            f"Silakan coba lagi dalam {minutes} menit atau gunakan Lupa Password.")


def check_password(user, password: str) -> None:
    """Raise LoginFailed/AccountLocked, or return when the password is right.

    A missing user costs the same hash check, so timing does not reveal which part failed.
    """
    if user is None or not user.is_active or not user.password:
        check_password_hash(_DUMMY_HASH, password or "")
        raise LoginFailed(GENERIC_FAILURE)
    config = current_app.config
    throttle = db.session.get(LoginThrottle, user.id)
    now = utcnow()
    if throttle and throttle.locked_until and throttle.locked_until > now:
        remaining = int((throttle.locked_until - now).total_seconds() // 60) + 1
        raise AccountLocked(_lock_message(remaining))
    if check_password_hash(user.password, password or ""):
        if throttle:
            throttle.failures = 0
            throttle.locked_until = None
        user.last_login = now
        user.login_count = (user.login_count or 0) + 1
        user.fail_login_count = 0
        db.session.commit()
        return
    if throttle is None:
        throttle = LoginThrottle(user_id=user.id, failures=0)
        db.session.add(throttle)
    throttle.failures += 1
    user.fail_login_count = (user.fail_login_count or 0) + 1
    locked = throttle.failures >= config["LOGIN_MAX_FAILURES"]
    if locked:
        throttle.failures = 0
        throttle.locked_until = now + timedelta(minutes=config["LOGIN_LOCK_MINUTES"])
    db.session.commit()
    if locked:
        raise AccountLocked(_lock_message(config["LOGIN_LOCK_MINUTES"]))
    raise LoginFailed(GENERIC_FAILURE)


def hash_password(password: str) -> str:
    return generate_password_hash(password, method=current_app.config["FAB_PASSWORD_HASH_METHOD"])
