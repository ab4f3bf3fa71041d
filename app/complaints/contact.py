"""A complaint's e-mail contact and whether the office may write to it.

Anyone may file a complaint without an account and type any address as its contact, so that
address is only the visitor's word: until they prove it is theirs by typing the code mailed
to it (on the complaint's page), the office sends it that short code message and nothing
else, and never anything the visitor wrote (not even their name), so the complaint form
cannot be used to make the office mail a stranger. An applicant's complaint carries their
account's address, proven at registration. The codes are the project's e-mail codes
(services/codes.py: hashed, single use, short-lived, a shared per-address limit), bound to
the complaint's ticket.
"""

from __future__ import annotations

from ..i18n import N_
from ..models import Complaint, utcnow
from ..notify import enqueue_email
from ..services import codes

MSG_WRONG_CODE = N_("Kode verifikasi salah atau sudah kedaluwarsa. Periksa email terbaru dari "
                    "kami, atau minta kode baru.")
MSG_NOTHING_TO_VERIFY = N_("Kontak pengaduan ini tidak perlu diverifikasi.")
SUBJECT = N_("Kode Verifikasi Email Pengaduan E-PTSP")


def _purpose(complaint: Complaint) -> str:
    return f"complaint:{complaint.ticket}"


def is_verified(complaint: Complaint) -> bool:
    return complaint.contact_verified_at is not None


def awaits_code(complaint: Complaint) -> bool:
    """An e-mail address the complainant has not yet shown to be theirs."""
    return bool(complaint.email) and not is_verified(complaint)


def notice_address(complaint: Complaint) -> str:
    """Where the complaint's notices may be e-mailed: its address once proven, else none."""
    return complaint.email if is_verified(complaint) else ""


def reaches(complaint: Complaint) -> tuple[bool, bool]:
    """Where a notice about the complaint reaches the complainant (service._tell): their
    Inbox (a complaint filed from an account) and e-mail (`notice_address`)."""
    return complaint.user_id is not None, bool(notice_address(complaint))


def mark_verified(complaint: Complaint) -> None:
    """An applicant's own account address (proven when they registered)."""
    complaint.contact_verified_at = utcnow()


def send_code(complaint: Complaint) -> None:
    """Mails a code for this complaint's address (in the caller's transaction); nothing is
    sent, and codes.TooManyCodes raised, when the address already had its share lately."""
    code = codes.add_email_code(complaint.email.lower(), _purpose(complaint))
    enqueue_email(complaint.email, SUBJECT, "mail/complaint_code.txt", confidential=True,
                  language=complaint.language, code=code, ticket=complaint.ticket,
                  minutes=codes.email_code_minutes())


def check_code(complaint: Complaint, code: str) -> bool:
    """Marks the address proven when `code` is a live code sent for this complaint."""
    if not codes.consume_email_code(complaint.email.lower(), (code or "").strip(),
                                    _purpose(complaint)):
        return False
    complaint.contact_verified_at = utcnow()
    return True
