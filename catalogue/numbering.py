"""Registration and permit numbers are templates kept in the catalogue.

Each office numbers its documents differently (`1/SIPD-B/09/2023`,
`503/0001/SIP-D/DPMPTSP/2026`), so the pattern is data and this module only fills it in.
"""

from __future__ import annotations

import re
from datetime import date

from .marked import N_

TOKENS = ("seq", "year", "month", "month_roman", "day", "agency", "permit", "type")
_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
_SEQ_PAD = re.compile(r"^seq:0([1-9])$")

# The format checks' texts, marked for the console's English pages (catalogue.marked); a
# brace or a token is a value, so that the templates hold no brace of their own.
MSG_NOT_CLOSED = N_("Kurung kurawal '{brace}' pada posisi {position} tidak ditutup.")
MSG_UNKNOWN_TOKEN = N_("Token '{token}' tidak dikenal. Token yang tersedia: {known}.")
MSG_NOT_OPENED = N_("Kurung kurawal '{brace}' pada posisi {position} tanpa pasangan '{other}'.")
MSG_REQUIRED = N_("Format nomor wajib diisi.")
MSG_NO_SEQ = N_("Format nomor wajib memuat token {token} (nomor urut).")


class NumberFormatError(ValueError):
    """The format string cannot produce a number; the message lists every problem."""


def _parse(fmt: str) -> tuple[list[tuple[str, str]], list[str]]:
    parts: list[tuple[str, str]] = []  # ("lit", text) | ("tok", name)
    errors: list[str] = []
    i, n = 0, len(fmt)
    literal = ""
    while i < n:
        ch = fmt[i]
        if ch == "{" and fmt.startswith("{{", i):
            literal += "{"
            i += 2
        elif ch == "}" and fmt.startswith("}}", i):
            literal += "}"
            i += 2
        elif ch == "{":
            end = fmt.find("}", i + 1)
            nested = fmt.find("{", i + 1)
            if end < 0 or (0 <= nested < end):
                errors.append(MSG_NOT_CLOSED.format(brace="{", position=i + 1))
                literal += ch
                i += 1
                continue
            name = fmt[i + 1:end]
            if name not in TOKENS and not _SEQ_PAD.match(name):
                known = ", ".join("{" + t + "}" for t in TOKENS) + ", {seq:04}"
                errors.append(MSG_UNKNOWN_TOKEN.format(token="{" + name + "}", known=known))
            if literal:
                parts.append(("lit", literal))
                literal = ""
            parts.append(("tok", name))
            i = end + 1
        elif ch == "}":
            errors.append(MSG_NOT_OPENED.format(brace="}", position=i + 1, other="{"))
            i += 1
        else:
            literal += ch
            i += 1
    if literal:
        parts.append(("lit", literal))
    return parts, errors


def validate_format(fmt: object) -> list[str]:
    if not isinstance(fmt, str) or not fmt.strip():
        return [MSG_REQUIRED]
    parts, errors = _parse(fmt)
    if not any(kind == "tok" and (v == "seq" or _SEQ_PAD.match(v)) for kind, v in parts):
        errors.append(MSG_NO_SEQ.format(token="{seq}"))
    return errors


def format_number(fmt: str, *, seq: int, date: date, agency: str = "", permit: str = "",
                  app_type: str = "") -> str:
    errors = validate_format(fmt)
    if errors:
        raise NumberFormatError(" ".join(errors))
    values = {
        "seq": str(seq),
        "year": f"{date.year:04d}",
        "month": f"{date.month:02d}",
        "month_roman": _ROMAN[date.month - 1],
        "day": f"{date.day:02d}",
        "agency": agency,
        "permit": permit,
        "type": app_type,
    }
    out = []
    for kind, value in _parse(fmt)[0]:
        if kind == "lit":
            out.append(value)
        elif (pad := _SEQ_PAD.match(value)) is not None:
            out.append(str(seq).zfill(int(pad.group(1))))
        else:
            out.append(values[value])
    return "".join(out)
