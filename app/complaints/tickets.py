"""Ticket codes and who may open a complaint.

A ticket code is random (about 59 bits from an alphabet without look-alike characters), so
it can be shown and typed but not guessed. An applicant opens only their own complaints; a
visitor only with the ticket code and the contact they left. "Not yours" and "does not exist"
answer the same way.
"""

from __future__ import annotations

import hmac
import re
import secrets

from sqlalchemy import select

import forms_schema

from ..captcha import ALPHABET
from ..extensions import db
from ..i18n import N_
from ..models import Complaint
from ..services.errors import NotFound

PREFIX = "ADU"
GROUPS, GROUP_LEN = 3, 4


class ComplaintNotFound(NotFound):
    pass


def new_ticket() -> str:
    groups = ("".join(secrets.choice(ALPHABET) for _ in range(GROUP_LEN))
              for _ in range(GROUPS))
    return "-".join((PREFIX, *groups))


def normalise(text: str | None) -> str:
    """What people type ("adu abcd efgh jkmn") as the stored form ("ADU-ABCD-EFGH-JKMN")."""
    chars = re.sub(r"[^A-Z0-9]", "", (text or "").upper())
    if chars.startswith(PREFIX):
        chars = chars[len(PREFIX):]
    if len(chars) != GROUPS * GROUP_LEN:
        return ""
    return "-".join((PREFIX, *(chars[i:i + GROUP_LEN]
                               for i in range(0, len(chars), GROUP_LEN))))


def _contact_matches(complaint: Complaint, contact: str) -> bool:
    email, typed_phone = forms_schema.identity.split_contact(contact)
    if not (email or typed_phone):
        return False
    if email:
        return hmac.compare_digest(email.lower().encode(), (complaint.email or "").lower()
                                   .encode())
    phone = forms_schema.identity.normalise_phone(typed_phone)
    return bool(complaint.phone) and hmac.compare_digest(phone.encode(),
                                                         complaint.phone.encode())


def by_ticket(ticket: str) -> Complaint | None:
    code = normalise(ticket)
    return db.session.scalar(select(Complaint).where(Complaint.ticket == code)) if code else None


def for_visitor(ticket: str, contact: str) -> Complaint:
    found = by_ticket(ticket)
    if found is None or not _contact_matches(found, contact):
        raise ComplaintNotFound(N_("Pengaduan tidak ditemukan. Periksa kode tiket dan kontak "
                                   "yang Anda isi saat mengadu."))
    return found


def for_applicant(user_id: int, ticket: str) -> Complaint:
    found = by_ticket(ticket)
    if found is None or found.user_id != user_id:
        raise ComplaintNotFound(N_("Pengaduan tidak ditemukan."))
    return found
