"""The fixed steps of the application wizard: Data Pemohon, Data Perusahaan, Lokasi Izin.

These are the same for every permit (the permit-specific step is the catalogue's form), so
they are plain functions: (posted values, context) -> (clean values, errors). The web wizard,
the API and the tests call the same checks and get the same Indonesian messages.
"""

from __future__ import annotations

from flask import current_app

from .. import identity, regions
from .registration import check_region, normalise_email
from .users import digits

COMPANY_FORMS = ["PT", "CV", "Firma", "Koperasi", "Yayasan", "Perseorangan", "BUMN", "BUMD",
                 "Persekutuan Perdata", "Lainnya"]
COMPANY_STATUSES = ["Pusat", "Cabang", "Perwakilan"]
REGION_FIELDS = ("province_code", "regency_code", "district_code", "village_code")
Errors = dict[str, list[str]]


def _text(data: dict, key: str, limit: int = 200) -> str:
    value = data.get(key)
    return value.strip()[:limit] if isinstance(value, str) else ""


def applicant_snapshot(profile, email: str) -> dict:
    """Step 2's starting point: the profile as it is when the draft starts."""
    return {
        "kind": profile.kind, "name": profile.name, "nik": profile.nik or "",
        "npwp": profile.npwp or "", "nib": profile.nib or "",
        "company_name": profile.company_name or "", "pic_name": profile.pic_name or "",
        "pic_nik": profile.pic_nik or "", "gender": profile.gender or "",
        "birth_date": profile.birth_date.isoformat() if profile.birth_date else "",
        "education": profile.education or "", "address": profile.address or "",
        **{f: getattr(profile, f) or "" for f in REGION_FIELDS},
        "phone": profile.phone or "", "postal_code": profile.postal_code or "", "email": email,
    }


def company_prefill(profile, email: str) -> dict | None:
    """A Badan Usaha account fills Data Perusahaan from its own profile."""
    if profile.kind != "badan_usaha":
        return None
    return {
        "nib": profile.nib or "", "npwp": profile.npwp or "", "npwpd": "",
        "name": profile.company_name or "", "address": profile.address or "",
        **{f: getattr(profile, f) or "" for f in REGION_FIELDS},
        "form": "", "status": "", "phone": profile.phone or "",
        "postal_code": profile.postal_code or "",
    }


def clean_applicant(snapshot: dict, posted: dict) -> tuple[dict, Errors]:
    """Only phone, postal code and email can change here; identity comes from the profile."""
    errors: Errors = {}
    clean = dict(snapshot)
    phone = _text(posted, "phone", 30)
    problem = identity.check_phone(phone)
    if problem:
        errors["phone"] = [problem]
    clean["phone"] = identity.normalise_phone(phone) if not problem else phone
    postal = _text(posted, "postal_code", 10)
    problem = identity.check_postal_code(postal)
    if problem:
        errors["postal_code"] = [problem]
    clean["postal_code"] = postal
    email, problem = normalise_email(posted.get("email"))
    if problem:
        errors["email"] = [problem]
    clean["email"] = email or _text(posted, "email", 320)
    return clean, errors


def clean_company(posted: dict, *, required: bool) -> tuple[dict | None, Errors]:
    """Perorangan may skip the step entirely (no "0" or "-" needed); a Badan Usaha may not.
    Once someone chooses to fill it, the company fields are checked like any other."""
    fill = required or posted.get("as_company") in ("1", "on", "true", True)
    if not fill:
        return None, {}
    errors: Errors = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    clean = {"npwpd": _text(posted, "npwpd", 30)}
    nib = digits(posted.get("nib"))
    if nib and (problem := identity.check_nib(nib)):
        add("nib", problem)
    clean["nib"] = nib
    npwp = identity.normalise_npwp(_text(posted, "npwp", 30))
    if not npwp:
        add("npwp", "NPWP perusahaan wajib diisi")
    elif problem := identity.check_npwp(npwp):
        add("npwp", problem)
    clean["npwp"] = npwp
    for field, label in (("name", "Nama Perusahaan"), ("address", "Alamat Perusahaan")):
        clean[field] = _text(posted, field, 500)
        if not clean[field]:
            add(field, f"{label} wajib diisi")
    check_region(posted, errors)
    for field in REGION_FIELDS:
        clean[field] = _text(posted, field, 20)
    clean["form"] = _text(posted, "form", 50)
    if clean["form"] not in COMPANY_FORMS:
        add("form", "Bentuk Perusahaan wajib dipilih")
    clean["status"] = _text(posted, "status", 50)
    if clean["status"] not in COMPANY_STATUSES:
        add("status", "Status Perusahaan wajib dipilih")
    phone = _text(posted, "phone", 30)
    if problem := identity.check_phone(phone):
        add("phone", problem)
    clean["phone"] = phone if problem else identity.normalise_phone(phone)
    clean["postal_code"] = _text(posted, "postal_code", 10)
    if problem := identity.check_postal_code(clean["postal_code"]):
        add("postal_code", problem)
    return clean, errors


def parse_coordinate(text: str) -> float | None:
    try:
        return float(text.replace(",", "."))
    except (AttributeError, ValueError):
        return None


def clean_location(posted: dict) -> tuple[dict, Errors]:
    errors: Errors = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    clean = {"street": _text(posted, "street", 300), "number": _text(posted, "number", 20),
             "rt": digits(posted.get("rt"))[:3], "rw": digits(posted.get("rw"))[:3]}
    if not clean["street"]:
        add("street", "Jalan wajib diisi")
    check_region(posted, errors)
    for field in REGION_FIELDS:
        clean[field] = _text(posted, field, 20)
    lat_text, lng_text = _text(posted, "latitude", 30), _text(posted, "longitude", 30)
    lat, lng = parse_coordinate(lat_text), parse_coordinate(lng_text)
    clean["latitude"], clean["longitude"] = lat_text, lng_text
    if not lat_text or not lng_text:
        add("latitude", "Tentukan titik lokasi izin pada peta atau isi koordinatnya")
    elif lat is None or lng is None or not (-90 <= lat <= 90 and -180 <= lng <= 180):
        add("latitude", "Koordinat tidak valid; gunakan angka desimal, mis. -0.502106 dan "
                        "117.153709")
    else:
        min_lat, min_lng, max_lat, max_lng = current_app.config["OFFICE_BOUNDS"]
        if not (min_lat <= lat <= max_lat and min_lng <= lng <= max_lng):
            province = regions.name(current_app.config["OFFICE_PROVINCE"]) or "provinsi ini"
            add("latitude", f"Titik lokasi berada di luar wilayah {province.title()}. Periksa "
                            "kembali koordinatnya.")
        clean["latitude"], clean["longitude"] = f"{lat:.6f}", f"{lng:.6f}"
    return clean, errors
