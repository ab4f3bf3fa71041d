"""Named domain errors, and the refusals several services give. Messages are Indonesian (the
language of the API, the CLI and the records); fixed ones are marked with `i18n.N_` so that
web pages show them in the reader's language (the `pesan` filter)."""

from __future__ import annotations

from ..i18n import N_

MSG_REGISTRATION_FAILED = N_("Proses Pendaftaran Gagal")
MSG_PASSWORD_CONFIRM = N_("Konfirmasi password tidak sama")
MSG_PASSWORD_RULES = N_("Password belum memenuhi syarat")
MSG_APPLICATION_NOT_FOUND = N_("Permohonan tidak ditemukan.")
MSG_MESSAGE_NOT_FOUND = N_("Pesan tidak ditemukan.")
MSG_NO_CHANGE = N_("Tidak ada perubahan dibanding versi {number}.")
# another publisher took the version number first (catalogue, questionnaire)
MSG_VERSION_TAKEN = N_("Versi lain baru saja diterbitkan. Muat ulang lalu coba lagi.")


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

    def __init__(self, errors: dict[str, list[str]], message: str = MSG_REGISTRATION_FAILED):
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
