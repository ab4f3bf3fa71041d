"""Telling the applicant what happened: an Inbox message, an email and (when a gateway is
configured) a WhatsApp message, all written in the caller's transaction.

Each message carries an idempotency key derived from the event it reports, so retrying a
transition or re-running a worker never produces a second copy.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from flask import current_app
from flask_babel import force_locale

from forms_schema import long_date

from .. import i18n
from ..extensions import db
from ..models import Application, InboxMessage
from ..notify import enqueue_email, outbox
from . import resi as resi_codes


def public_url(path: str) -> str:
    return current_app.config["PUBLIC_BASE_URL"].rstrip("/") + path


@dataclass(frozen=True)
class Notice:
    """What the applicant is told, written once for both languages: texts marked for
    translation (`_l`, Indonesian) with %(name)s values; a value {"id", "en"} (a catalogue
    name) is read in each language, a date is written out in each. `text` may be several
    paragraphs (joined by a blank line)."""

    subject: object
    text: object | tuple
    values: dict = field(default_factory=dict)

    def render(self, lang: str) -> tuple[str, str]:
        values = {k: _value(v, lang) for k, v in self.values.items()}
        parts = self.text if isinstance(self.text, tuple) else (self.text,)
        with force_locale(lang):
            return (str(self.subject) % values,
                    "\n\n".join(str(part) % values for part in parts))


def _value(value, lang: str):
    """A value as the notice in `lang` shows it: a catalogue text in that language, a date
    written out in it ("9 Desember 2026" / "9 December 2026")."""
    if isinstance(value, dict):
        return i18n.text(value, lang)
    if isinstance(value, date) and not isinstance(value, datetime):
        return long_date(value, lang)
    return value


def permit_name(application: Application) -> dict | str:
    """The permit's name in both languages when its catalogue has them."""
    from .applications import permit_of

    return permit_of(application).get("name") or application.permit_name


def tell_applicant(application: Application, key: str, subject: str | Notice,
                   text: str = "") -> None:
    """`key` names the event (e.g. "event:42"); the channels add their suffix to it. A
    Notice also gives the Inbox its English text, and the e-mail goes in the language its
    recipient reads (notify.outbox); WhatsApp goes in Indonesian."""
    user = application.applicant
    (subject, text), (subject_en, text_en) = _both(subject, text)
    db.session.add(InboxMessage(user_id=user.id, application_id=application.id,
                                subject=subject, body=text, subject_en=subject_en[:300],
                                body_en=text_en))
    enqueue_email(user.email, _per_language(subject, subject_en),
                  "mail/application_notice.txt", key=f"app{application.id}:{key}:email",
                  name=application.applicant_name, text=_per_language(text, text_en),
                  permit=permit_name_for_email(application),
                  resi=resi_codes.display(application.resi),
                  url=public_url(f"/permohonan/{application.uid}"))
    phone = whatsapp_number(application.data)
    if current_app.config.get("WHATSAPP_GATEWAY_URL") and phone:
        outbox.add("whatsapp", phone, subject, f"{subject}\n\n{text}",
                   key=f"app{application.id}:{key}:wa")


def _both(subject: str | Notice, text: str) -> tuple[tuple[str, str], tuple[str, str]]:
    """(Indonesian, English) subject and text; a plain text has no English ("")."""
    if isinstance(subject, Notice):
        return subject.render("id"), subject.render("en")
    return (subject, text), ("", "")


def _per_language(indonesian: str, english: str) -> i18n.PerLanguage:
    """A text for an e-mail: English when there is one, else Indonesian for every reader."""
    return i18n.PerLanguage(id=indonesian, en=english or indonesian)


def permit_name_for_email(application: Application) -> i18n.PerLanguage:
    """The permit's name for an e-mail, in its reader's language when the catalogue has it."""
    name = permit_name(application)
    return i18n.PerLanguage(name if isinstance(name, dict) else {"id": name})


def whatsapp_number(data: dict | None) -> str | None:
    """The number an application's WhatsApp notices go to: the one given on it (its data's
    applicant part), which may differ from the profile's."""
    return ((data or {}).get("applicant") or {}).get("phone")


def tell_person(user_id: int | None, email: str, name: str, key: str, subject: str | Notice,
                text: str, url: str, application: Application | None = None,
                language: str | None = None) -> None:
    """Inbox (when the person has an account) and e-mail (when they left an address) about
    something that is not a change of an application, e.g. a complaint's reply. `key` must
    name the event, so a retry never sends a second copy. A Notice gives the Inbox its
    English text and the e-mail its recipient's language, as in tell_applicant; `language`
    is the one kept for an address without an account (notify.outbox.language_for)."""
    (subject, text), (subject_en, text_en) = _both(subject, text)
    if user_id is not None:
        db.session.add(InboxMessage(user_id=user_id, subject=subject, body=text,
                                    subject_en=subject_en[:300], body_en=text_en,
                                    application_id=application.id if application else None))
    if email:
        enqueue_email(email, _per_language(subject, subject_en), "mail/notice.txt",
                      key=f"{key}:email", name=name, text=_per_language(text, text_en), url=url,
                      language=language)
