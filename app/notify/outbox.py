"""Adding messages to the transactional outbox. Nothing here commits: the caller's commit
makes the message real together with the change that caused it."""

from __future__ import annotations

import uuid

from flask import render_template

from ..extensions import db
from ..models import OutboxMessage


def enqueue_email(recipient: str, subject: str, template: str, *, key: str | None = None,
                  confidential: bool = False, **context) -> OutboxMessage:
    """`confidential`: the text holds a secret (a code, a PIN) that no staff screen shows."""
    body = render_template(template, **context)
    message = OutboxMessage(
        channel="email",
        idempotency_key=key or uuid.uuid4().hex,
        recipient=recipient,
        subject=subject,
        body=body,
        confidential=confidential,
    )
    db.session.add(message)
    return message
