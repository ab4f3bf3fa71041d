"""Adding messages to the transactional outbox. Nothing here commits: the caller's commit
makes the message real together with the change that caused it."""

from __future__ import annotations

import uuid

from flask import render_template

from ..extensions import db
from ..models import OutboxMessage


def enqueue_email(recipient: str, subject: str, template: str, *, key: str | None = None,
                  **context) -> OutboxMessage:
    body = render_template(template, **context)
    message = OutboxMessage(
        channel="email",
        idempotency_key=key or uuid.uuid4().hex,
        recipient=recipient,
        subject=subject,
        body=body,
    )
    db.session.add(message)
    return message
