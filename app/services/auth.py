"""Checking passwords with growing delays per account and address, a limit on failures from
one address across accounts (password spraying; app/security/address_limits.py), and one
generic failure message (app/security/throttle.py says why delays and not a lock)."""

from __future__ import annotations

from flask import current_app, request
from werkzeug.security import check_password_hash, generate_password_hash

from ..extensions import db
from ..i18n import N_
from ..models import utcnow
from ..security import address_limits, throttle
from .errors import LoginDelayed, LoginFailed

GENERIC_FAILURE = N_("NIK/NPWP/Email atau password salah.")
STAFF_FAILURE = N_("Email atau password salah.")  # staff log in by e-mail only
MSG_DELAYED = N_("Terlalu banyak percobaan login yang gagal. Silakan coba lagi dalam {wait} "
                 "{unit} atau gunakan Lupa Password.")
MSG_ADDRESS_BLOCKED = N_("Terlalu banyak login gagal dari alamat jaringan Anda ke beberapa akun. "
                         "Demi keamanan, login dari alamat ini ditunda; coba lagi dalam {wait} "
                         "{unit}.")
ADDRESS_SETTING, ADDRESS_SCOPE = "LOGIN_ADDRESS_FAILURE_LIMIT", "login-address"
_DUMMY_HASH = generate_password_hash("dummy-password-for-timing", method="pbkdf2:sha256:1000")


def _delay_message(seconds: int, message: str = MSG_DELAYED) -> str:
    amount, unit = throttle.wait_parts(seconds)
    return message.format(wait=amount, unit=unit)


def _keys(user, typed: str) -> tuple[str, str]:
    """(account and address, account): an existing account by its id (reached by NIK or by
    e-mail alike), an unknown one by what was typed, so both behave the same."""
    account = f"user:{user.id}" if user is not None else \
        "typed:" + "".join((typed or "").split()).casefold()
    address = request.remote_addr if request else None
    return f"{account}|{address or '-'}", account


def check_password(user, password: str, *, kind: str = "applicant",
                   typed: str = "") -> None:
    """Raise LoginFailed/LoginDelayed, or return when the password is right. A refusal is
    written to the audit log (`kind`: staff or applicant login).

    `typed` is the identity as the person typed it (masked in the audit log). A missing user
    costs the same hash check and the same delays, so neither timing nor refusals reveal
    which part failed.
    """
    pair, account = _keys(user, typed)
    blocked = address_limits.blocked_for(ADDRESS_SETTING, ADDRESS_SCOPE)
    if blocked:  # even the right password waits: a spray must not learn which one it was
        _failed(kind, typed, user, "login.delayed", " (alamat ditunda)")
        db.session.commit()
        raise LoginDelayed(_delay_message(blocked, MSG_ADDRESS_BLOCKED))
    login, everywhere = throttle.login_policy(), throttle.account_policy()
    wait = max(throttle.wait_seconds(login, pair), throttle.wait_seconds(everywhere, account))
    if wait:
        _failed(kind, typed, user, "login.delayed", " (percobaan ditunda)")
        db.session.commit()
        raise LoginDelayed(_delay_message(wait))
    usable = user is not None and user.is_active and user.password
    if usable and check_password_hash(user.password, password or ""):
        throttle.succeeded(login, pair)
        user.last_login = utcnow()
        user.login_count = (user.login_count or 0) + 1
        user.fail_login_count = 0
        db.session.commit()
        return
    if not usable:
        check_password_hash(_DUMMY_HASH, password or "")
    user_id = user.id if user is not None else None
    throttle.failed(login, pair, user_id=user_id)
    throttle.failed(everywhere, account, user_id=user_id)
    address_limits.count_failure(ADDRESS_SETTING, ADDRESS_SCOPE)
    if user is not None:
        user.fail_login_count = (user.fail_login_count or 0) + 1
    _failed(kind, typed, user, "login.failed")
    db.session.commit()
    raise LoginFailed(STAFF_FAILURE if kind == "staff" else GENERIC_FAILURE)


def _failed(kind: str, typed: str, user, entry: str, reason: str = "") -> None:
    """The audit entry of a refused login: the account tried (when one matched) and what was
    typed, masked; an inactive account is said to be one."""
    from . import audit

    who = "staf" if kind == "staff" else "pemohon"
    if user is not None and not user.is_active:
        reason = " (akun nonaktif)"
    audit.record(entry, f"Login {who} ditolak{reason}: {typed.strip()[:100] or '-'}",
                 subject=typed.strip()[:100], user=user,
                 system_name=None if user is not None else audit.UNKNOWN)


def hash_password(password: str) -> str:
    return generate_password_hash(password, method=current_app.config["FAB_PASSWORD_HASH_METHOD"])
