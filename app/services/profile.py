"""What an applicant may change about themselves: contact, address, password, photo."""

from __future__ import annotations

import io

from PIL import Image, UnidentifiedImageError

from .. import identity, passwords, storage
from ..extensions import db
from ..notify import enqueue_email
from ..security import sessions
from .auth import hash_password
from .errors import DomainError, ValidationFailed
from .registration import EDUCATION_LEVELS, GENDERS, _parse_date, check_region

PHOTO_SIZE = (400, 400)
PHOTO_FOLDER = "photos"  # storage folder of profile photos
EDITABLE_PERORANGAN = ("name", "gender", "birth_date", "education", "occupation", "address",
                       "province_code", "regency_code", "district_code", "village_code",
                       "phone", "postal_code")
EDITABLE_BADAN_USAHA = ("company_name", "nib", "pic_name", "pic_nik", "address",
                        "province_code", "regency_code", "district_code", "village_code",
                        "phone", "postal_code")


def editable_fields(profile) -> tuple[str, ...]:
    return EDITABLE_PERORANGAN if profile.kind == "perorangan" else EDITABLE_BADAN_USAHA


def update_profile(profile, data: dict) -> None:
    """Only editable fields are read from `data`; identity fields cannot be changed here."""
    errors: dict[str, list[str]] = {}
    fields = editable_fields(profile)
    values = {f: (data.get(f) or "").strip() for f in fields}

    def add(field, message):
        errors.setdefault(field, []).append(message)

    for field, label in (("name", "Nama"), ("company_name", "Nama Perusahaan"),
                         ("pic_name", "Nama Penanggung Jawab"), ("address", "Alamat")):
        if field in fields and not values[field]:
            add(field, f"{label} wajib diisi")
    if "gender" in fields and values["gender"] not in GENDERS:
        add("gender", "Jenis Kelamin wajib dipilih")
    if "education" in fields and values["education"] not in EDUCATION_LEVELS:
        add("education", "Jenjang Pendidikan wajib dipilih")
    if "birth_date" in fields:
        values["birth_date"] = _parse_date(values["birth_date"])
        if values["birth_date"] is None:
            add("birth_date", "Tanggal Lahir wajib diisi dengan format yang benar")
    if "nib" in fields and values["nib"]:
        problem = identity.check_nib(values["nib"])
        if problem:
            add("nib", problem)
    if "pic_nik" in fields:
        from .. import regions

        problem = identity.check_nik(values["pic_nik"], regions.province_exists)
        if problem:
            add("pic_nik", problem)
    check_region(values, errors)
    problem = identity.check_phone(values["phone"])
    if problem:
        add("phone", problem)
    else:
        values["phone"] = identity.normalise_phone(values["phone"])
    problem = identity.check_postal_code(values["postal_code"])
    if problem:
        add("postal_code", problem)
    if errors:
        db.session.rollback()
        raise ValidationFailed(errors, message="Data belum lengkap atau tidak valid")
    for field, value in values.items():
        setattr(profile, field, value if (value or field == "address") else None)
    profile.user.first_name = profile.display_name[:64]
    db.session.commit()


def change_password(user, old: str, new: str, confirm: str) -> None:
    from werkzeug.security import check_password_hash

    errors: dict[str, list[str]] = {}
    if not check_password_hash(user.password or "", old or ""):
        errors["old_password"] = ["Password lama salah"]
    problems = passwords.password_problems(new or "")
    if problems:
        errors["new_password"] = problems
    elif new == old:
        errors["new_password"] = ["Password baru harus berbeda dari password lama"]
    if new != confirm:
        errors["new_password_confirm"] = ["Konfirmasi password tidak sama"]
    if errors:
        raise ValidationFailed(errors, message="Password gagal diubah")
    user.password = hash_password(new)
    enqueue_email(user.email, "Password E-PTSP Anda telah diubah", "mail/password_changed.txt",
                  name=user.first_name)
    db.session.commit()


def set_photo(profile, stream, max_bytes: int) -> None:
    """Accept only what Pillow decodes as an image; store a re-encoded, resized JPEG so no
    uploaded bytes (or metadata) are ever served back."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise DomainError(f"Ukuran foto maksimal {max_bytes // (1024 * 1024)} MB", field="photo")
    try:
        with Image.open(io.BytesIO(data)) as probe:
            probe.verify()
        image = Image.open(io.BytesIO(data))
        if image.format not in ("JPEG", "PNG", "GIF", "WEBP"):
            raise DomainError("Foto harus berupa gambar JPG, PNG, GIF atau WEBP", field="photo")
        image = image.convert("RGB")
        image.thumbnail(PHOTO_SIZE)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, SyntaxError) as exc:
        raise DomainError("File bukan gambar yang valid", field="photo") from exc
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
