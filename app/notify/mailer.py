"""Delivering one email: SMTP when SMTP_URL is set, otherwise printed to the log."""

from __future__ import annotations

import logging
import smtplib
from email.message import EmailMessage
from email.utils import formatdate
from urllib.parse import parse_qs, unquote, urlparse

log = logging.getLogger("eptsp.mail")


def build_message(sender: str, recipient: str, subject: str, body: str,
                  message_id: str) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = recipient
    msg["Subject"] = subject
    msg["Date"] = formatdate(localtime=False)
    # a stable Message-ID lets receivers drop a copy re-sent after a worker crash
    msg["Message-ID"] = message_id
    msg.set_content(body)
    return msg


def send(smtp_url: str | None, msg: EmailMessage, timeout: float = 15.0) -> None:
    if not smtp_url:
        log.info("EMAIL (no SMTP_URL set) to=%s subject=%s\n%s", msg["To"], msg["Subject"],
                 msg.get_content())
        return
    url = urlparse(smtp_url)
    query = parse_qs(url.query)
    host = url.hostname or "localhost"
    if url.scheme == "smtps":
        client = smtplib.SMTP_SSL(host, url.port or 465, timeout=timeout)
    else:
        client = smtplib.SMTP(host, url.port or 25, timeout=timeout)
    with client:
        if url.scheme == "smtp" and query.get("starttls", ["0"])[0] in ("1", "true"):
            client.starttls()
        if url.username:
            client.login(unquote(url.username), unquote(url.password or ""))
        client.send_message(msg)
