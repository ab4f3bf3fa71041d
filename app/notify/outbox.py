"""Adding messages to the transactional outbox. Nothing here commits: the caller's commit
makes the message real together with the change that caused it.

Every subject and body is passed through the one masker (`privacy.masking.scrub`) here, the
one door all e-mail and WhatsApp goes through: texts written by staff (a revision note, a
complaint reply, a refusal) quote a NIK or NPWP as often as not, and an e-mail is copied,
forwarded and kept far beyond our reach (UU PDP 27/2022)."""

from __future__ import annotations

import uuid

from flask import render_template

from ..extensions import db
from ..models import OutboxMessage
from ..privacy.masking import scrub


def enqueue_email(recipient: str, subject: str, template: str, *, key: str | None = None,
                  confidential: bool = False, **context) -> OutboxMessage:
    """`confidential`: the text holds a secret (a code, a PIN) that no staff screen shows."""
    body = render_template(template, **context)
    return add("email", recipient, subject, body, key=key, confidential=confidential)


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
