"""What the portal shows from the content admins edit: the banners and announcements that
are current today, the FAQ grouped by topic (searchable), the help pages, the contact details.

Texts are read in the reader's language: the English column where one was written, else the
Indonesian one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date

from flask import current_app, g, has_request_context
from sqlalchemy import Date, Integer, bindparam, or_, select

from .. import i18n
from ..extensions import db
from ..models import (
    CatalogueVersion,
    FaqEntry,
    HelpPage,
    PortalAnnouncement,
    PortalBanner,
    PortalSetting,
)
from . import calendar, catalogue_store, markup

CONTACT = "contact"
# what the contact form holds (and the footer, the help pages and the manual show)
CONTACT_FIELDS = ("address", "phone", "fax", "email", "hours_id", "hours_en", "whatsapp",
                  "whatsapp_text_id", "whatsapp_text_en", "facebook", "instagram", "x",
                  "youtube")


def text(item, name: str, lang: str | None = None) -> str:
    """`item.<name>_en` for English readers when it is filled, else `item.<name>_id`."""
    lang = lang or i18n.locale()
    english = getattr(item, f"{name}_en", "") if lang == "en" else ""
    return english or getattr(item, f"{name}_id", "")


def _current(model):
    """Active and within its dates on the day bound as "today"."""
    today = bindparam("today", type_=Date)
    return (model.active.is_(True),
            or_(model.starts_on.is_(None), model.starts_on <= today),
            or_(model.ends_on.is_(None), model.ends_on >= today))


def is_current(item, today: date | None = None) -> bool:
    today = today or calendar.today()
    return bool(item.active and (item.starts_on is None or item.starts_on <= today)
                and (item.ends_on is None or item.ends_on >= today))


# built once: the home page asks for both on every visit, and composing them cost more than
# running them
_BANNERS = (select(PortalBanner).where(*_current(PortalBanner),
                                       PortalBanner.image_key.is_not(None))
            .order_by(PortalBanner.position, PortalBanner.id))
_ANNOUNCEMENTS = (select(PortalAnnouncement).where(*_current(PortalAnnouncement))
                  .order_by(PortalAnnouncement.pinned.desc(),
                            PortalAnnouncement.published_on.desc(),
                            PortalAnnouncement.id.desc())
                  .limit(bindparam("limit", type_=Integer)))


def banners(today: date | None = None) -> list[PortalBanner]:
    return list(db.session.scalars(_BANNERS, {"today": today or calendar.today()}))


def announcements(limit: int = 4, today: date | None = None) -> list[PortalAnnouncement]:
    return list(db.session.scalars(_ANNOUNCEMENTS,
                                   {"today": today or calendar.today(), "limit": limit}))


def announcement(item_id: int) -> PortalAnnouncement | None:
    found = db.session.get(PortalAnnouncement, item_id)
    return found if found is not None and is_current(found) else None


@dataclass
class Topic:
    name: str
    entries: list[FaqEntry] = field(default_factory=list)


def faq(query: str = "") -> list[Topic]:
    """Active entries grouped by topic (topics in the order of their first entry); with a
    query, only entries whose question or answer (either language) has every word."""
    words = [w for w in query.lower().split() if w]
    topics: dict[str, Topic] = {}
    for entry in db.session.scalars(select(FaqEntry).where(FaqEntry.active.is_(True))
                                    .order_by(FaqEntry.position, FaqEntry.id)):
        if not words or all(w in _haystack(entry) for w in words):
            name = text(entry, "topic")
            topics.setdefault(name, Topic(name)).entries.append(entry)
    return list(topics.values())


def _haystack(entry: FaqEntry) -> str:
    return " ".join((entry.question_id, entry.question_en, markup.plain(entry.answer_id),
                     markup.plain(entry.answer_en), entry.topic_id, entry.topic_en)).lower()


def help_pages() -> list[HelpPage]:
    return list(db.session.scalars(select(HelpPage).where(HelpPage.active.is_(True))
                                   .order_by(HelpPage.position, HelpPage.id)))


def help_page(slug: str) -> HelpPage | None:
    return db.session.scalar(select(HelpPage).where(HelpPage.slug == slug,
                                                    HelpPage.active.is_(True)))


def setting(key: str) -> dict:
    found = db.session.get(PortalSetting, key)
    return dict(found.value) if found is not None else {}


def office_address() -> str:
    """The office's address as the catalogue has it (the receipt's letterhead)."""
    return _address_in(catalogue_store.current())


def _address_in(cat) -> str:
    office = cat.agency(current_app.config["OFFICE_AGENCY"]) if cat else None
    return (office or {}).get("address", "")


# what the contact details are made of, in one statement: every public page shows them, so
# the setting and the catalogue version in force are read together (one round trip, no ORM).
# A page that reads its own data in one statement adds these columns to it and hands the
# row to `remember_contact` (the public tracking page), saving even that round trip.
CONTACT_COLUMNS = (
    select(PortalSetting.value).where(PortalSetting.key == CONTACT).scalar_subquery()
    .label("contact_value"),
    catalogue_store.in_force(CatalogueVersion.id).scalar_subquery().label("contact_version"),
    catalogue_store.in_force(CatalogueVersion.digest).scalar_subquery()
    .label("contact_digest"))
_CONTACT_SOURCES = select(*CONTACT_COLUMNS)


def contact() -> dict:
    """The contact details, read once per request; an empty address means the office's
    address in the catalogue, so letterhead and footer never disagree.

    Read afresh on every request (no process keeps them), so an edit in the console or a
    newly published catalogue shows on the next page in every process; what is kept is the
    HTML made from them (app/page_parts.py), keyed by `contact_stamp()`."""
    memo = g.get("portal_contact") if has_request_context() else None
    if memo is not None:
        return memo
    return remember_contact(db.session.connection().execute(_CONTACT_SOURCES).one())


def remember_contact(row) -> dict:
    """The contact details made from a row with `CONTACT_COLUMNS`, kept for this request."""
    value = {k: "" for k in CONTACT_FIELDS} | dict(row.contact_value or {})
    if not value.get("address") and row.contact_version is not None:
        value["address"] = _address_in(catalogue_store.catalogue_by(row.contact_version,
                                                                    row.contact_digest))
    lang = i18n.locale()
    value["hours"] = (value.get("hours_en") if lang == "en" else "") or value.get("hours_id", "")
    value["whatsapp_text"] = (value.get("whatsapp_text_en") if lang == "en" else "") \
        or value.get("whatsapp_text_id", "")
    value["whatsapp_url"] = whatsapp_url(value.get("whatsapp", ""), value["whatsapp_text"])
    value["social"] = [(name, value.get(key)) for key, name in (
        ("facebook", "Facebook"), ("instagram", "Instagram"), ("x", "X"),
        ("youtube", "YouTube")) if value.get(key)]
    if has_request_context():
        g.portal_contact = value
        g.pop("portal_contact_stamp", None)
    return value


def contact_stamp() -> str | None:
    """The contact details of this request as one string: equal stamps, equal footers. Read
    by the layout cache; None when this request could not read them (`contact()` failed)."""
    stamp = g.get("portal_contact_stamp")
    if stamp is None and g.get("portal_contact") is not None:
        stamp = g.portal_contact_stamp = json.dumps(g.portal_contact, sort_keys=True)
    return stamp


def whatsapp_url(number: str, message: str = "") -> str:
    """wa.me link for an Indonesian number written 0812..., +62 812... or 62812..."""
    from urllib.parse import quote

    digits = "".join(ch for ch in number or "" if ch.isdigit())
    if digits.startswith("0"):
        digits = "62" + digits[1:]
    if len(digits) < 9:
        return ""
    return f"https://wa.me/{digits}" + (f"?text={quote(message)}" if message else "")
