"""Cetak Resi: the receipt PDF an applicant keeps, with a QR code to the public tracking page."""

from __future__ import annotations

from flask import current_app, url_for

from ..models import Application
from . import applications as apps
from . import certificates
from . import resi as resi_codes
from .notices import public_url


def document_rows(application: Application) -> list[dict]:
    permit = apps.permit_of(application)
    names = {r["key"]: r["name"]["id"] for r in permit.get("requirements", [])}
    return [{"key": d.requirement_key, "requirement": names.get(d.requirement_key,
                                                                 d.requirement_key),
             "filename": f"{d.file.name}.{d.file.ext}", "file": d.file, "size": d.file.size,
             "url": url_for("applicant.application_document", uid=application.uid,
                            key=d.requirement_key)}
            for d in application.documents]


def tracking_url(application: Application) -> str:
    """The receipt's QR address, with the receipt as printed on it (K7QM-2XHD-9RTB), as the
    tracking boxes also send it on (portal.resi_lookup)."""
    return public_url(f"/lacak?resi={resi_codes.display(application.resi)}")


def receipt_pdf(application: Application) -> bytes:
    from ..documents.certificate import render_receipt
    from ..documents.qr import qr_svg_data_uri
    from .calendar import local_now
    from .issuance import holder_of

    person = application.data.get("applicant") or {}
    _name, identity, _address = holder_of(application)
    cat = apps.catalogue_for(application)
    office = cat.agency(current_app.config["OFFICE_AGENCY"]) or {}
    url = tracking_url(application)
    return render_receipt({
        "resi": resi_codes.display(application.resi),
        "registration_number": application.registration_number,
        "submitted_at": _local(application.submitted_at),
        "permit_name": application.permit_name,
        "application_type": cat.application_type_name(application.application_type),
        "subject_permit": application.subject_permit.number if application.subject_permit
        else None,
        "applicant": {"name": application.company_name or person.get("name", ""),
                      "identity_number": identity or person.get("nik", ""),
                      "address": certificates.full_address(person),
                      "email": person.get("email", ""),
                      "phone": person.get("phone", "")},
        "documents": [{"requirement": r["requirement"], "filename": r["filename"]}
                      for r in document_rows(application)],
        "estimated_completion": application.estimated_completion,
        "tracking_url": url, "qr_data_uri": qr_svg_data_uri(url),
        "office_name": current_app.config["OFFICE_NAME"],
        "office_address": office.get("address", ""), "printed_at": local_now(),
    })


def _local(moment):
    from ..templating import local_time

    return local_time(moment)
