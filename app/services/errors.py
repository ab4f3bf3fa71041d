"""Named domain errors; their messages are shown to people as they are (Indonesian)."""

from __future__ import annotations


class DomainError(Exception):
    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class NotFound(DomainError):
    """Not there, or not the caller's: both are answered alike (a 404 on the web, see
    app.web.or_404), so that ids and links reveal nothing. Each service names its own."""


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


class NothingChanged(DomainError):
    """A versioned document (catalogue, questionnaire) identical to its current version is
    not published again: a version number always means a change."""
