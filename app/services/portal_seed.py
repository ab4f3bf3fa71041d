"""Sample portal content (app/data/portal_sample): the manual's Kaltim banners, announcements,
FAQ, help pages and contact details, written once into an empty portal by `flask setup`.

From then on it is data that admins edit in the console; this never overwrites it. Banner
images go through the same upload rule as any upload (portal_admin.save_banner).
"""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from sqlalchemy import func, select

from ..extensions import db
from ..models import FaqEntry, HelpPage, PortalAnnouncement, PortalBanner, PortalSetting
from . import calendar, files, portal_admin, portal_content

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "portal_sample"


def _days(item: dict, key: str):
    return calendar.today() + timedelta(days=item[key]) if key in item else None


def seed_if_empty() -> list[str]:
    """Fills each empty part of the portal's content; returns what it filled."""
    content = json.loads((SAMPLE / "content.json").read_text(encoding="utf-8"))
    filled = []

    def empty(model) -> bool:
        return not db.session.scalar(select(func.count()).select_from(model))

    if db.session.get(PortalSetting, portal_content.CONTACT) is None:
        portal_admin.save_contact(content["contact"])
        filled.append("kontak")
    if empty(PortalBanner):
        for position, item in enumerate(content["banners"]):
            with (SAMPLE / item["image"]).open("rb") as stream:
                portal_admin.save_banner(None, {
                    **item, "position": (position + 1) * 10,
                    "starts_on": _days(item, "starts_in_days"),
                    "ends_on": _days(item, "ends_in_days")},
                    files.Upload(stream, item["image"]))
        filled.append("banner")
    if empty(PortalAnnouncement):
        for item in content["announcements"]:
            portal_admin.save_announcement(None, {
                **item, "published_on": _days(item, "published_in_days"),
                "starts_on": _days(item, "starts_in_days"),
                "ends_on": _days(item, "ends_in_days")})
        filled.append("pengumuman")
    if empty(FaqEntry):
        for position, item in enumerate(content["faq"]):
            portal_admin.save_faq(None, {**item, "position": (position + 1) * 10})
        filled.append("FAQ")
    if empty(HelpPage):
        for position, item in enumerate(content["help_pages"]):
            portal_admin.save_help_page(None, {**item, "position": (position + 1) * 10})
        filled.append("halaman bantuan")
    return filled
