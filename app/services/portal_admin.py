"""Editing the portal's content from the console: banners (with their image), announcements,
FAQ entries, help pages and the contact details.

Each save checks its input and raises ValidationFailed with Indonesian messages per field
(marked with N_: the console shows them in its reader's language);
nothing changes on an error. Banner images go through the one upload rule
(files.store_checked: extension, size and content) into storage; a replaced or deleted image
is removed only after the change commits.
"""

from __future__ import annotations

import re
from datetime import date

from sqlalchemy import func, select

from forms_schema import email_problem

from .. import storage
from ..extensions import db
from ..i18n import N_
from ..models import FaqEntry, HelpPage, PortalAnnouncement, PortalBanner, PortalSetting
from . import files, portal_content
from .errors import ValidationFailed

IMAGE_FOLDER = "portal"  # storage folder of banner images
IMAGE_KINDS = ("jpg", "jpeg", "png")
IMAGE_MAX_MB = 5
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
_URL = re.compile(r"^(https?://[^\s<>\"']+|/[^\s<>\"']*)$")
Errors = dict[str, list[str]]

MSG_REQUIRED = N_("{label} wajib diisi.")
MSG_TOO_LONG = N_("{label} paling banyak {limit} karakter.")
MSG_LIMIT = N_("Paling banyak {limit} karakter.")
MSG_SLUG_TAKEN = N_("Alamat '{slug}' sudah dipakai halaman lain.")
# the names inside MSG_REQUIRED and MSG_TOO_LONG (the fields' labels on the console's forms)
TITLE, BODY_ANNOUNCEMENT, BODY_PAGE = N_("Judul"), N_("Isi pengumuman"), N_("Isi halaman")
TOPIC, QUESTION, ANSWER = N_("Topik"), N_("Pertanyaan"), N_("Jawaban")


def _required(data: dict, key: str, label: str, errors: Errors, limit: int) -> str:
    value = (data.get(key) or "").strip()
    if not value:
        errors.setdefault(key, []).append(MSG_REQUIRED.format(label=label))
    elif len(value) > limit:
        errors.setdefault(key, []).append(MSG_TOO_LONG.format(label=label, limit=limit))
    return value[:limit]


def _optional(data: dict, key: str, limit: int, errors: Errors) -> str:
    value = (data.get(key) or "").strip()
    if len(value) > limit:
        errors.setdefault(key, []).append(MSG_LIMIT.format(limit=limit))
    return value[:limit]


def _bilingual(data: dict, name: str, label: str, errors: Errors, limit: int) -> dict:
    """A text in Indonesian (required) and English (optional, the reader's fallback is the
    Indonesian one): the keys `<name>_id` and `<name>_en`, each at most `limit` long."""
    return {f"{name}_id": _required(data, f"{name}_id", label, errors, limit),
            f"{name}_en": _optional(data, f"{name}_en", limit, errors)}


def _dates(data: dict, errors: Errors) -> tuple[date | None, date | None]:
    starts, ends = data.get("starts_on"), data.get("ends_on")
    if starts and ends and ends < starts:
        errors.setdefault("ends_on", []).append(N_("Tanggal selesai tidak boleh sebelum tanggal "
                                                   "mulai."))
    return starts, ends


def _link(data: dict, key: str, errors: Errors) -> str:
    value = (data.get(key) or "").strip()
    if value and not _URL.match(value):
        errors.setdefault(key, []).append(N_("Tautan harus diawali https://, http:// atau / "
                                             "(halaman portal ini)."))
    return value[:500]


def _position(data: dict, model) -> int:
    value = data.get("position")
    if isinstance(value, int):
        return value
    return (db.session.scalar(select(func.max(model.position))) or 0) + 10


MSG_CHANGED_MEANWHILE = N_("Isi ini sudah diubah petugas lain sejak Anda membukanya. Isian "
                           "Anda belum disimpan: bandingkan dengan pratinjau (versi terbaru), "
                           "lalu simpan lagi bila tetap perlu.")


def version_of(item) -> str:
    """What an edit page saw of a banner, announcement, FAQ entry or help page ("" new)."""
    stamp = getattr(item, "updated_at", None)
    return stamp.isoformat() if stamp else ""


def check_unchanged(item, seen: str | None) -> None:
    """Refuses to save over a colleague's change made after the edit page was opened (two
    editors of one FAQ entry would otherwise overwrite each other unknowingly)."""
    if item is not None and seen is not None and seen != version_of(item):
        raise ValidationFailed({}, MSG_CHANGED_MEANWHILE)


def _check(errors: Errors) -> None:
    if errors:
        raise ValidationFailed(errors, N_("Periksa kembali isian yang ditandai."))


def _store(item, values: dict, data: dict):
    """Write checked values onto a banner, announcement, FAQ entry or help page: a position
    given as a number moves what has a position, `active` defaults to shown; then commit."""
    for key, value in values.items():
        setattr(item, key, value)
    if isinstance(data.get("position"), int) and hasattr(item, "position"):
        item.position = data["position"]
    item.active = bool(data.get("active", True))
    db.session.add(item)
    db.session.commit()
    return item


# banners ---------------------------------------------------------------------------------
def save_banner(banner: PortalBanner | None, data: dict,
                image: files.Upload | None) -> PortalBanner:
    errors: Errors = {}
    values = {**_bilingual(data, "title", TITLE, errors, 200),
              "caption_id": _optional(data, "caption_id", 600, errors),
              "caption_en": _optional(data, "caption_en", 600, errors),
              "link_url": _link(data, "link_url", errors)}
    values["starts_on"], values["ends_on"] = _dates(data, errors)
    if image is None and (banner is None or not banner.image_key):
        errors.setdefault("image", []).append(N_("Gambar banner wajib diunggah (JPG atau PNG)."))
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
    if checked is not None:
        banner.image_key = storage.discard_unless_committed(checked.key)
        banner.image_mime = checked.mime
    _store(banner, values, data)
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
    values = {**_bilingual(data, "title", TITLE, errors, 200),
              **_bilingual(data, "body", BODY_ANNOUNCEMENT, errors, 5000)}
    values["starts_on"], values["ends_on"] = _dates(data, errors)
    if not data.get("published_on"):
        errors.setdefault("published_on", []).append(N_("Tanggal terbit wajib diisi."))
    _check(errors)
    values["published_on"] = data["published_on"]
    values["pinned"] = bool(data.get("pinned"))
    return _store(item or PortalAnnouncement(), values, data)


def save_faq(item: FaqEntry | None, data: dict) -> FaqEntry:
    errors: Errors = {}
    values = {**_bilingual(data, "topic", TOPIC, errors, 120),
              **_bilingual(data, "question", QUESTION, errors, 500),
              **_bilingual(data, "answer", ANSWER, errors, 5000)}
    _check(errors)
    return _store(item or FaqEntry(position=_position(data, FaqEntry)), values, data)


def save_help_page(item: HelpPage | None, data: dict) -> HelpPage:
    errors: Errors = {}
    slug = (data.get("slug") or "").strip().lower()
    if not _SLUG.match(slug):
        errors["slug"] = [N_("Alamat halaman: huruf kecil, angka dan tanda hubung, mis. "
                             "mengajukan-permohonan.")]
    elif db.session.scalar(select(HelpPage.id).where(
            HelpPage.slug == slug, HelpPage.id != (item.id if item else -1))):
        errors["slug"] = [MSG_SLUG_TAKEN.format(slug=slug)]
    values = {"slug": slug, **_bilingual(data, "title", TITLE, errors, 200),
              **_bilingual(data, "body", BODY_PAGE, errors, 60000)}
    _check(errors)
    return _store(item or HelpPage(position=_position(data, HelpPage)), values, data)


def delete(item) -> None:
    db.session.delete(item)
    db.session.commit()


# contact details -------------------------------------------------------------------------
def save_contact(data: dict) -> dict:
    errors: Errors = {}
    value = {key: _optional(data, key, 600, errors)
             for key in portal_content.CONTACT_FIELDS}
    problem = value["email"] and email_problem(value["email"])
    if problem:
        errors.setdefault("email", []).append(problem)
    number = "".join(ch for ch in value["whatsapp"] if ch.isdigit())
    if value["whatsapp"] and not portal_content.whatsapp_url(value["whatsapp"]):
        errors.setdefault("whatsapp", []).append(N_("Nomor WhatsApp minimal 9 angka, mis. "
                                                    "0812xxxxxxx."))
    value["whatsapp"] = number
    for key in ("facebook", "instagram", "x", "youtube"):
        if value[key] and not value[key].startswith("https://"):
            errors.setdefault(key, []).append(N_("Tautan harus diawali https://"))
    _check(errors)
    setting = db.session.get(PortalSetting, portal_content.CONTACT) or \
        PortalSetting(key=portal_content.CONTACT)
    setting.value = value
    db.session.add(setting)
    db.session.commit()
    return value
