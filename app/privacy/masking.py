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

from forms_schema import identity

__all__ = ["mask_identity", "mask_name", "scrub"]

# an old NPWP as printed, 01.234.567.8-901.234 (two kinds of separator)
_PRINTED_NPWP = re.compile(
    r"(?<![0-9])[0-9]{2}\.[0-9]{3}\.[0-9]{3}\.[0-9]-[0-9]{3}\.[0-9]{3}(?![0-9])")
# ASCII digit groups joined by ONE kind of separator (space, dash or dot) throughout, as people
# type a NIK off a KTP: "6472 0115 0590 0001", "6472-0115-0590-0001", "6472.0115.0590.0001".
# One kind only, so two dates in a row ("2026-12-01 2026-12-31") never join into 16 digits.
_GROUPS = re.compile(r"(?<![0-9])[0-9]+(?:([ .\-])[0-9]+(?:\1[0-9]+)*)?")
_IDENTITY_LENGTHS = (16, 15, 13)  # NIK / new NPWP, old NPWP, NIB
_NIK_LENGTH = 16
_KEEP = 4
# A word that says the next number is a phone: "HP", "No. HP/WA:", "Telp.", "WhatsApp", with only
# punctuation (and "no"/"nomor") between it and the number.
_PHONE_WORD = re.compile(
    r"\b(?:hp|handphone|ponsel|telp|telpon|telepon|tlp|tel|phone|mobile|wa|whatsapp)\b"
    r"[^0-9A-Za-z]{0,3}(?:(?:no|nomor|nomer)\b[^0-9A-Za-z]{0,3})?$", re.IGNORECASE)
_CONTEXT_CHARS = 40


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


def scrub(text: str | None) -> str:
    """Every NIK/NPWP/NIB-shaped number in free text, masked: log lines, exception messages,
    the audit log, complaint and survey texts shown to staff. The one masker for text.

    A number counts with or without separators (see `_GROUPS`); 16 or 15 digits is a NIK or
    an NPWP, 13 an NIB, except a 13- or 15-digit run written as a phone number (see `_phone`;
    16 digits never are). Shorter numbers (dates, amounts, phone numbers, receipts) and longer
    ones (a reference number is not an identity) are left as they are."""
    if not text or not any(ch.isdigit() for ch in text):
        return text or ""
    text = _PRINTED_NPWP.sub(lambda m: mask_identity(m.group(0)), text)
    return _GROUPS.sub(lambda m: _masked_groups(m.group(0), m.group(1), text, m.start()), text)


def _masked_groups(found: str, separator: str | None, text: str, start: int) -> str:
    """The run of digit groups with every identity-long stretch of whole groups masked: from
    each group, the longest stretch of 16, 15 or 13 digits (a NIK followed by a year, "... 0001
    2026", is still found). A phone number written as one is passed over whole, so that the
    13 digits inside "+62 812 3456 789012" are not taken for an NIB."""
    groups = found.split(separator) if separator else [found]
    out, i = [], 0
    while i < len(groups):
        end, phone_end, total = None, None, 0
        for j in range(i, len(groups)):
            total += len(groups[j])
            if total > _IDENTITY_LENGTHS[0]:
                break
            if total in _IDENTITY_LENGTHS:
                if _phone(groups[i:j + 1], text, start, i):
                    phone_end = j
                else:
                    end = j
        if end is not None:
            out.append(mask_identity("".join(groups[i:end + 1])))
            i = end + 1
        elif phone_end is not None:
            out.extend(groups[i:phone_end + 1])
            i = phone_end + 1
        else:
            out.append(groups[i])
            i += 1
    return (separator or "").join(out)


def _phone(groups: list[str], text: str, start: int, first: int) -> bool:
    """A 13-digit run (an NIB) or a 15-digit one (an old NPWP) is a phone number only when it
    is written as one: the forms' own phone rule holds (a mobile number is 9 to 15 digits; 15
    only as 628... without the 0) AND a leading '+' or a phone word just before ("HP",
    "Telp.", "WA: ") says so. Its shape alone decides nothing: a mobile number 08xx/628xx is
    13 digits as often as an NIB is, so an unexplained "0812 3456 78901" is masked (privacy by
    default). Sixteen digits are always a NIK, whatever the words around them: a NIK of
    Kalimantan Tengah starts with 62, and a phone number is never that long."""
    digits = "".join(groups)
    if len(digits) >= _NIK_LENGTH or first != 0:
        return False
    plus = start > 0 and text[start - 1] == "+"
    if identity.phone_problem(("+" if plus else "") + digits) is not None:
        return False
    return plus or _PHONE_WORD.search(text[max(start - _CONTEXT_CHARS, 0):start]) is not None
