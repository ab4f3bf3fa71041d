"""Complaint categories: data the helpdesk edits in the console (names in Indonesian and
English, active flag, SLA in working days). `flask setup` seeds the manual's five."""

from __future__ import annotations

from sqlalchemy import select

from ..extensions import db
from ..i18n import locale
from ..models import ComplaintCategory

# the manual's categories (Pengaduan, LANGKAH 4); an office edits them in the console
SAMPLE = (
    ("teknis", "Teknis Aplikasi", "Application problems", 2),
    ("proses", "Proses Perizinan", "Permit process", 3),
    ("dokumen", "Dokumen", "Documents", 3),
    ("pelayanan", "Pelayanan", "Service", 3),
    ("lainnya", "Lainnya", "Other", 5),
)


def seed() -> int:
    """Adds the sample categories when none exist (an office's own edits are kept)."""
    if db.session.scalar(select(ComplaintCategory.id).limit(1)) is not None:
        return 0
    for position, (code, name_id, name_en, days) in enumerate(SAMPLE):
        db.session.add(ComplaintCategory(code=code, name_id=name_id, name_en=name_en,
                                         sla_days=days, position=position, active=True))
    db.session.commit()
    return len(SAMPLE)


def active() -> list[ComplaintCategory]:
    return list(db.session.scalars(select(ComplaintCategory).where(
        ComplaintCategory.active.is_(True)).order_by(ComplaintCategory.position,
                                                     ComplaintCategory.id)))


def every() -> list[ComplaintCategory]:
    return list(db.session.scalars(select(ComplaintCategory).order_by(
        ComplaintCategory.position, ComplaintCategory.id)))


def name_of(category: ComplaintCategory, lang: str | None = None) -> str:
    lang = lang or locale()
    return (category.name_en if lang == "en" else "") or category.name_id


def lookup_rows() -> list[dict]:
    """The active categories as a forms_schema lookup table (code + both names)."""
    return [{"code": c.code, "name": {"id": c.name_id, "en": c.name_en or c.name_id}}
            for c in active()]


def by_code(code: str, *, only_active: bool = True) -> ComplaintCategory | None:
    stmt = select(ComplaintCategory).where(ComplaintCategory.code == code)
    if only_active:
        stmt = stmt.where(ComplaintCategory.active.is_(True))
    return db.session.scalar(stmt)
