"""The one masking helper: what a name or an identity number looks like wherever the full
value must not go (logs, e-mails, public pages, outbox bodies).

NIK (16 digits) and NPWP (15 digits, or 16 since NPWP became the NIK) identify a person for
life and open doors elsewhere; a log line or an e-mail is read by more people and kept longer
than the database. So they leave the product only as "6472********0001": the first four
digits (province and regency, shared by a million people) and the last four, enough for the
owner to recognise, not enough to use.
"""

from __future__ import annotations

import re

__all__ = ["mask_identity", "mask_name", "scrub"]

# a bare 15/16-digit run (NIK, new NPWP, old NPWP without dots) or an old NPWP as printed,
# 01.234.567.8-901.234; not part of a longer number
_IDENTITY = re.compile(r"(?<![\d.])(?:\d{15,16}|\d{2}\.\d{3}\.\d{3}\.\d-\d{3}\.\d{3})(?![\d])")
_KEEP = 4


def mask_identity(value: str | None) -> str:
    """"6472011505900001" -> "6472********0001"; short or empty values become all stars."""
    digits = "".join(ch for ch in (value or "") if ch.isdigit())
    if len(digits) <= 2 * _KEEP:
        return "*" * len(digits)
    return digits[:_KEEP] + "*" * (len(digits) - 2 * _KEEP) + digits[-_KEEP:]


def mask_name(name: str | None) -> str:
    """Public pages show "Si** Am****": enough to recognise, not enough to harvest."""
    words = []
    for word in (name or "").split():
        keep = 2 if len(word) > 3 else 1
        words.append(word[:keep] + "*" * max(len(word) - keep, 0))
    return " ".join(words)


def scrub(text: str) -> str:
    """Every NIK/NPWP-shaped number in free text, masked (log lines, exception messages)."""
    if not text or not any(ch.isdigit() for ch in text):
        return text
    return _IDENTITY.sub(lambda m: mask_identity(m.group(0)), text)
