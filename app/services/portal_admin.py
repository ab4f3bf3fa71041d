"""Editing the portal's content from the console: banners (with their image), announcements,
FAQ entries, help pages and the contact details.

Each save checks its input and raises ValidationFailed with Indonesian messages per field;
nothing changes on an error. Banner images go through the one upload rule
(files.store_checked: extension, size and content) into storage; a replaced or deleted image
is removed only after the change commits.
"""

from __future__ import annotations

import re
from datetime import date

from sqlalchemy import func, select

from .. import storage
from ..extensions import db
from ..models import FaqEntry, HelpPage, PortalAnnouncement, PortalBanner, PortalSetting
from . import files, portal_content
from .errors import ValidationFailed

IMAGE_FOLDER = "portal"  # storage folder of banner images
IMAGE_KINDS = ("jpg", "jpeg", "png")
IMAGE_MAX_MB = 5
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
_URL = re.compile(r"^(https?://[^\s<>\"']+|/[^\s<>\"']*)$")
Errors = dict[str, list[str]]


def _required(data: dict, key: str, label: str, errors: Errors, limit: int) -> str:
    value = (data.get(key) or "").strip()
    if not value:
        errors.setdefault(key, []).append(f"{label} wajib diisi.")
    elif len(value) > limit:
        errors.setdefault(key, []).append(f"{label} paling banyak {limit} karakter.")
    return value[:limit]


def _optional(data: dict, key: str, limit: int, errors: Errors) -> str:
    value = (data.get(key) or "").strip()
    if len(value) > limit:
        errors.setdefault(key, []).append(f"Paling banyak {limit} karakter.")
    return value[:limit]


def _dates(data: dict, errors: Errors) -> tuple[date | None, date | None]:
    starts, ends = data.get("starts_on"), data.get("ends_on")
    if starts and ends and ends < starts:
        errors.setdefault("ends_on", []).append("Tanggal selesai tidak boleh sebelum tanggal "
                                                "mulai.")
    return starts, ends


def _link(data: dict, key: str, errors: Errors) -> str:
    value = (data.get(key) or "").strip()
    if value and not _URL.match(value):
        errors.setdefault(key, []).append("Tautan harus diawali https://, http:// atau / "
                                          "(halaman portal ini).")
    return value[:500]


def _position(data: dict, model) -> int:
    value = data.get("position")
    if isinstance(value, int):
        return value
    return (db.session.scalar(select(func.max(model.position))) or 0) + 10


def _check(errors: Errors) -> None:
    if errors:
        raise ValidationFailed(errors, "Periksa kembali isian yang ditandai.")


# banners ---------------------------------------------------------------------------------
def save_banner(banner: PortalBanner | None, data: dict,
                image: files.Upload | None) -> PortalBanner:
    errors: Errors = {}
    values = {"title_id": _required(data, "title_id", "Judul", errors, 200),
              "title_en": _optional(data, "title_en", 200, errors),
              "caption_id": _optional(data, "caption_id", 600, errors),
              "caption_en": _optional(data, "caption_en", 600, errors),
              "link_url": _link(data, "link_url", errors)}
    values["starts_on"], values["ends_on"] = _dates(data, errors)
    if image is None and (banner is None or not banner.image_key):
        errors.setdefault("image", []).append("Gambar banner wajib diunggah (JPG atau PNG).")
    _check(errors)
    checked = None
    if image is not None:
        try:
            checked = files.store_checked(image, IMAGE_FOLDER, IMAGE_KINDS,
                                          IMAGE_MAX_MB * files.MB)
        except files.FileRejected as exc:
            raise ValidationFailed({"image": [exc.message]}, exc.message) from exc
    banner = banner or PortalBanner(position=_position(data, PortalBanner))
    old_key = banner.image_key if checked is not None else None
    for key, value in values.items():
        setattr(banner, key, value)
    banner.active = bool(data.get("active", True))
    if isinstance(data.get("position"), int):
        banner.position = data["position"]
    if checked is not None:
        banner.image_key = storage.discard_unless_committed(checked.key)
        banner.image_mime = checked.mime
    db.session.add(banner)
    db.session.commit()
    if old_key:
        storage.discard(old_key)
    return banner


def delete_banner(banner: PortalBanner) -> None:
    key = banner.image_key
    db.session.delete(banner)
    db.session.commit()
    if key:
        storage.discard(key)


# announcements, FAQ, help pages ----------------------------------------------------------
def save_announcement(item: PortalAnnouncement | None, data: dict) -> PortalAnnouncement:
    errors: Errors = {}
    values = {"title_id": _required(data, "title_id", "Judul", errors, 200),
              "title_en": _optional(data, "title_en", 200, errors),
              "body_id": _required(data, "body_id", "Isi pengumuman", errors, 5000),
              "body_en": _optional(data, "body_en", 5000, errors)}
    values["starts_on"], values["ends_on"] = _dates(data, errors)
    if not data.get("published_on"):
        errors.setdefault("published_on", []).append("Tanggal terbit wajib diisi.")
    _check(errors)
    item = item or PortalAnnouncement()
    for key, value in values.items():
        setattr(item, key, value)
    item.published_on = data["published_on"]
    item.pinned = bool(data.get("pinned"))
    item.active = bool(data.get("active", True))
    db.session.add(item)
    db.session.commit()
    return item


def save_faq(item: FaqEntry | None, data: dict) -> FaqEntry:
    errors: Errors = {}
    values = {"topic_id": _required(data, "topic_id", "Topik", errors, 120),
              "topic_en": _optional(data, "topic_en", 120, errors),
              "question_id": _required(data, "question_id", "Pertanyaan", errors, 500),
              "question_en": _optional(data, "question_en", 500, errors),
              "answer_id": _required(data, "answer_id", "Jawaban", errors, 5000),
              "answer_en": _optional(data, "answer_en", 5000, errors)}
    _check(errors)
    item = item or FaqEntry(position=_position(data, FaqEntry))
    for key, value in values.items():
        setattr(item, key, value)
    if isinstance(data.get("position"), int):
        item.position = data["position"]
    item.active = bool(data.get("active", True))
    db.session.add(item)
    db.session.commit()
    return item


def save_help_page(item: HelpPage | None, data: dict) -> HelpPage:
    errors: Errors = {}
    slug = (data.get("slug") or "").strip().lower()
    if not _SLUG.match(slug):
        errors["slug"] = ["Alamat halaman: huruf kecil, angka dan tanda hubung, mis. "
                          "mengajukan-permohonan."]
    elif db.session.scalar(select(HelpPage.id).where(
            HelpPage.slug == slug, HelpPage.id != (item.id if item else -1))):
        errors["slug"] = [f"Alamat '{slug}' sudah dipakai halaman lain."]
    values = {"title_id": _required(data, "title_id", "Judul", errors, 200),
              "title_en": _optional(data, "title_en", 200, errors),
              "body_id": _required(data, "body_id", "Isi halaman", errors, 60000),
              "body_en": _optional(data, "body_en", 60000, errors)}
    _check(errors)
    item = item or HelpPage(position=_position(data, HelpPage))
    item.slug = slug
    for key, value in values.items():
        setattr(item, key, value)
    if isinstance(data.get("position"), int):
        item.position = data["position"]
    item.active = bool(data.get("active", True))
    db.session.add(item)
    db.session.commit()
    return item


def delete(item) -> None:
    db.session.delete(item)
    db.session.commit()


# contact details -------------------------------------------------------------------------
def save_contact(data: dict) -> dict:
    errors: Errors = {}
    value = {key: _optional(data, key, 600, errors)
             for key in portal_content.CONTACT_FIELDS}
    email = value["email"]
    if email and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email):
        errors.setdefault("email", []).append("Alamat email tidak valid.")
    number = "".join(ch for ch in value["whatsapp"] if ch.isdigit())
    if value["whatsapp"] and not portal_content.whatsapp_url(value["whatsapp"]):
        errors.setdefault("whatsapp", []).append("Nomor WhatsApp minimal 9 angka, mis. "
                                                 "0812xxxxxxx.")
    value["whatsapp"] = number
    for key in ("facebook", "instagram", "x", "youtube"):
        if value[key] and not value[key].startswith("https://"):
            errors.setdefault(key, []).append("Tautan harus diawali https://")
    _check(errors)
    setting = db.session.get(PortalSetting, portal_content.CONTACT) or \
        PortalSetting(key=portal_content.CONTACT)
    setting.value = value
    db.session.add(setting)
    db.session.commit()
    return value
