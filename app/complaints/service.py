"""Pengaduan commands: file, assign, reply, note, close, the complainant's answer, reopen
(by the complainant or the helpdesk), rating, and proving a visitor's e-mail contact. Web,
console, chat and tests call these; each validates, changes the complaint through
status.change (one transition table, one event per change), tells the complainant (Inbox +
e-mail through the outbox, same transaction) and commits. E-mail goes only to an address
proven to be the complainant's (contact.py); until then a visitor's gets only its code.
"""

from __future__ import annotations

import secrets
from contextlib import suppress
from datetime import timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from forms_schema import identity

from .. import forms, i18n, storage
from ..extensions import db
from ..i18n import N_
from ..models import Application, Complaint, ComplaintAttachment, ComplaintMessage, User, utcnow
from ..services import audit, calendar, catalogue_store, codes, files, notices
from ..services import resi as resi_codes
from ..services.errors import DomainError, ValidationFailed
from . import categories, contact, sla, status, tickets
from .status import Who

FOLDER = "complaints"  # storage folder of attachments (storage_cleanup knows it)
MSG_REOPEN_LATE = N_("Pengaduan tidak dapat dibuka kembali: batas waktu {days} hari setelah "
                     "selesai telah lewat.")
MSG_ALREADY_ASSIGNED = N_("Pengaduan ini sudah ditangani {name}.")
REASON_MAX = 300  # a staff reopening's reason is kept whole in the history (event detail)
REPLY, NOTE, COMPLAINANT = "reply", "note", "complainant"
APPLICANT_FORM, VISITOR_FORM = "complaint_applicant", "complaint_visitor"


class ComplaintRefused(DomainError):
    pass


def form_lookups(user_id: int | None) -> dict[str, list[dict]]:
    """The lookup tables the complaint forms choose from: active categories and, for an
    applicant, their own submitted applications by resi."""
    tables = {"complaint_categories": categories.lookup_rows()}
    if user_id is not None:
        rows = db.session.execute(select(
            Application.resi, Application.permit_name, Application.permit_code).where(
            Application.applicant_id == user_id, Application.resi.is_not(None))
            .order_by(Application.submitted_at.desc()).limit(200))
        cat = catalogue_store.current()
        named = (cat.recorded_permit_name if cat else lambda _code, name, _lang: name)
        tables["my_applications"] = [
            {"code": resi, "name": {
                lang: f"{resi_codes.display(resi)} — {named(code, name, lang)}"
                for lang in ("id", "en")}}
            for resi, name, code in rows]
    return tables


def file_from_form(posted: dict, *, user: User | None, upload: files.Upload | None = None
                   ) -> Complaint:
    """The complaint form's answers (a forms_schema definition) checked, then filed."""
    name = APPLICANT_FORM if user is not None else VISITOR_FORM
    cleaned, errors = forms.clean(name, posted, lookups=form_lookups(
        user.id if user else None))
    if errors:
        raise ValidationFailed(errors, N_("Pengaduan belum dapat dikirim."))
    if user is not None:
        return file_complaint(category_code=cleaned["category"], body=cleaned["body"],
                              user=user, resi=cleaned.get("resi"), upload=upload)
    return file_complaint(category_code=cleaned["category"], body=cleaned["body"],
                          name=cleaned["name"], email=cleaned["email"],
                          phone=cleaned.get("phone") or "", upload=upload)


def file_complaint(*, category_code: str, body: str, user: User | None = None, name: str = "",
                   email: str = "", phone: str = "", resi: str | None = None,
                   upload: files.Upload | None = None) -> Complaint:
    """Files a complaint for an applicant (`user`) or a visitor (`name` + `email`).

    The chat desk calls this to turn a conversation into a complaint."""
    category = categories.by_code(category_code)
    if category is None:
        raise ComplaintRefused(N_("Kategori pengaduan tidak tersedia."), field="category")
    if not (body or "").strip():
        raise ComplaintRefused(N_("Isi Pengaduan wajib diisi."), field="body")
    if user is None and not (name.strip() and (email.strip() or phone.strip())):
        raise ComplaintRefused(N_("Nama dan kontak (email atau telepon) pelapor wajib diisi."),
                               field="email")
    complaint = Complaint(
        ticket=tickets.new_ticket(), category=category, body=body.strip(),
        user_id=user.id if user else None, application=_own_application(user, resi),
        name=Who.of(user).name if user else name.strip(),
        email=user.email if user else email.strip(), phone=phone, created_at=utcnow(),
        language=i18n.choose(),
        due_on=sla.due_date(calendar.today(), category.sla_days))
    who = Who.of(user) if user else Who(None, complaint.name)
    if user is not None:
        contact.mark_verified(complaint)
    status.change(complaint, "file", who)
    db.session.add(complaint)
    if upload is not None and upload.filename:
        _attach(complaint, upload)
    db.session.flush()
    if contact.awaits_code(complaint):
        with suppress(codes.TooManyCodes):  # filed all the same; "Kirim ulang kode" later
            contact.send_code(complaint)  # the receipt follows once the address is proven
    else:
        _tell_filed(complaint)
    _commit()
    return complaint


def _tell_filed(complaint: Complaint) -> None:
    _tell(complaint, "filed", notices.Notice(_l("Pengaduan diterima"), _l(
        "Pengaduan Anda dengan kode tiket %(ticket)s telah kami terima dan akan diselesaikan "
        "paling lambat %(date)s."), {"ticket": complaint.ticket, "date": complaint.due_on}))


def verify_contact(complaint: Complaint, code: str) -> None:
    """The visitor typed the code mailed to their address: from now on the complaint's notices
    reach it, starting with the receipt it did not get yet. A wrong or expired code changes
    nothing (the complaint stays as it is, tracked by its ticket)."""
    if not contact.awaits_code(complaint):
        raise ComplaintRefused(contact.MSG_NOTHING_TO_VERIFY)
    try:
        proven = contact.check_code(complaint, code)
    except codes.CodeVoid as exc:
        raise ComplaintRefused(exc.message, field="code") from exc
    if not proven:
        raise ComplaintRefused(contact.MSG_WRONG_CODE, field="code")
    db.session.flush()
    _tell_filed(complaint)
    _commit()


def resend_code(complaint: Complaint) -> None:
    """A new code for the visitor's address, within the shared per-address limit."""
    if not contact.awaits_code(complaint):
        raise ComplaintRefused(contact.MSG_NOTHING_TO_VERIFY)
    try:
        contact.send_code(complaint)
    except codes.TooManyCodes as exc:
        raise ComplaintRefused(exc.message) from exc
    _commit()


def file_from_chat(draft, category_code: str, by: Who) -> Complaint:
    """A helpdesk conversation turned into a complaint: `draft` (chat_desk.complaint_draft)
    names the complainant and carries the transcript; the complaint's own rules apply as for
    any other. A visitor who left a phone number rather than an e-mail is followed up by
    phone (no e-mail is sent). The staff member who did it is on the record as a note."""
    user = db.session.get(User, draft.user_id) if draft.user_id is not None else None
    email, phone = identity.split_contact(draft.contact)
    complaint = file_complaint(category_code=category_code, body=draft.text, user=user,
                               name=draft.name or "", email=email, phone=phone)
    note(complaint, f"Dibuat dari percakapan chat oleh {by.name}.", by)
    return complaint


def assign(complaint: Complaint, assignee: User, by: Who, seen: int | None = None) -> None:
    """To oneself or a colleague; a new complaint becomes "diproses". `seen`: the last event
    the staff page showed (status.check_seen)."""
    status.check_seen(complaint, seen)
    if complaint.assignee_id == assignee.id:  # no second "Ditugaskan" for nothing
        raise ComplaintRefused(MSG_ALREADY_ASSIGNED.format(name=Who.of(assignee).name))
    status.change(complaint, "assign", by, detail=Who.of(assignee).name)
    complaint.assignee = assignee
    _commit()


def reply(complaint: Complaint, text: str, by: Who, then: str = status.IN_PROGRESS,
          seen: int | None = None) -> None:
    """A staff answer the complainant sees (app + e-mail); `then` is the status it leaves:
    diproses, menunggu (pemohon) or selesai. `seen` as for assign."""
    status.check_seen(complaint, seen)
    action = status.AFTER_REPLY.get(then)
    if action is None:
        raise ComplaintRefused(N_("Status setelah balasan tidak dikenal."), field="then")
    text = _checked_text(text)
    event = status.change(complaint, action, by)
    _add_message(complaint, REPLY, text, by)
    if complaint.assignee_id is None and by.user is not None:
        complaint.assignee_id = by.user.id
    complaint.first_answer_at = complaint.first_answer_at or utcnow()
    db.session.flush()
    subject = _l("Pengaduan selesai") if then == status.DONE else _l("Balasan pengaduan")
    _tell(complaint, f"event{event.id}", notices.Notice(subject, (
        _l("Petugas membalas pengaduan %(ticket)s:"), "%(text)s", _l("Status: %(status)s.")),
        {"ticket": complaint.ticket, "text": text.strip(),
         "status": status.LABELS.get(complaint.status, complaint.status)}))
    _commit()


def note(complaint: Complaint, text: str, by: Who) -> None:
    """An internal note: staff only, never shown or sent to the complainant."""
    _add_message(complaint, NOTE, text, by)
    _commit()


def close(complaint: Complaint, by: Who, seen: int | None = None) -> None:
    status.check_seen(complaint, seen)
    event = status.change(complaint, "close", by)
    db.session.flush()
    _tell(complaint, f"event{event.id}", notices.Notice(_l("Pengaduan selesai"), _l(
        "Pengaduan %(ticket)s ditandai selesai oleh petugas."), {"ticket": complaint.ticket}))
    _commit()


def respond(complaint: Complaint, text: str, by: Who,
            upload: files.Upload | None = None) -> None:
    """The complainant adds to the thread; a complaint waiting for them goes back to the
    helpdesk ("diproses")."""
    text = _checked_text(text)
    status.change(complaint, "respond", by)
    _add_message(complaint, COMPLAINANT, text, by)
    if upload is not None and upload.filename:
        _attach(complaint, upload)
    _commit()


def reopen_until(complaint: Complaint):
    """The last moment the complainant may reopen a closed complaint (None when open)."""
    if complaint.closed_at is None:
        return None
    return complaint.closed_at + timedelta(days=current_app.config["COMPLAINT_REOPEN_DAYS"])


def can_reopen(complaint: Complaint) -> bool:
    until = reopen_until(complaint)
    return status.allowed(complaint, "reopen") and until is not None and utcnow() <= until


def reopen(complaint: Complaint, text: str, by: Who) -> None:
    if not can_reopen(complaint):
        raise ComplaintRefused(MSG_REOPEN_LATE.format(
            days=current_app.config["COMPLAINT_REOPEN_DAYS"]))
    text = _checked_text(text)
    status.change(complaint, "reopen", by)
    _add_message(complaint, COMPLAINANT, text, by)
    _reopened(complaint)
    _commit()


def reopen_by_staff(complaint: Complaint, reason: str, by: Who, seen: int | None = None
                    ) -> None:
    """The helpdesk reopens a complaint closed by mistake: the same transition as the
    complainant's (status.TRANSITIONS "reopen"), at any time, with a reason kept in the
    complaint's history and the audit log, shown in the thread and sent to the complainant."""
    status.check_seen(complaint, seen)
    reason = (reason or "").strip()
    if not reason:
        raise ComplaintRefused(N_("Alasan membuka kembali wajib diisi."), field="text")
    if len(reason) > REASON_MAX:
        raise ComplaintRefused(N_("Alasan terlalu panjang (maksimal {n} karakter).").format(
            n=REASON_MAX), field="text")
    event = status.change(complaint, "reopen", by, detail=reason)
    # in the thread too: a visitor whose address is not proven reads it only on the page
    _add_message(complaint, REPLY, f"Pengaduan dibuka kembali. Alasan: {reason}", by)
    _reopened(complaint)
    audit.record("complaint.reopened", f"Pengaduan {complaint.ticket} dibuka kembali oleh "
                 f"petugas. Alasan: {reason}", subject=complaint.ticket, user=by.user)
    db.session.flush()
    _tell(complaint, f"event{event.id}", notices.Notice(_l("Pengaduan dibuka kembali"), (
        _l("Petugas membuka kembali pengaduan %(ticket)s."), _l("Alasan: %(reason)s"),
        _l("Status: %(status)s.")), {"ticket": complaint.ticket, "reason": reason,
                                     "status": status.LABELS.get(complaint.status,
                                                                 complaint.status)}))
    _commit()


def _reopened(complaint: Complaint) -> None:
    """A reopened complaint is answered afresh: no rating yet, a new due date."""
    complaint.rating = None
    complaint.due_on = sla.due_date(calendar.today(), complaint.category.sla_days)


def rate(complaint: Complaint, rating: int | str, by: Who) -> None:
    try:
        value = int(rating)
    except (TypeError, ValueError):
        value = 0
    if not 1 <= value <= 5:
        raise ComplaintRefused(N_("Pilih penilaian 1 sampai 5."), field="rating")
    status.change(complaint, "rate", by, detail=str(value))
    complaint.rating = value
    _commit()


def visible_thread(complaint: Complaint, *, staff: bool) -> list[ComplaintMessage]:
    """The thread as a reader may see it: internal notes only for staff."""
    return [m for m in complaint.messages if staff or m.kind != NOTE]


def _checked_text(text: str) -> str:
    """A message's text, checked before anything changes (a refused one changes nothing)."""
    text = (text or "").strip()
    if not text:
        raise ComplaintRefused(N_("Pesan tidak boleh kosong."), field="text")
    if len(text) > 5000:
        raise ComplaintRefused(N_("Pesan terlalu panjang (maksimal 5000 karakter)."), field="text")
    return text


def _add_message(complaint: Complaint, kind: str, text: str, by: Who) -> None:
    text = _checked_text(text)
    complaint.messages.append(ComplaintMessage(
        kind=kind, body=text, author_id=by.user.id if by.user else None, author_name=by.name,
        created_at=utcnow()))


def _attach(complaint: Complaint, upload: files.Upload) -> None:
    """The project's one upload rule (files.store_checked) for a message's attachment
    (files.MESSAGE_KINDS), in the complaints folder."""
    checked = files.store_checked(upload, FOLDER, files.MESSAGE_KINDS)
    complaint.attachments.append(ComplaintAttachment(
        uid=secrets.token_urlsafe(16), name=checked.original, ext=checked.ext,
        mime=checked.mime, size=checked.size,
        storage_key=storage.discard_unless_committed(checked.key)))


def _own_application(user: User | None, resi: str | None) -> Application | None:
    if user is None or not resi:
        return None
    found = db.session.scalar(select(Application).where(
        Application.resi == resi, Application.applicant_id == user.id))
    if found is None:
        raise ComplaintRefused(N_("Permohonan tidak ditemukan di daftar permohonan Anda."),
                               field="resi")
    return found


def public_path(complaint: Complaint) -> str:
    """Where the complainant reads the complaint: in the applicant area, or (visitors) the
    lookup page, which asks for the ticket code and the contact again."""
    if complaint.user_id is not None:
        return f"/pengaduan/{complaint.ticket}"
    return "/pengaduan/lacak"


def _tell(complaint: Complaint, key: str, notice: notices.Notice) -> None:
    """Inbox and e-mail; e-mail only to an address proven to be the complainant's."""
    notices.tell_person(complaint.user_id, contact.notice_address(complaint), complaint.name,
                        f"complaint{complaint.id}:{key}", notice, "",
                        notices.public_url(public_path(complaint)),
                        application=complaint.application, language=complaint.language)


def _commit() -> None:
    try:
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
