"""The fixed steps of the application wizard: Data Pemohon, Data Perusahaan, Lokasi Izin.

These are the same for every permit (the permit-specific step is the catalogue's form). Their
fields are the form definitions wizard_applicant / wizard_company / wizard_location
(app/forms/definitions), cleaned by the form engine; each function here is (posted values,
context) -> (clean values, errors), so the web wizard, the API and the tests call the same
checks and get the same Indonesian messages. What a step stores keeps the shape it always had:
every key present, "" for nothing, and a value that failed its check kept as typed.
"""

from __future__ import annotations

from flask import current_app

from .. import forms, regions
from ..i18n import N_
from .users import normalise_email

REGION_FIELDS = ("province_code", "regency_code", "district_code", "village_code")
Errors = dict[str, list[str]]
CHOSEN = ("1", "on", "true", "y", True)  # how a ticked "as a company" box arrives
MSG_OUTSIDE = N_("Titik lokasi berada di luar wilayah {province}. Periksa kembali koordinatnya.")


def _text(data: dict, key: str, limit: int = 200) -> str:
    value = data.get(key)
    return value.strip()[:limit] if isinstance(value, str) else ""


def _step(name: str, posted: dict) -> tuple[dict, Errors]:
    """The definition's fields: clean where they passed, as typed where they did not."""
    clean, errors = forms.clean(name, posted)
    typed = {key: _text(posted, key, 500) for key in forms.keys(name)}
    return {**typed, **{k: "" if v is None else v for k, v in clean.items()}}, errors


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
    values, errors = _step("wizard_applicant", posted)
    if "email" not in errors:
        values["email"] = normalise_email(values["email"])[0]
    return {**snapshot, **values}, errors


def clean_company(posted: dict, *, required: bool) -> tuple[dict | None, Errors]:
    """Perorangan may skip the step entirely (no "0" or "-" needed); a Badan Usaha may not.
    Once someone chooses to fill it, the company fields are checked like any other."""
    if not (required or posted.get("as_company") in CHOSEN):
        return None, {}
    return _step("wizard_company", posted)


def parse_coordinate(text: str) -> float | None:
    try:
        return float(text.replace(",", "."))
    except (AttributeError, ValueError):
        return None


def clean_location(posted: dict) -> tuple[dict, Errors]:
    """RT and RW are checked by the definition (up to 3 digits): one that is not is refused
    and kept as typed, never cut down to its digits."""
    clean, errors = _step("wizard_location", posted)
    lat_text, lng_text = _text(posted, "latitude", 30), _text(posted, "longitude", 30)
    lat, lng = parse_coordinate(lat_text), parse_coordinate(lng_text)
    clean["latitude"], clean["longitude"] = lat_text, lng_text
    if not lat_text or not lng_text:
        errors["latitude"] = [N_("Tentukan titik lokasi izin pada peta atau isi koordinatnya")]
    elif lat is None or lng is None or not (-90 <= lat <= 90 and -180 <= lng <= 180):
        errors["latitude"] = [N_("Koordinat tidak valid; gunakan angka desimal, mis. -0.502106 "
                                 "dan 117.153709")]
    else:
        min_lat, min_lng, max_lat, max_lng = current_app.config["OFFICE_BOUNDS"]
        if not (min_lat <= lat <= max_lat and min_lng <= lng <= max_lng):
            province = (regions.name(current_app.config["OFFICE_PROVINCE"]) or "").title() \
                or N_("provinsi ini")
            errors["latitude"] = [MSG_OUTSIDE.format(province=province)]
        clean["latitude"], clean["longitude"] = f"{lat:.6f}", f"{lng:.6f}"
    return clean, errors
