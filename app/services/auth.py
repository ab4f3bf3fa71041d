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


def check_password(user, password: str, *, kind: str = "applicant", typed: str = "") -> None:
    """Raise LoginFailed/AccountLocked, or return when the password is right. A failure is
    written to the audit log (`kind`: staff or applicant login; `typed`: what was typed as
    the identity, masked there).

    A missing user costs the same hash check, so timing does not reveal which part failed.
    """
    if user is None or not user.is_active or not user.password:
        check_password_hash(_DUMMY_HASH, password or "")
        _failed(kind, typed, user, "login.failed")
        db.session.commit()
        raise LoginFailed(GENERIC_FAILURE)
    config = current_app.config
    throttle = db.session.get(LoginThrottle, user.id)
    now = utcnow()
    if throttle and throttle.locked_until and throttle.locked_until > now:
        remaining = int((throttle.locked_until - now).total_seconds() // 60) + 1
        _failed(kind, typed, user, "login.failed", " (akun sedang dikunci)")
        db.session.commit()
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
    _failed(kind, typed, user, "login.locked" if locked else "login.failed")
    db.session.commit()
    if locked:
        raise AccountLocked(_lock_message(config["LOGIN_LOCK_MINUTES"]))
    raise LoginFailed(GENERIC_FAILURE)


def _failed(kind: str, typed: str, user, entry: str, reason: str = "") -> None:
    """The audit entry of a refused login: the account tried (when one matched) and what was
    typed, masked; an inactive account is said to be one."""
    from . import audit

    who = "staf" if kind == "staff" else "pemohon"
    if user is not None and not user.is_active:
        reason = " (akun nonaktif)"
    audit.record(entry, f"Login {who} ditolak{reason}: {typed.strip()[:100] or '-'}",
                 subject=typed.strip()[:100], user=user,
                 system_name=None if user is not None else "Tidak dikenal")


def hash_password(password: str) -> str:
    return generate_password_hash(password, method=current_app.config["FAB_PASSWORD_HASH_METHOD"])
