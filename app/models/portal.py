"""What the public portal shows that admins edit in the console, not in templates: banners,
announcements, FAQ entries, help pages (the source of the downloadable manual) and settings
such as the office's contact details.

Every text a visitor reads has an Indonesian column and an optional English one; English
readers see the Indonesian text where no English was written.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, DateTime, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Model, utcnow


class _Stamped:
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow,
                                                 nullable=False)


class PortalBanner(_Stamped, Model):
    """A slide of the home page's carousel: an uploaded image (checked by content, kept in
    storage), a title and caption, an optional link, shown between two dates."""

    __tablename__ = "portal_banner"
    __table_args__ = (Index("ix_portal_banner_shown", "active", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title_id: Mapped[str] = mapped_column(String(200), nullable=False)
    title_en: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    caption_id: Mapped[str] = mapped_column(Text, nullable=False, default="")
    caption_en: Mapped[str] = mapped_column(Text, nullable=False, default="")
    link_url: Mapped[str] = mapped_column(String(500), nullable=False, default="")
    image_key: Mapped[str | None] = mapped_column(String(200))
    image_mime: Mapped[str] = mapped_column(String(50), nullable=False, default="")
    starts_on: Mapped[date | None] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)

    @property
    def image_version(self) -> str:
        """Changes with the image, so its URL can be cached long (no key in the URL)."""
        return hashlib.sha256((self.image_key or "").encode()).hexdigest()[:10]


class PortalAnnouncement(_Stamped, Model):
    """Pengumuman: a dated notice listed on the home page while it is current."""

    __tablename__ = "portal_announcement"
    __table_args__ = (Index("ix_portal_announcement_shown", "active", "published_on"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title_id: Mapped[str] = mapped_column(String(200), nullable=False)
    title_en: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    body_id: Mapped[str] = mapped_column(Text, nullable=False, default="")
    body_en: Mapped[str] = mapped_column(Text, nullable=False, default="")
    published_on: Mapped[date] = mapped_column(Date, nullable=False)
    starts_on: Mapped[date | None] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    pinned: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)


class FaqEntry(_Stamped, Model):
    """One question of the FAQ; entries with the same topic are shown together, topics in
    the order of their first entry."""

    __tablename__ = "faq_entry"
    __table_args__ = (Index("ix_faq_entry_order", "active", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    topic_id: Mapped[str] = mapped_column(String(120), nullable=False)
    topic_en: Mapped[str] = mapped_column(String(120), nullable=False, default="")
    question_id: Mapped[str] = mapped_column(Text, nullable=False)
    question_en: Mapped[str] = mapped_column(Text, nullable=False, default="")
    answer_id: Mapped[str] = mapped_column(Text, nullable=False)
    answer_en: Mapped[str] = mapped_column(Text, nullable=False, default="")
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)


class HelpPage(_Stamped, Model):
    """A chapter of the user manual: shown under Bantuan and, in the same order, rendered
    into the downloadable manual (PDF), so there is one source for both."""

    __tablename__ = "help_page"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    title_id: Mapped[str] = mapped_column(String(200), nullable=False)
    title_en: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    body_id: Mapped[str] = mapped_column(Text, nullable=False, default="")
    body_en: Mapped[str] = mapped_column(Text, nullable=False, default="")
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)


class PortalSetting(Model):
    """Named settings edited in the console (e.g. "contact": address, phones, hours, social
    links, WhatsApp), as JSON."""

    __tablename__ = "portal_setting"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[dict] = mapped_column(JSON, nullable=False, default=dict)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow,
                                                 nullable=False)
