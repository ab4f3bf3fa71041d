"""The helpdesk's office hours and the automatic reply outside them, both data.

Hours are rows of `chat_office_hours` (weekday + opening period, office local time) edited in
the console; the catalogue's holidays close the helpdesk all day. With no rows at all the
helpdesk counts as always open (no automatic reply), so an install that never set hours is
not told it is closed.
"""

from __future__ import annotations

from datetime import datetime, time

from sqlalchemy import func, select

from ..extensions import db
from ..models import ChatCannedReply, ChatOfficeHours, ChatSetting
from . import calendar, catalogue_store

AUTO_REPLY_KEY = "balasan_otomatis"
DEFAULT_AUTO_REPLY = (
    "Terima kasih telah menghubungi helpdesk. Saat ini di luar jam layanan "
    "(Senin-Jumat 08.00-16.00, kecuali hari libur). Pesan Anda sudah kami terima dan akan "
    "dibalas pada jam layanan berikutnya.")
DEFAULT_HOURS = [(day, time(8, 0), time(16, 0)) for day in range(5)]
DEFAULT_CANNED = [
    ("Salam pembuka", "Selamat datang di layanan helpdesk. Ada yang bisa kami bantu?"),
    ("Cek status permohonan",
     "Status permohonan dapat dilihat di menu Permohonan Saya atau Lacak Permohonan "
     "dengan nomor resi Anda."),
    ("Lupa password", "Silakan gunakan menu Lupa Password di halaman Login; PIN akan "
                      "dikirim ke email yang terdaftar."),
    ("Penutup", "Terima kasih telah menghubungi kami. Percakapan ini akan kami tutup."),
]


def is_open(moment: datetime | None = None) -> bool:
    """Whether the helpdesk is staffed at `moment` (office local time; default now)."""
    moment = moment or calendar.local_now()
    rows = db.session.scalars(select(ChatOfficeHours)).all()
    if not rows:
        return True
    cat = catalogue_store.current()
    if cat is not None and moment.date() in cat.holiday_dates():
        return False
    clock = moment.time().replace(tzinfo=None)
    return any(r.weekday == moment.weekday() and r.opens <= clock < r.closes for r in rows)


def auto_reply_text() -> str:
    setting = db.session.get(ChatSetting, AUTO_REPLY_KEY)
    return setting.value if setting else DEFAULT_AUTO_REPLY


def canned_replies() -> list[ChatCannedReply]:
    return list(db.session.scalars(select(ChatCannedReply).where(ChatCannedReply.active)
                                   .order_by(ChatCannedReply.title)))


def seed_defaults() -> bool:
    """Sample hours, automatic reply and canned replies, only into empty tables (run by
    `flask setup`); an office's own edits are never overwritten. True if it added any."""
    added = False
    if not db.session.scalar(select(func.count()).select_from(ChatOfficeHours)):
        db.session.add_all(ChatOfficeHours(weekday=d, opens=o, closes=c)
                           for d, o, c in DEFAULT_HOURS)
        added = True
    if db.session.get(ChatSetting, AUTO_REPLY_KEY) is None:
        db.session.add(ChatSetting(key=AUTO_REPLY_KEY, value=DEFAULT_AUTO_REPLY))
        added = True
    if not db.session.scalar(select(func.count()).select_from(ChatCannedReply)):
        db.session.add_all(ChatCannedReply(title=t, body=b) for t, b in DEFAULT_CANNED)
        added = True
    db.session.commit()
    return added
