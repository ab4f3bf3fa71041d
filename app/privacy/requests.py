"""Requests under the data subject's rights: an applicant asks for their account to be erased,
the office approves (the erasure runs, app/privacy/erasure.py) or refuses (with a note). The
one place for these decisions: the account page, the console and `flask privacy` call it.

Every step is written to the office audit log and told to the applicant by e-mail through the
outbox (no identity number in any of them). The request row stays as the record that the
request was handled; after an erasure it holds only counts and dates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from .. import forms
from ..extensions import db
from ..i18n import N_, long_date_in
from ..models import PrivacyRequest, User, full_name, utcnow
from ..models.privacy import DONE, PENDING, REFUSED, WITHDRAWN
from ..notify import enqueue_email, outbox
from ..services import audit
from ..services.errors import DomainError, ValidationFailed
from ..services.notices import Notice, public_url, tell_person
from ..services.pagination import Page, paginate
from . import erasure

RETENTION_ACTOR = N_("Retensi data")  # the audit log's actor for what retention does

FORM = "privacy_erasure"
ERASURE = "erasure"
RETENTION = "retention"
PER_PAGE = 25
LIST_STATUSES = (PENDING, DONE, REFUSED, WITHDRAWN)


class RequestRefused(DomainError):
    pass


def open_request(user_id: int) -> PrivacyRequest | None:
    return db.session.scalar(select(PrivacyRequest).where(
        PrivacyRequest.user_id == user_id, PrivacyRequest.status == PENDING))


def latest_request(user_id: int) -> PrivacyRequest | None:
    return db.session.scalar(select(PrivacyRequest).where(
        PrivacyRequest.user_id == user_id, PrivacyRequest.kind == ERASURE)
        .order_by(PrivacyRequest.id.desc()).limit(1))


def erasure_refusal(user_id: int) -> str | None:
    """Why the applicant cannot ask for an erasure now (a marked text), else None: one
    request at a time, none while an application is still being processed. request_erasure
    refuses with it, and the account page shows it and disables the form before it is sent."""
    if open_request(user_id) is not None:
        return N_("Permintaan penghapusan akun Anda sudah kami terima dan sedang menunggu "
                  "tindak lanjut petugas.")
    if erasure.running_applications(user_id):
        return N_("Anda masih memiliki permohonan yang sedang diproses atau menunggu "
                  "perbaikan. Batalkan atau tunggu sampai selesai, lalu ajukan lagi.")
    return None


def request_erasure(user: User, answers: dict) -> PrivacyRequest:
    """The applicant's request (the form's answers: reason and confirmation). One open
    request at a time; none while an application is still being processed."""
    cleaned, errors = forms.clean(FORM, answers)
    if errors:
        raise ValidationFailed(errors, N_("Permintaan belum dapat dikirim."))
    refusal = erasure_refusal(user.id)
    if refusal is not None:
        raise RequestRefused(refusal)
    request = PrivacyRequest(user_id=user.id, kind=ERASURE, status=PENDING,
                             reason=cleaned["reason"].strip())
    db.session.add(request)
    db.session.flush()
    audit.record("privacy.requested", f"Permintaan penghapusan akun #{request.id} diajukan",
                 subject=audit.person_name(user), user=user)
    _acknowledge(user, request)
    db.session.commit()
    return request


def _acknowledge(user: User, request: PrivacyRequest) -> None:
    """The receipt of the request, with the time by which the office answers: the person's
    proof that they asked, and when (Inbox and e-mail, like every other notice)."""
    from ..documents.dates import tanggal_waktu
    from ..templating import local_time  # the filters module imports services

    due = tanggal_waktu(local_time(timing(request).due_at))
    tell_person(user.id, user.email, user.first_name or "", f"privacy{request.id}:received",
                Notice(_l("Permintaan penghapusan akun diterima"), _l(
                    "Permintaan penghapusan akun Anda (nomor %(number)s) telah kami terima. "
                    "Petugas akan menjawabnya paling lambat %(due)s. Selama menunggu, Anda "
                    "dapat menarik permintaan ini di halaman Hapus Akun."),
                    {"number": request.id, "due": {"id": due, "en": long_date_in(due, "en")}}),
                "", public_url("/akun/hapus-akun"))


def withdraw(user: User) -> PrivacyRequest:
    request = open_request(user.id)
    if request is None:
        raise RequestRefused(N_("Tidak ada permintaan penghapusan yang menunggu."))
    request.status, request.handled_at = WITHDRAWN, utcnow()
    audit.record("privacy.withdrawn", f"Permintaan penghapusan akun #{request.id} ditarik "
                 "oleh pemohon", subject=audit.person_name(user), user=user)
    db.session.commit()
    return request


def get(request_id) -> PrivacyRequest:
    try:
        found = db.session.get(PrivacyRequest, int(request_id))
    except (TypeError, ValueError):
        found = None
    if found is None:
        raise RequestRefused(N_("Permintaan tidak ditemukan."))
    return found


@dataclass(frozen=True)
class Timing:
    """How long a request has waited and by when it must be answered (PRIVACY_RESPONSE_HOURS,
    3 x 24 hours by default): the handler sees the clock, not only a date, so a request is
    never answered late unnoticed."""

    waited_hours: int
    due_at: datetime
    overdue: bool


def timing(request: PrivacyRequest, now: datetime | None = None) -> Timing:
    """Waiting time up to now for a pending request, up to its answer for a handled one; a
    request the applicant withdrew was never late (nothing was left to answer)."""
    due = request.requested_at + _response_time()
    end = request.handled_at or now or utcnow()
    waited = max(int((end - request.requested_at).total_seconds() // 3600), 0)
    return Timing(waited, due, end > due and request.status != WITHDRAWN)


def overdue_count() -> int:
    """Pending erasure requests past their due time (the console's warning line)."""
    return db.session.scalar(select(func.count(PrivacyRequest.id)).where(
        PrivacyRequest.kind == ERASURE, PrivacyRequest.status == PENDING,
        PrivacyRequest.requested_at < utcnow() - _response_time())) or 0


def response_hours() -> int:
    """The hours the office gives itself to answer a request (PRIVACY_RESPONSE_HOURS)."""
    return int(current_app.config.get("PRIVACY_RESPONSE_HOURS") or 72)


def _response_time() -> timedelta:
    return timedelta(hours=response_hours())


def page(status: str, number) -> Page:
    """The console's list: one status (pending first by default), oldest waiting first."""
    stmt = select(PrivacyRequest).where(PrivacyRequest.kind == ERASURE)
    if status in LIST_STATUSES:
        stmt = stmt.where(PrivacyRequest.status == status)
    order = PrivacyRequest.requested_at.asc() if status == PENDING \
        else PrivacyRequest.requested_at.desc()
    return paginate(stmt.order_by(order, PrivacyRequest.id), number, PER_PAGE)


def refuse(request: PrivacyRequest, *, by=None, note: str = "") -> PrivacyRequest:
    note = (note or "").strip()[:2000]
    if not note:
        raise RequestRefused(N_("Tuliskan alasan penolakan; pemohon menerimanya lewat email."),
                             field="note")
    _pending(request)
    request.status, request.handled_at, request.handler_note = REFUSED, utcnow(), note
    request.handled_by_id = by.id if by is not None else None
    user = request.user
    audit.record("privacy.refused", f"Permintaan penghapusan akun #{request.id} ditolak. "
                 f"Catatan: {note}", subject=audit.person_name(user), user=by,
                 system_name=None if by else "CLI")
    tell_person(user.id, user.email, user.first_name or "", f"privacy{request.id}:refused",
                Notice(_l("Permintaan penghapusan akun ditolak"), _l(
                    "Permintaan penghapusan akun Anda tidak dapat kami laksanakan. Catatan "
                    "petugas: %(note)s"), {"note": note}),
                "", public_url("/akun/hapus-akun"))
    db.session.commit()
    return request


def approve(request: PrivacyRequest, *, by=None, note: str = "") -> PrivacyRequest:
    """Carries out the erasure; refused while an application is still being processed."""
    _pending(request)
    user = request.user
    if erasure.running_applications(user.id):
        raise RequestRefused(N_("Pemohon masih memiliki permohonan yang sedang diproses; akun "
                                "belum dapat dihapus."))
    request.status, request.handled_at = DONE, utcnow()
    request.handled_by_id = by.id if by is not None else None
    request.handler_note = (note or "").strip()[:2000]
    _forget_reasons(user.id)  # the applicant's own words go with the account
    done = _erase(user, request, by=by, system_name=None if by else "CLI",
                  note=request.handler_note)
    db.session.commit()
    erasure.discard_files(done.keys)
    return request


def _forget_reasons(user_id: int) -> None:
    """Every request's reason, also of earlier withdrawn or refused ones: the person's words
    (often their circumstances) are not the office's record; status, dates and notes are."""
    for earlier in db.session.scalars(select(PrivacyRequest).where(
            PrivacyRequest.user_id == user_id)):
        earlier.reason = ""


def _pending(request: PrivacyRequest) -> None:
    if request.status != PENDING:
        raise RequestRefused(N_("Permintaan ini sudah ditangani."))


@dataclass(frozen=True)
class Farewell:
    email: str
    name: str
    language: str  # the account's, read before the erasure takes the account away


def _erase(user: User, request: PrivacyRequest, *, by=None, system_name: str | None = None,
           note: str = "") -> erasure.Erasure:
    """The erasure, its record (request summary, audit log) and the farewell e-mail to the
    address the account had (enqueued after the erasure cleared the outbox for it)."""
    farewell = Farewell(user.email, full_name(user),
                        outbox.language_for(user.email))
    subject = audit.person_name(user)
    done = erasure.erase_account(user)
    request.summary = done.summary()
    audit.record("privacy.erased", f"Permintaan #{request.id}: akun #{user.id} dianonimkan "
                 f"({_describe(done)})" + (f". Catatan: {note}" if note else ""),
                 subject=subject, details=done.summary(), user=by, system_name=system_name)
    enqueue_email(farewell.email, N_("Akun E-PTSP Anda telah dihapus"),
                  "mail/account_erased.txt", language=farewell.language,
                  key=f"privacy{request.id}:erased:email", name=farewell.name,
                  retention=request.kind == RETENTION, kept=done.kept,
                  days=current_app.config["RETENTION_ABANDONED_ACCOUNT_DAYS"])
    return done


def erase_abandoned(user: User) -> erasure.Erasure:
    """Retention: an abandoned account erased by the system, with the same record."""
    request = PrivacyRequest(user_id=user.id, kind=RETENTION, status=DONE, handled_at=utcnow(),
                             handler_note="Akun tidak aktif melewati masa retensi")
    db.session.add(request)
    db.session.flush()
    done = _erase(user, request, system_name=RETENTION_ACTOR)
    db.session.commit()
    erasure.discard_files(done.keys)
    return done


def _describe(done: erasure.Erasure) -> str:
    return (f"dihapus: {erasure.counts_text(done.removed)}; "
            f"disimpan: {erasure.counts_text(done.kept)}")
