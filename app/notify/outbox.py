"""Adding messages to the transactional outbox. Nothing here commits: the caller's commit
makes the message real together with the change that caused it.

Every subject and body is passed through the one masker (`privacy.masking.scrub`) here, the
one door all e-mail and WhatsApp goes through: texts written by staff (a revision note, a
complaint reply, a refusal) quote a NIK or NPWP as often as not, and an e-mail is copied,
forwarded and kept far beyond our reach (UU PDP 27/2022).

It is also the one place an e-mail is written, so the one place its language is chosen
(`language_for`): callers name the recipient and hand over texts, never a language. Many
e-mails are written outside any request (the worker's revision deadlines, a staff member's
Indonesian page deciding an English applicant's case), so the page's language alone would be
wrong for most of them."""

from __future__ import annotations

import uuid

from flask import current_app, render_template
from flask_babel import force_locale

from .. import account_language, i18n
from ..extensions import db
from ..models import OutboxMessage
from ..privacy.masking import scrub


def enqueue_email(recipient: str, subject, template: str, *, key: str | None = None,
                  confidential: bool = False, language: str | None = None,
                  **context) -> OutboxMessage:
    """`confidential`: the text holds a secret (a code, a PIN) that no staff screen shows.

    `subject` is a text marked with N_ or _l, or an i18n.PerLanguage; so may be any value of
    `context`. The template's own texts are marked with _(); all are read in the recipient's
    language (`language_for`), which the template also gets as `lang` (for dates).
    `language`: the one kept for an address without an account (`language_for`)."""
    lang = language_for(recipient, language)
    with force_locale(lang):
        values = {name: i18n.read_in(value, lang) for name, value in context.items()}
        body = render_template(template, lang=lang, **values)
        title = i18n.marked_in(str(i18n.read_in(subject, lang)), lang)
    return add("email", recipient, title, body, key=key, confidential=confidential)


def language_for(recipient: str, kept_elsewhere: str | None = None) -> str:
    """The language of an e-mail to `recipient`: the one their account keeps when the
    address has an account; else one kept for them elsewhere (a visitor's complaint, an
    account read before it was erased); else the language of the page that caused the
    e-mail (a person registering); else the office's (the worker, the CLI). An applicant's
    and a staff member's account alike (account_language)."""
    chosen = account_language.of_address(recipient) or kept_elsewhere or i18n.choose()
    return chosen if chosen in current_app.config["LANGUAGES"] else \
        current_app.config["BABEL_DEFAULT_LOCALE"]


def add(channel: str, recipient: str, subject: str, body: str, *, key: str | None = None,
        confidential: bool = False) -> OutboxMessage:
    """A message of any channel, its identity numbers masked (see the module text)."""
    message = OutboxMessage(
        channel=channel,
        idempotency_key=key or uuid.uuid4().hex,
        recipient=recipient,
        subject=scrub(subject),
        body=scrub(body),
        confidential=confidential,
    )
    db.session.add(message)
    return message
