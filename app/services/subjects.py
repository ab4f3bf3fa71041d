"""The issued permit an application acts on: an application type whose effect is renewal,
amendment or revocation (catalogue data, `application_types[].effect`) names one of the
applicant's own issued permits of the same type — chosen in step 1, prefilling the new
application from it, checked again at submission and at approval.

Which permits qualify is decided here once: the applicant's own, of this permit type, not
revoked and not already replaced by a renewal or an amendment, not the subject of another
application still in process; still valid (a renewal may also take one that has expired).
A renewal also keeps to the permit type's renewal window (catalogue data
`renewal_window_days_before` / `renewal_grace_days_after`), judged on the day the application
is submitted: the wizard, the API and the submission and approval guards all ask here.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

import catalogue as cat_lib

from ..documents.dates import tanggal
from ..extensions import db
from ..i18n import N_
from ..models import Application, IssuedPermit
from ..models import applications as states
from . import calendar
from .errors import DomainError

# statuses of an application still under way (it holds its subject permit)
HOLDING = (states.IN_PROCESS, states.REVISION, states.EXPIRED)
MSG_NOT_CHOSEN = N_("Pilih izin yang akan diproses.")
MSG_REFUSED = N_("Izin yang dipilih tidak dapat diproses dengan jenis permohonan ini.")
MSG_REPLACED = N_("Izin nomor {number} sudah diganti oleh izin nomor {successor}. Pilih izin "
                  "yang menggantikannya.")
MSG_REVOKED = N_("Izin nomor {number} sudah dicabut dan tidak dapat diproses lagi.")
MSG_NOT_YET = N_("Izin nomor {number} baru dapat diperpanjang mulai {date}.")
MSG_NO_LONGER = N_("Izin nomor {number} tidak dapat diproses lagi (sudah dicabut, diganti, "
                   "kedaluwarsa atau sedang diproses permohonan lain).")


def needs_subject(cat: cat_lib.Catalogue, application_type: str) -> bool:
    return cat.effect(application_type) in cat_lib.ON_ISSUED_PERMIT


def window(cat: cat_lib.Catalogue, permit_code: str, effect: str) -> cat_lib.RenewalWindow:
    """The catalogue's renewal window for this permit type; only a renewal has one."""
    if effect != cat_lib.RENEWAL:
        return cat_lib.RenewalWindow()
    return cat_lib.renewal_window(cat.permit(permit_code))


def _usable(permit: IssuedPermit, effect: str, today: date) -> bool:
    state = permit.status_on(today)
    return state == "valid" or (effect == cat_lib.RENEWAL and state == "expired")


@dataclass(frozen=True)
class Candidates:
    """The applicant's permits for an application of one effect: those it may act on now,
    and those a renewal may act on only later (the renewal window opens on `opens[id]`)."""

    eligible: list[IssuedPermit]
    waiting: list[IssuedPermit]
    opens: dict[int, date]


def candidates(user_id: int, permit_code: str, effect: str,
               limits: cat_lib.RenewalWindow | None = None, *, on: date | None = None,
               exclude_application: int | None = None) -> Candidates:
    """Which of the applicant's permits qualify (see the module's docstring), newest first;
    a renewal also needs the day `on` (today unless told) inside the permit's window."""
    today, day = calendar.today(), on or calendar.today()
    limits = limits or cat_lib.RenewalWindow()
    found = db.session.scalars(
        select(IssuedPermit).join(Application, IssuedPermit.application_id == Application.id)
        .where(Application.applicant_id == user_id, IssuedPermit.permit_code == permit_code)
        .order_by(IssuedPermit.issued_at.desc(), IssuedPermit.id.desc())).all()
    held = set(db.session.scalars(
        select(Application.subject_permit_id).where(
            Application.subject_permit_id.is_not(None), Application.status.in_(HOLDING),
            Application.id != (exclude_application or 0))))
    usable = [p for p in found if p.id not in held and _usable(p, effect, today)]
    opens = {p.id: limits.opens(p.valid_until) for p in usable}
    waiting = [p for p in usable if opens[p.id] is not None and day < opens[p.id]]
    now = [p for p in usable if p not in waiting and limits.admits(p.valid_until, day)]
    return Candidates(now, waiting, {p.id: opens[p.id] for p in waiting})


def eligible(user_id: int, permit_code: str, effect: str,
             limits: cat_lib.RenewalWindow | None = None, *, on: date | None = None,
             exclude_application: int | None = None) -> list[IssuedPermit]:
    """The applicant's permits an application of this effect may act on, newest first."""
    return candidates(user_id, permit_code, effect, limits, on=on,
                      exclude_application=exclude_application).eligible


def choose(user_id: int, cat: cat_lib.Catalogue, permit_code: str, application_type: str,
           permit_id: int | str | None) -> IssuedPermit | None:
    """The chosen permit when this type needs one (a DomainError on field "subject" when it
    is missing or not one the applicant may choose); None for a type issuing a new one."""
    effect = cat.effect(application_type)
    if effect not in cat_lib.ON_ISSUED_PERMIT:
        return None
    wanted = str(permit_id or "")
    found = candidates(user_id, permit_code, effect, window(cat, permit_code, effect))
    for permit in found.eligible:
        if str(permit.id) == wanted:
            return permit
    if not wanted:
        raise DomainError(MSG_NOT_CHOSEN, field="subject")
    for permit in found.waiting:
        if str(permit.id) == wanted:
            raise DomainError(MSG_NOT_YET.format(number=permit.number,
                                                 date=tanggal(found.opens[permit.id])),
                              field="subject")
    raise DomainError(_refusal(user_id, wanted), field="subject")


def _refusal(user_id: int, wanted: str) -> str:
    """Why the applicant's own permit cannot be chosen (revoked, or replaced: by which one);
    a permit of someone else gets the general refusal, which tells nothing about it."""
    permit = db.session.get(IssuedPermit, int(wanted)) \
        if wanted.isdigit() and len(wanted) < 10 else None  # an id the column can hold
    if permit is None or permit.application is None \
            or permit.application.applicant_id != user_id:
        return MSG_REFUSED
    if permit.revoked_at is not None:
        return MSG_REVOKED.format(number=permit.number)
    if permit.replaced_by is not None:
        return MSG_REPLACED.format(number=permit.number, successor=permit.replaced_by.number)
    return MSG_REFUSED


def prefill(subject: IssuedPermit | None) -> dict:
    """What the new application starts with: the permit's own answers, company and location
    (the applicant's identity always comes fresh from their profile)."""
    if subject is None or subject.application is None:
        return {}
    data = subject.application.data or {}
    return {key: copy.deepcopy(data[key]) for key in ("details", "company", "location")
            if data.get(key)}


# the same problems as staff about to approve read them: what to do is to reject the application
MSG_STAFF_NOT_CHOSEN = N_("Permohonan ini belum memilih izin yang akan diproses. Tolak "
                          "permohonan ini.")
MSG_STAFF_NO_LONGER = N_("Izin nomor {number} tidak dapat diproses lagi (sudah dicabut, diganti, "
                         "kedaluwarsa atau sedang diproses permohonan lain). Tolak permohonan "
                         "ini.")


def problem(application: Application, cat: cat_lib.Catalogue, *,
            texts: tuple[str, str] = (MSG_NOT_CHOSEN, MSG_NO_LONGER)) -> str | None:
    """Why the application can no longer act on its permit (revoked, replaced or taken by
    another application since it was chosen), or None; in `texts` (none chosen, no longer
    eligible), each a whole marked text so that pages can translate it."""
    effect = cat.effect(application.application_type)
    if effect not in cat_lib.ON_ISSUED_PERMIT:
        return None
    subject = application.subject_permit
    if subject is None:
        return texts[0]
    # the window is judged on the day it was submitted: waiting for approval never shuts it
    submitted = application.submitted_at
    allowed = eligible(application.applicant_id, application.permit_code, effect,
                       window(cat, application.permit_code, effect),
                       on=calendar.local_date(submitted) if submitted else None,
                       exclude_application=application.id)
    if subject.id not in {p.id for p in allowed}:
        return texts[1].format(number=subject.number)
    return None
