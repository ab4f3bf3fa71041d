"""What an applicant may change about themselves: contact, address, password, photo."""

from __future__ import annotations

import io

from PIL import Image, UnidentifiedImageError

from .. import forms, passwords, storage
from ..extensions import db
from ..i18n import N_
from ..notify import enqueue_email
from ..security import sessions
from .auth import hash_password
from .errors import MSG_PASSWORD_CONFIRM, DomainError, ValidationFailed

PHOTO_SIZE = (400, 400)
PHOTO_FOLDER = "photos"  # storage folder of profile photos


def form_name(profile) -> str:
    """The profile's form definition; the applicant kind decides which fields apply. Identity
    fields (NIK, NPWP, e-mail) are in none of them: they cannot be changed here."""
    return f"profile_{profile.kind}"


def editable_fields(profile) -> tuple[str, ...]:
    return forms.keys(form_name(profile))


def update_profile(profile, data: dict) -> None:
    """Only the definition's fields are read from `data`, checked like at registration."""
    name = form_name(profile)
    clean, errors = forms.clean(name, data)
    if errors:
        db.session.rollback()
        raise ValidationFailed(errors, message=N_("Data belum lengkap atau tidak valid"))
    for field, value in forms.values(name, clean).items():
        setattr(profile, field, value if (value or field == "address") else None)
    profile.user.first_name = profile.display_name[:64]
    db.session.commit()


def change_password(user, old: str, new: str, confirm: str) -> None:
    from werkzeug.security import check_password_hash

    errors: dict[str, list[str]] = {}
    if not old:  # asked for before it is checked: an empty field is not a wrong password
        errors["old_password"] = [N_("Password lama wajib diisi.")]
    elif not check_password_hash(user.password or "", old):
        errors["old_password"] = [N_("Password lama salah")]
    problems = [N_("Password baru wajib diisi.")] if not new \
        else passwords.password_problems(new)
    if problems:
        errors["new_password"] = problems
    elif new == old:
        errors["new_password"] = [N_("Password baru harus berbeda dari password lama")]
    if new != confirm:
        errors["new_password_confirm"] = [MSG_PASSWORD_CONFIRM]
    if errors:
        raise ValidationFailed(errors, message=N_("Password gagal diubah"))
    user.password = hash_password(new)
    enqueue_email(user.email, N_("Password E-PTSP Anda telah diubah"),
                  "mail/password_changed.txt",
                  name=user.first_name)
    db.session.commit()


def set_photo(profile, stream, max_bytes: int) -> None:
    """Accept only what Pillow decodes as an image; store a re-encoded, resized JPEG so no
    uploaded bytes (or metadata) are ever served back."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise DomainError(N_("Ukuran foto maksimal {limit} MB").format(
            limit=max_bytes // (1024 * 1024)), field="photo")
    try:
        with Image.open(io.BytesIO(data)) as probe:
            probe.verify()
        image = Image.open(io.BytesIO(data))
        if image.format not in ("JPEG", "PNG", "GIF", "WEBP"):
            raise DomainError(N_("Foto harus berupa gambar JPG, PNG, GIF atau WEBP"), field="photo")
        image = image.convert("RGB")
        image.thumbnail(PHOTO_SIZE)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, SyntaxError) as exc:
        raise DomainError(N_("File bukan gambar yang valid"), field="photo") from exc
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    old = profile.photo_key
    profile.photo_key = storage.discard_unless_committed(
        storage.current().save_bytes(out.getvalue(), PHOTO_FOLDER, ".jpg"))
    db.session.commit()
    storage.discard(old)  # only once the new key is committed


def logout_everywhere(user) -> None:
    sessions.end_all(user.id)
    db.session.commit()
