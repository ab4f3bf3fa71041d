"""Server-side session registry, throttling of failed guesses and one-time codes.

Flask's cookie session cannot be revoked; a row per login can. The cookie carries only the
row's random token, so logout, idle expiry and "end all sessions" are decided on the server.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Model, utcnow


class UserSession(Model):
    __tablename__ = "user_session"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("ab_user.id", ondelete="CASCADE"), nullable=False, index=True
    )
    kind: Mapped[str] = mapped_column(String(16), nullable=False)  # applicant | staff
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, nullable=False)
    last_seen_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, nullable=False)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)
    ip: Mapped[str | None] = mapped_column(String(64))


class AuthThrottle(Model):
    """Failed guesses under one key (an account and an address, an account everywhere, a
    staff member's TOTP codes), and failed tries to produce a permit's document (scope
    "document"): after a few, every further try waits longer (app/security/throttle.py).
    The key is an HMAC, so the table holds no NIK, e-mail, address or permit number."""

    __tablename__ = "auth_throttle"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    scope: Mapped[str] = mapped_column(String(16), nullable=False)
    # the account the key belongs to, when there is one: a password reset or an erasure
    # clears all of its rows
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("ab_user.id", ondelete="CASCADE"), index=True)
    failures: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    last_failure_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, nullable=False,
                                                      index=True)


class EmailCode(Model):
    """A code mailed to an address (registration, a complaint's contact): stored hashed,
    single use, short-lived, void after a few tries."""

    __tablename__ = "email_code"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(320), nullable=False, index=True)
    code_hash: Mapped[str] = mapped_column(String(64), nullable=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, nullable=False)
    expires_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    used_at: Mapped[datetime | None] = mapped_column(DateTime)
    # tries of this code (services/codes.py counts them): CODE_MAX_ATTEMPTS tries void it
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0",
                                          nullable=False)


class PasswordReset(Model):
    """A reset PIN sent by email; a few wrong tries burn it."""

    __tablename__ = "password_reset"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("ab_user.id", ondelete="CASCADE"), nullable=False, index=True
    )
    pin_hash: Mapped[str] = mapped_column(String(64), nullable=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, nullable=False)
    expires_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    tries: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    used_at: Mapped[datetime | None] = mapped_column(DateTime)


class ApiToken(Model):
    """Personal API tokens for the REST API. Only a hash is stored; the token is shown once.
    A token acts with its owner's roles and agency, and carries no more rights than a login."""

    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("ab_user.id", ondelete="CASCADE"), nullable=False, index=True
    )
    name: Mapped[str] = mapped_column(String(100), nullable=False, default="")
    token_hash: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, nullable=False)
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime)
    expires_at: Mapped[datetime | None] = mapped_column(DateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)


class CaptchaChallenge(Model):
    """A built-in captcha waiting for its one check, when no Redis is configured: the HMAC of
    the answer (never the answer), under a random id that only the session cookie knows.
    Checking deletes the row, so resending an old cookie cannot reuse a solved captcha; rows
    never checked are purged by the worker after they expire."""

    __tablename__ = "captcha_challenge"

    id: Mapped[str] = mapped_column(String(43), primary_key=True)
    digest: Mapped[str] = mapped_column(String(64), nullable=False)
    expires_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, index=True)
