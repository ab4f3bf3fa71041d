"""Erasing an applicant account (UU PDP 27/2022, right to erasure), the one way it is done:
for an approved request (app/privacy/requests.py) and for an abandoned account
(app/privacy/retention.py), from the console, the CLI and the worker alike.

What the law makes the office keep stays: every application it received and decided on (its
data, history, documents and their files: the record of a public service), issued permits and
their signed PDFs (a permit must still verify; its public page shows the holder's name
masked), the audit log. Everything else goes: drafts (never submitted), files no kept
application uses, the profile photo, Inbox, chats, messages waiting in the outbox, reset and
throttle rows. The account row stays (applications point at it) but holds nothing personal
and can never log in again: name and e-mail become placeholders, identity numbers, phone and
address are cleared, the password is removed, sessions and API tokens end.

Nothing here commits: the caller commits the erasure with its record, then calls
`discard_files` with the storage keys the summary lists (files go only once no committed row
names them)."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import delete, func, select, update

from .. import storage
from ..extensions import db
from ..i18n import N_
from ..models import (
    ApplicantProfile,
    Application,
    ApplicationDocument,
    AuthThrottle,
    ChatConversation,
    ChatMessage,
    Complaint,
    EmailCode,
    InboxMessage,
    IssuedPermit,
    OutboxMessage,
    PasswordReset,
    StoredFile,
    SurveyResponse,
)
from ..models.applications import DRAFT, IN_PROCESS, REVISION
from ..security import sessions
from ..services import files, notices

PLACEHOLDER_NAME = "Pemohon Terhapus"
RUNNING = (IN_PROCESS, REVISION)
# what an erasure or a retention purge counts, as people read it: the audit log's words
# (Indonesian, as every record) and the console's (translated, app/backoffice/privacy_views)
COUNT_LABELS = {"drafts": N_("Draf"), "files": N_("Berkas"), "photo": N_("Foto profil"),
                "inbox": N_("Inbox"), "chats": N_("Percakapan chat"),
                "outbox": N_("Pesan keluar"), "account": N_("Akun"),
                "accounts": N_("Akun tidak aktif"),
                "applications": N_("Permohonan terkirim"), "permits": N_("Izin terbit"),
                "complaints": N_("Pengaduan"), "survey_responses": N_("Jawaban survei"),
                "audit_ips": N_("Alamat IP log audit")}


def counts_text(counts: dict) -> str:
    """{"drafts": 0, "outbox": 2} -> "Draf 0, Pesan keluar 2" (a record's summary line)."""
    return ", ".join(f"{COUNT_LABELS.get(key, key)} {value}" for key, value in counts.items())


@dataclass
class Erasure:
    """What an erasure did: counts for the record (privacy_request.summary, the audit log)
    and the storage keys to discard once it is committed (never in the record)."""

    removed: dict = field(default_factory=dict)
    kept: dict = field(default_factory=dict)
    keys: list = field(default_factory=list)

    def summary(self) -> dict:
        return {"removed": dict(self.removed), "kept": dict(self.kept)}


def placeholder_email(user_id: int) -> str:
    """Unique (the column is), never deliverable (RFC 2606 .invalid), never a login name."""
    return f"terhapus-{user_id}@terhapus.invalid"


def is_erased(user) -> bool:
    return (user.email or "").endswith("@terhapus.invalid")


def running_applications(user_id: int) -> int:
    """Applications still being processed or waiting for a revision: an account cannot be
    erased under them (the office is still deciding; the applicant may cancel first)."""
    return db.session.scalar(select(func.count(Application.id)).where(
        Application.applicant_id == user_id, Application.status.in_(RUNNING))) or 0


def erase_account(user) -> Erasure:
    """Anonymises `user` (an applicant) in the caller's transaction; see the module text."""
    done = Erasure()
    _drafts(user.id, done)
    _files(user.id, done)
    _messages(user, done)
    _kept_records(user.id, done)
    _anonymise(user, done)
    return done


def _drafts(user_id: int, done: Erasure) -> None:
    drafts = db.session.scalars(select(Application).where(
        Application.applicant_id == user_id, Application.status == DRAFT)).all()
    for draft in drafts:
        db.session.delete(draft)
    done.removed["drafts"] = len(drafts)
    db.session.flush()


def _files(user_id: int, done: Erasure) -> None:
    """Files a kept application uses stay (they are part of its record, the same rule as
    File Saya's delete button: services.files.used_ids); the rest go."""
    owned = db.session.scalars(select(StoredFile).where(StoredFile.owner_id == user_id)).all()
    used = files.used_ids(f.id for f in owned)
    for stored in owned:
        if stored.id not in used:
            done.keys.append(stored.storage_key)
            db.session.delete(stored)
    done.removed["files"] = len(owned) - len(used)
    done.kept["files"] = len(used)


def _messages(user, done: Erasure) -> None:
    """Inbox, chats and what the outbox holds for the person (their name, their texts)."""
    removed = done.removed
    removed["inbox"] = db.session.execute(
        delete(InboxMessage).where(InboxMessage.user_id == user.id)).rowcount
    chats = db.session.scalars(select(ChatConversation).where(
        ChatConversation.user_id == user.id)).all()
    done.keys.extend(db.session.scalars(select(ChatMessage.attachment_key).where(
        ChatMessage.conversation_id.in_([c.id for c in chats]),
        ChatMessage.attachment_key.is_not(None))))
    for chat in chats:
        db.session.delete(chat)
    removed["chats"] = len(chats)
    removed["outbox"] = db.session.execute(delete(OutboxMessage).where(
        OutboxMessage.recipient.in_([user.email, *_phones(user.id)]))).rowcount
    db.session.execute(delete(PasswordReset).where(PasswordReset.user_id == user.id))
    db.session.execute(delete(AuthThrottle).where(AuthThrottle.user_id == user.id))
    db.session.execute(delete(EmailCode).where(EmailCode.email == user.email))


def _phones(user_id: int) -> set[str]:
    """The numbers WhatsApp notices went to: the profile's and each application's own
    (tell_applicant sends to the number given on the application)."""
    phones = set(db.session.scalars(select(ApplicantProfile.phone).where(
        ApplicantProfile.user_id == user_id)))
    for data in db.session.scalars(select(Application.data).where(
            Application.applicant_id == user_id)):
        phones.add(notices.whatsapp_number(data))
    return {p for p in phones if p}


def _kept_records(user_id: int, done: Erasure) -> None:
    """Counted for the record. Complaints stay as the office's record of its service but no
    longer name or reach the person; survey answers were anonymous and stay in the IKM."""
    kept = done.kept
    kept["applications"] = db.session.scalar(select(func.count(Application.id)).where(
        Application.applicant_id == user_id)) or 0
    kept["permits"] = permits_held(user_id)
    kept["complaints"] = db.session.execute(
        update(Complaint).where(Complaint.user_id == user_id)
        .values(name=PLACEHOLDER_NAME, email="", phone="", user_id=None)).rowcount
    kept["survey_responses"] = db.session.execute(
        update(SurveyResponse).where(SurveyResponse.user_id == user_id)
        .values(user_id=None)).rowcount


_CLEARED = ("nik", "npwp", "nib", "gender", "birth_date", "education", "occupation",
            "company_name", "pic_name", "pic_nik", "province_code", "regency_code",
            "district_code", "village_code", "postal_code")


def _anonymise(user, done: Erasure) -> None:
    profile = db.session.scalar(select(ApplicantProfile).where(
        ApplicantProfile.user_id == user.id))
    if profile is not None:
        if profile.photo_key:
            done.keys.append(profile.photo_key)
            done.removed["photo"] = 1
        for attr in _CLEARED:
            setattr(profile, attr, None)
        profile.name, profile.address, profile.phone = PLACEHOLDER_NAME, "", ""
        profile.photo_key = None
    sessions.end_all(user.id)  # sessions and API tokens end now
    user.first_name, user.last_name = PLACEHOLDER_NAME, ""
    user.username = f"terhapus-{user.id}"
    user.email = placeholder_email(user.id)
    user.password = None
    user.active = False
    done.removed["account"] = 1


def discard_files(keys) -> None:
    """After the commit: the bytes of the removed files and photo (a failure is left for
    `flask storage cleanup`, like every other discard)."""
    for key in keys:
        storage.discard(key)


def permits_held(user_id: int) -> int:
    """Permits issued on the person's applications: kept whatever the request (the office's
    decisions stay on record)."""
    return db.session.scalar(
        select(func.count(IssuedPermit.id)).join(
            Application, IssuedPermit.application_id == Application.id)
        .where(Application.applicant_id == user_id)) or 0


def preview(user_id: int) -> dict:
    """What an erasure of the account would remove and keep now (for the handler's screen)."""
    def count(model, *where):
        return db.session.scalar(select(func.count(model.id)).where(*where)) or 0

    used = select(ApplicationDocument.file_id)
    return {
        "drafts": count(Application, Application.applicant_id == user_id,
                        Application.status == DRAFT),
        "running": running_applications(user_id),
        "applications": count(Application, Application.applicant_id == user_id,
                              Application.status != DRAFT),
        "permits": permits_held(user_id),
        "files_removed": count(StoredFile, StoredFile.owner_id == user_id,
                               StoredFile.id.not_in(used)),
        "files_kept": count(StoredFile, StoredFile.owner_id == user_id, StoredFile.id.in_(used)),
    }
