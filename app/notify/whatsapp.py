"""WhatsApp through an HTTP gateway (Fonnte, Wablas, a self-hosted bridge...): one POST per
message. The gateway is configured, never assumed: without WHATSAPP_GATEWAY_URL nothing is
queued for this channel."""

from __future__ import annotations

import json
import urllib.error
import urllib.request


class WhatsAppError(Exception):
    pass


def to_international(phone: str) -> str:
    """08xx, 8xx, +62 8xx, 0062 8xx -> 628xx, as gateways expect."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    if digits.startswith("00"):
        digits = digits[2:]
    if digits.startswith("0"):
        return "62" + digits[1:]
    return "62" + digits if digits.startswith("8") else digits


def send(url: str, token: str | None, phone: str, text: str, key: str,
         timeout: float = 15.0) -> None:
    """The idempotency key travels as a header so a gateway can drop a re-sent duplicate."""
    body = json.dumps({"to": to_international(phone), "message": text}).encode()
    request = urllib.request.Request(url, data=body, method="POST", headers={
        "Content-Type": "application/json", "Idempotency-Key": key,
        **({"Authorization": f"Bearer {token}"} if token else {}),
    })
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            if response.status >= 300:
                raise WhatsAppError(f"gateway answered HTTP {response.status}")
    except urllib.error.HTTPError as exc:
        raise WhatsAppError(f"gateway answered HTTP {exc.code}") from exc
    except (urllib.error.URLError, TimeoutError) as exc:
        raise WhatsAppError(f"gateway unreachable: {exc}") from exc
