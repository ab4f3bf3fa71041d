"""The office-wide audit log: the one `record` every writer calls, and its reading side.

Writers (each in the transaction of the change it describes; nothing here commits):
logins and failures (`security.sessions.start`, `services.auth.check_password`,
`services.staff.verify_totp`), accounts and roles (`services.user_admin`), catalogue
publishes (`services.catalogue_store.publish`), draft edits (`services.catalogue_console`),
API tokens (`services.api_tokens`), personal-data requests, erasures and purges
(`privacy.requests`, `privacy.retention`), helpdesk chat transcripts downloaded
(`services.chat_transcript`), complaints reopened by the helpdesk (`complaints.service`),
staff decisions on applications, permit revocation and reopening (the transition engine,
`services.transitions.apply`, for every transition marked `audited`), outbox resends
(`services.outbox_admin`), a permit document that keeps failing (`services.document_retries`).

Who: the given user, else the logged-in user of the request, else the system (CLI, worker).
From where: the request's client address (behind TRUSTED_PROXIES, the real visitor's).
Identity numbers never reach the log in clear: every text is passed through the one masker,
`privacy.masking.scrub` (a NIK, NPWP or NIB as typed, with or without spaces, dashes or dots),
and people are named by name or e-mail, never by the NIK/NPWP that is an applicant's login
name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from flask import has_request_context, request
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import func, or_, select

from ..extensions import db
from ..i18n import N_
from ..models import AuditEntry, display_name
from ..privacy.masking import scrub
from ..security.roles import APPLICANT_ROLE
from . import filter_codes
from .pagination import Page, clamp, filter_values, link_args, ordered_dates, page_number

# category -> label; kind -> (category, label)
CATEGORIES = {"login": _l("Login"), "account": _l("Akun & peran"),
              "catalogue": _l("Katalog"), "token": _l("Token API"),
              "application": _l("Permohonan & izin"), "config": _l("Konfigurasi"),
              "privacy": _l("Data pribadi"), "complaint": _l("Pengaduan")}
KINDS = {
    "login.ok": ("login", _l("Login berhasil")),
    "login.failed": ("login", _l("Login gagal")),
    "login.delayed": ("login", _l("Percobaan login ditunda")),
    "login.totp_failed": ("login", _l("Kode autentikator salah")),
    "account.created": ("account", _l("Akun staf dibuat")),
    "account.updated": ("account", _l("Akun staf diubah")),
    "account.deactivated": ("account", _l("Akun dinonaktifkan")),
    "account.reactivated": ("account", _l("Akun diaktifkan kembali")),
    "account.totp_reset": ("account", _l("Autentikator direset")),
    "account.password_reset": ("account", _l("Password direset paksa")),
    "account.password_changed": ("account", _l("Password diganti")),
    "catalogue.published": ("catalogue", _l("Katalog diterbitkan")),
    "token.created": ("token", _l("Token API dibuat")),
    "token.revoked": ("token", _l("Token API dicabut")),
    "application.moved": ("application", _l("Permohonan diteruskan")),
    "application.waiting": ("application", _l("Tindakan dicatat, menunggu tahap lain")),
    "application.returned": ("application", _l("Dikembalikan ke tahap sebelumnya")),
    "application.revision": ("application", _l("Dikembalikan ke pemohon untuk revisi")),
    "application.rejected": ("application", _l("Permohonan ditolak")),
    "application.issued": ("application", _l("Disetujui dan ditandatangani")),
    "application.revoked": ("application", _l("Izin dicabut")),
    "application.reopened": ("application", _l("Permohonan dibuka kembali")),
    "application.document_failed": ("application", _l("Dokumen izin gagal dibuat")),
    "config.catalogue_draft": ("config", _l("Draf katalog diubah")),
    "config.outbox_resend": ("config", _l("Pesan keluar dikirim ulang")),
    "privacy.requested": ("privacy", _l("Penghapusan akun diminta")),
    "privacy.withdrawn": ("privacy", _l("Permintaan penghapusan ditarik")),
    "privacy.refused": ("privacy", _l("Permintaan penghapusan ditolak")),
    "privacy.erased": ("privacy", _l("Akun dihapus (dianonimkan)")),
    "privacy.purged": ("privacy", _l("Data lewat masa retensi dihapus")),
    "privacy.chat_transcript": ("privacy", _l("Transkrip chat diunduh")),
    "complaint.reopened": ("complaint", _l("Pengaduan dibuka kembali oleh petugas")),
}
SYSTEM = N_("Sistem")
UNKNOWN = N_("Tidak dikenal")  # who tried a login that matched no account
PER_PAGE = 50
COUNT_CAP = 10_000
EXPORT_MAX = 50_000


def _masked(value):
    if isinstance(value, str):
        return scrub(value)
    if isinstance(value, dict):
        return {k: _masked(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_masked(v) for v in value]
    return value


def person_name(user) -> str:
    """A person as the log names them: their name, else their e-mail (an applicant's login
    name is their NIK/NPWP, so it is never used)."""
    return scrub(display_name(user))


def person_kind(user) -> str:
    return "applicant" if any(r.name == APPLICANT_ROLE for r in user.roles) else "staff"


def _acting(user, system_name: str | None) -> tuple[int | None, str, str]:
    if user is None and system_name is None and has_request_context() \
            and current_user.is_authenticated:
        user = current_user
    if user is None:
        return None, system_name or SYSTEM, "system"
    return user.id, person_name(user), person_kind(user)


def record(kind: str, summary: str, *, subject: str = "", details: dict | None = None,
           user=None, system_name: str | None = None) -> AuditEntry:
    """Adds an entry to the caller's transaction. `user` acts (default: the request's
    logged-in user); `system_name` names a non-person actor (the CLI, the worker)."""
    category, _label = KINDS[kind]
    actor_id, actor_name, actor_kind = _acting(user, system_name)
    entry = AuditEntry(category=category, kind=kind, actor_id=actor_id,
                       actor_name=actor_name[:200], actor_kind=actor_kind,
                       subject=scrub(subject)[:200], summary=scrub(summary),
                       details=_masked(details) if details else None,
                       ip=request.remote_addr if has_request_context() else None)
    db.session.add(entry)
    return entry


def actor_label(entry: AuditEntry) -> str:
    """The actor as the reader reads it: a person by their name; a non-person actor (the
    system, an unknown login, data retention) is stored in Indonesian like every record and
    shown in the reader's language (its name is a marked text where it is written)."""
    if entry.actor_kind == "system" and entry.actor_name:
        return gettext(entry.actor_name)
    return entry.actor_name


def kind_label(kind: str) -> str:
    return str(KINDS[kind][1]) if kind in KINDS else kind


def category_label(category: str) -> str:
    return str(CATEGORIES.get(category, category))


# reading -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Filters:
    category: str = ""
    kind: str = ""
    q: str = ""
    date_from: date | None = None
    date_to: date | None = None
    page: int = 1
    errors: tuple[str, ...] = ()
    raw: dict = field(default_factory=dict, compare=False)
    search_id: str = ""  # the opaque id the search term is kept under (links carry it, not q)

    @classmethod
    def parse(cls, args) -> Filters:
        raw = filter_values(args, ("kategori", "jenis", "q", "cari", "dari", "sampai", "hal"))
        errors, dates = [], {}
        for key in ("dari", "sampai"):
            try:
                dates[key] = date.fromisoformat(raw[key]) if raw[key] else None
            except ValueError:
                dates[key] = None
                errors.append(N_("Tanggal tidak valid (format TTTT-BB-HH); filter diabaikan."))
        start, end, swapped = ordered_dates(dates["dari"], dates["sampai"])
        errors.extend([swapped] if swapped else [])
        category = filter_codes.checked(raw["kategori"], CATEGORIES, N_("Kategori"), errors)
        kind = filter_codes.checked(raw["jenis"], KINDS, N_("Peristiwa"), errors)
        return cls(category=category, kind=kind, q=raw["q"],
                   date_from=start, date_to=end,
                   page=page_number(raw["hal"]), errors=tuple(errors), raw=raw,
                   search_id=raw["cari"] if raw["q"] else "")

    def args(self, **changes) -> dict:
        """The list's address: the search term by its id (a NIK typed there stays out of URLs,
        backoffice.search_terms)."""
        values = {"kategori": self.category, "jenis": self.kind, "cari": self.search_id,
                  "dari": self.date_from.isoformat() if self.date_from else "",
                  "sampai": self.date_to.isoformat() if self.date_to else "",
                  "hal": str(self.page)}
        return link_args(values, **changes)

    @property
    def active(self) -> bool:
        return any((self.category, self.kind, self.q, self.date_from, self.date_to))


def _where(filters: Filters) -> list:
    from .calendar import utc_start_of

    where = []
    if filters.category:
        where.append(AuditEntry.category == filters.category)
    if filters.kind:
        where.append(AuditEntry.kind == filters.kind)
    if filters.q:
        like = f"%{filters.q.lower()}%"
        where.append(or_(func.lower(AuditEntry.actor_name).like(like),
                         func.lower(AuditEntry.subject).like(like),
                         func.lower(AuditEntry.summary).like(like),
                         AuditEntry.ip == filters.q))
    if filters.date_from:
        where.append(AuditEntry.created_at >= utc_start_of(filters.date_from))
    if filters.date_to:
        where.append(AuditEntry.created_at < utc_start_of(filters.date_to + timedelta(days=1)))
    return where


def search(filters: Filters, per_page: int = PER_PAGE) -> tuple[Page, bool]:
    """One page, newest first, and whether the count stopped at COUNT_CAP."""
    where = _where(filters)
    found = db.session.scalar(select(func.count()).select_from(
        select(AuditEntry.id).where(*where).limit(COUNT_CAP + 1).subquery())) or 0
    total = min(found, COUNT_CAP)
    number, pages = clamp(filters.page, total, per_page)
    items = list(db.session.scalars(select(AuditEntry).where(*where)
                                    .order_by(AuditEntry.id.desc())
                                    .limit(per_page).offset((number - 1) * per_page)))
    return Page(items, number, pages, total, per_page), found > COUNT_CAP


def export_rows(filters: Filters, limit: int = EXPORT_MAX):
    """Every entry of the filter, newest first, read in batches; at most `limit`."""
    stmt = select(AuditEntry).where(*_where(filters)).order_by(AuditEntry.id.desc()).limit(limit)
    for batch in db.session.scalars(stmt.execution_options(yield_per=500)).partitions():
        yield from batch
