"""Named domain errors; their messages are shown to people as they are (Indonesian)."""

from __future__ import annotations


class DomainError(Exception):
    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class ValidationFailed(DomainError):
    """Several fields are wrong at once; `errors` maps field name -> messages."""

    def __init__(self, errors: dict[str, list[str]], message: str = "Proses Pendaftaran Gagal"):
        super().__init__(message)
        self.errors = errors


class LoginFailed(DomainError):
    pass


class LoginDelayed(DomainError):
    """Too many failures under this account and address: try again after a while."""


class RateLimited(DomainError):
    pass
