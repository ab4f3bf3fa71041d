"""The complaint's statuses and the one place they change.

Every change (and every assignment) goes through `change`, which checks the small transition
table below and records a ComplaintEvent; views and other services never write
`Complaint.status` themselves. Nothing here commits: the calling service commits the change,
its event and its notices together.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from ..i18n import N_
from ..models import Complaint, ComplaintEvent, User, full_name, utcnow
from ..services.errors import DomainError

NEW, IN_PROGRESS, WAITING, DONE = "baru", "diproses", "menunggu", "selesai"
OPEN = (NEW, IN_PROGRESS, WAITING)
LABELS = {NEW: _l("Baru"), IN_PROGRESS: _l("Diproses"), WAITING: _l("Menunggu Pemohon"),
          DONE: _l("Selesai")}
BADGES = {NEW: "text-bg-primary", IN_PROGRESS: "text-bg-warning", WAITING: "text-bg-info",
          DONE: "text-bg-success"}

# action -> {status it may start from: status it leads to}
TRANSITIONS: dict[str, dict[str, str]] = {
    "file": {"": NEW},
    "assign": {NEW: IN_PROGRESS, IN_PROGRESS: IN_PROGRESS, WAITING: WAITING},
    "process": {NEW: IN_PROGRESS, IN_PROGRESS: IN_PROGRESS, WAITING: IN_PROGRESS},
    "await": {NEW: WAITING, IN_PROGRESS: WAITING, WAITING: WAITING},
    "close": {NEW: DONE, IN_PROGRESS: DONE, WAITING: DONE},
    "respond": {NEW: NEW, IN_PROGRESS: IN_PROGRESS, WAITING: IN_PROGRESS},
    "reopen": {DONE: IN_PROGRESS},
    "rate": {DONE: DONE},
}
ACTION_LABELS = {"file": _l("Dikirim"), "assign": _l("Ditugaskan"), "process": _l("Dibalas"),
                 "await": _l("Dibalas, menunggu pemohon"), "close": _l("Diselesaikan"),
                 "respond": _l("Tanggapan pelapor"), "reopen": _l("Dibuka kembali"),
                 "rate": _l("Dinilai")}
# what a staff reply may leave the complaint as (the reply form's choice)
AFTER_REPLY = {IN_PROGRESS: "process", WAITING: "await", DONE: "close"}
MSG_CHANGED_MEANWHILE = N_("Pengaduan ini baru saja diubah oleh {name} ({action}). Periksa "
                           "riwayat dan percakapan terbaru, lalu kirim lagi bila masih perlu.")


class NotAllowed(DomainError):
    pass


class ChangedMeanwhile(DomainError):
    """A colleague changed the complaint after this page was loaded."""


@dataclass(frozen=True)
class Who:
    """Who acts: a user (applicant or staff) or a visitor known only by name."""

    user: User | None
    name: str
    staff: bool = False

    @classmethod
    def of(cls, user: User, *, staff: bool = False) -> Who:
        return cls(user, full_name(user) or user.email, staff)


def label(status: str) -> str:
    return str(LABELS.get(status, status))


def label_in(status: str, lang: str) -> str:
    """`label` in `lang` whatever the page's language (a workbook written in another)."""
    with force_locale(lang):
        return label(status)


def allowed(complaint: Complaint, action: str) -> bool:
    return (complaint.status or "") in TRANSITIONS[action]


def last_event_id(complaint: Complaint) -> int:
    """What a staff page saw of the complaint: its latest event (every status change,
    assignment, reply and complainant answer records one; internal notes do not)."""
    return max((e.id for e in complaint.events if e.id is not None), default=0)


def check_seen(complaint: Complaint, seen: int | None) -> None:
    """Refuses a staff action taken on a page older than the complaint's last change, so two
    helpdesk members never answer or reassign one complaint unknowingly (None: not asked)."""
    if seen is None or seen == last_event_id(complaint):
        return
    latest = complaint.events[-1]
    with force_locale("id"):  # services answer in Indonesian; pages translate (`pesan`)
        action = str(ACTION_LABELS[latest.action])
    raise ChangedMeanwhile(MSG_CHANGED_MEANWHILE.format(name=latest.actor_name, action=action))


def change(complaint: Complaint, action: str, who: Who, detail: str = "") -> ComplaintEvent:
    """Moves the complaint by `action` (refused when the table does not allow it from the
    current status) and records who did it; the first staff answer and the closing time are
    stamped here, so the report's averages come from one rule."""
    start = complaint.status or ""
    target = TRANSITIONS[action].get(start)
    if target is None:
        raise NotAllowed(N_("Tindakan ini tidak dapat dilakukan pada status pengaduan sekarang."))
    now = utcnow()
    complaint.status = target
    if target == DONE and start != DONE:
        complaint.closed_at = now
    elif target != DONE:
        complaint.closed_at = None
    event = ComplaintEvent(action=action, from_status=start or None, to_status=target,
                           actor_id=who.user.id if who.user else None, actor_name=who.name,
                           detail=detail[:300], created_at=now)
    complaint.events.append(event)
    return event

