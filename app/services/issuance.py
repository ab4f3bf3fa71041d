"""Issuing a permit: its number, validity, the certificate PDF, the signature, the QR token.

The permit row is written inside the signing official's transaction (review's "act"): its
number comes from a row-locked sequence, so a rollback gives the number back and the next
issuance takes it (gap-free). The certificate is rendered and signed right after that commit,
so the lock is held for milliseconds, not for the ~0.2 s of rendering and signing. The
certificate template is catalogue data; permits without one get the generic template.
"""

from __future__ import annotations

import calendar as month_calendar
import hashlib
import secrets
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import islice

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

import catalogue as cat_lib

from .. import storage
from ..extensions import db
from ..i18n import N_
from ..models import Application, IssuedPermit, utcnow
from ..survey import invitation as survey_invitation
from . import applications as apps
from . import calendar, catalogue_store, certificates, numbers, permit_map
from .errors import DomainError
from .notices import Notice, permit_name

FOLDER = "permits"  # storage folder of signed permit PDFs


def add_period(start: date, validity: dict | None) -> date | None:
    """{"years": 5} from 2026-03-10 -> 2031-03-09 (the day before the anniversary)."""
    if not validity:
        return None
    months = int(validity.get("years", 0)) * 12 + int(validity.get("months", 0))
    year, month = divmod(start.month - 1 + months, 12)
    year, month = start.year + year, month + 1
    day = min(start.day, month_calendar.monthrange(year, month)[1])
    end = date(year, month, day) + timedelta(days=int(validity.get("days", 0)))
    return end - timedelta(days=1)


def holder_of(application: Application) -> tuple[str, str, str]:
    """(name, NIK/NPWP, full address) of whoever the permit is issued to: the company when
    the application was filed for one, otherwise the applicant."""
    data = application.data or {}
    company = data.get("company")
    person = data.get("applicant") or {}
    if company:
        return company.get("name", ""), company.get("npwp", ""), \
            certificates.full_address(company)
    return person.get("name", ""), person.get("nik") or person.get("npwp", ""), \
        certificates.full_address(person)


def location_rows(application: Application) -> list[dict]:
    """The permit's location, printed after the form's answers on the certificate."""
    location = (application.data or {}).get("location") or {}
    if not location.get("village_code"):
        return []
    return [{"label": "Lokasi", "value": certificates.location_address(location)}]


def valid_until(application: Application, cat: cat_lib.Catalogue, permit: dict,
                today: date) -> date | None:
    """The term of the permit this approval issues, by the application type's effect: a
    renewal continues after the renewed permit ends (days left are not lost); an amendment
    keeps the amended permit's end unless the permit gives the type its own validity;
    otherwise the type's validity from today."""
    effect = cat.effect(application.application_type)
    subject = application.subject_permit
    validity = cat_lib.validity_for(permit, application.application_type)
    if effect == cat_lib.RENEWAL and subject is not None and subject.valid_until is not None:
        return add_period(max(today, subject.valid_until + timedelta(days=1)), validity)
    own = application.application_type in (permit.get("validity_by_type") or {})
    if effect == cat_lib.AMENDMENT and subject is not None and not own:
        return subject.valid_until
    return add_period(today, validity)


# the note written on the acted-on permit's own application: marked texts, stored filled in
# (Indonesian, as before) and shown in the reader's language (timeline.note_of)
# a permit whose document is not produced yet (document_key is None): said wherever it is asked for
MSG_PREPARING = N_("Dokumen izin sedang disiapkan. Coba lagi beberapa saat lagi.")
MSG_BY_NEW_PERMIT = N_("Oleh permohonan {registration}: izin baru nomor {number}.")
MSG_BY_APPLICATION = N_("Oleh permohonan {registration}.")


@dataclass(frozen=True)
class Settlement:
    """What an approval did: the permit it issued (none for a revocation) and the permit it
    acted on (renewed, amended or revoked), by the application type's effect."""

    effect: str
    issued: IssuedPermit | None
    subject: IssuedPermit | None

    def notice(self, application: Application) -> Notice:
        """What the applicant is told, in both languages, with the survey invitation when the
        office surveys this outcome."""
        invite = survey_invitation.parts(application)
        values = {"permit": permit_name(application),
                  "old": self.subject.number if self.subject else "",
                  **survey_invitation.values(application)}
        if self.effect == cat_lib.REVOCATION:
            return Notice(_l("Izin telah dicabut"), (_l(
                "Permohonan pencabutan %(permit)s disetujui. Izin nomor %(old)s telah dicabut "
                "dan tidak berlaku lagi."), *invite), values)
        issued = self.issued
        values |= {"number": issued.number,
                   "date": issued.valid_until or ""}
        download = _l("Unduh dokumen izin melalui menu Permohonan Saya (Cetak Izin).")
        if self.subject is None:
            return Notice(_l("Izin telah terbit"), (_l(
                "%(permit)s Anda telah terbit dengan nomor %(number)s. Unduh dokumen izin "
                "melalui menu Permohonan Saya (Cetak Izin)."), *invite), values)
        replaced = _l("%(permit)s nomor %(old)s telah diperpanjang: izin baru nomor "
                      "%(number)s, menggantikan izin nomor %(old)s.") \
            if self.effect == cat_lib.RENEWAL else \
            _l("%(permit)s nomor %(old)s telah diubah: izin baru nomor %(number)s, "
               "menggantikan izin nomor %(old)s.")
        until = (_l("Izin baru berlaku sampai %(date)s."),) if issued.valid_until else ()
        return Notice(_l("Izin telah terbit"), (replaced, *until, download, *invite), values)

    def subject_note(self, application: Application) -> str:
        """The acted-on permit's history note: which application did it (and the new permit)."""
        if self.issued is not None:
            return MSG_BY_NEW_PERMIT.format(registration=application.registration_number,
                                            number=self.issued.number)
        return MSG_BY_APPLICATION.format(registration=application.registration_number)

    def details(self) -> dict:
        return {"effect": self.effect,
                "subject_permit": self.subject.number if self.subject else None,
                "permit_number": self.issued.number if self.issued else None}


def settle(application: Application, cat: cat_lib.Catalogue, permit: dict,
           actor) -> Settlement:
    """Approval, inside the signing official's transaction: a new permit, a renewal or an
    amendment (a new permit that replaces the chosen one), or a revocation of the chosen
    permit. Which one is the application type's `effect`, catalogue data."""
    effect = cat.effect(application.application_type)
    subject = application.subject_permit if effect in cat_lib.ON_ISSUED_PERMIT else None
    if subject is not None:
        permit_map.forget(subject)  # the WebGIS map counts only the permit in force
    if effect == cat_lib.REVOCATION:
        subject.revoked_at = utcnow()
        subject.revoked_reason = ("Dicabut atas permohonan pemegang izin (nomor pendaftaran "
                                  f"{application.registration_number}).")
        subject.revoked_by_id = actor.user.id if actor.user is not None else None
        return Settlement(effect, None, subject)
    issued = issue(application, cat, permit, actor)
    if subject is not None:
        subject.replaced_by = issued
        subject.replaced_at = utcnow()
        subject.replaced_kind = effect
    return Settlement(effect, issued, subject)


def issue(application: Application, cat: cat_lib.Catalogue, permit: dict, actor) -> IssuedPermit:
    """The permit row, inside the signing official's transaction: number (from the row-locked
    sequence: a rollback gives it back), validity, holder, QR token. Its signed document is
    produced right after commit (`produce_document`), so rendering and signing never hold
    the sequence lock."""
    today = calendar.today()
    seq = numbers.next_value(numbers.PERMIT, permit["code"], today.year)
    number = cat_lib.format_number(permit["permit_number"], seq=seq, date=today,
                                   agency=permit["agency"], permit=permit["code"],
                                   app_type=application.application_type)
    name, identity, _address = holder_of(application)
    issued = IssuedPermit(
        application_id=application.id, permit_code=permit["code"], number=number,
        year=today.year, seq=seq, token=secrets.token_urlsafe(24), holder_name=name[:200],
        holder_identity=(identity or "")[:16], issued_at=utcnow(), valid_from=today,
        valid_until=valid_until(application, cat, permit, today),
        signer_name=actor.name[:200])
    db.session.add(issued)
    application.permit = issued
    db.session.flush()
    permit_map.record(application, issued, permit)  # on the WebGIS map, same transaction
    return issued


def produce_document(permit_id: int) -> IssuedPermit | None:
    """Renders, signs and stores the permit's certificate once; idempotent. Called right
    after the issuance commits, on first download if that failed, and by the worker for any
    permit still without its document. A failure leaves the permit without a document (to be
    tried again), never a half-written one."""
    issued = db.session.get(IssuedPermit, permit_id)
    if issued is None or issued.storage_key:
        return issued
    signed = _signed_certificate(issued)
    # deleted again if this transaction does not commit
    issued.storage_key = storage.discard_unless_committed(
        storage.current().save_bytes(signed, FOLDER, ".pdf"))
    issued.sha256 = hashlib.sha256(signed).hexdigest()
    try:
        db.session.commit()
    except Exception:
        db.session.rollback()  # the stored object goes with it
        raise
    return issued


def document_key(issued: IssuedPermit) -> str | None:
    """The stored certificate's key, producing it first if its issuance could not and a try
    is due (document_retries: failures wait longer and longer); None while it cannot be
    produced (the reason is logged; the worker keeps trying)."""
    if not issued.storage_key:
        produce_when_due(issued.id)
    return issued.storage_key


def produce_when_due(permit_id: int) -> bool:
    """`produce_document` unless the permit's document failed lately and its next try is not
    due yet (document_retries); a failure is logged, counted and, when it keeps failing,
    told to the office once. True when it ran without failing."""
    from . import document_retries

    return document_retries.attempt(permit_id, produce_document)


def produce_pending(limit: int = 20) -> int:
    """Documents of issued permits that are still missing (a render or signing failure),
    at most `limit` of those due; one failing permit waits its turn and does not hold back
    the others."""
    from . import document_retries

    due = islice((permit_id for permit_id in without_document()
                  if document_retries.due(permit_id)), limit)
    return sum(1 for permit_id in due if produce_when_due(permit_id))  # asked lazily


def without_document() -> list[int]:
    """Ids of the issued permits whose document is still missing, oldest first."""
    return list(db.session.scalars(select(IssuedPermit.id).where(
        IssuedPermit.storage_key.is_(None)).order_by(IssuedPermit.id)))


def _signed_certificate(issued: IssuedPermit) -> bytes:
    from ..signing.factory import adapter_from_config

    application = issued.application
    permit = apps.permit_of(application)
    pdf = _certificate(application, number=issued.number, token=issued.token,
                       issued_on=issued.valid_from, valid_until=issued.valid_until,
                       signer_name=issued.signer_name)
    return adapter_from_config(current_app.config).sign(
        pdf, reason=f"Penerbitan {permit['name']['id']} nomor {issued.number}",
        location=current_app.config["OFFICE_NAME"])


PREVIEW_NUMBER = "[nomor diberikan saat izin terbit]"
PREVIEW_MARK = "PRATINJAU - BELUM BERLAKU"


def preview_pdf(application: Application, signer_name: str) -> bytes:
    """The certificate as it would be issued today, unsigned, numberless and watermarked:
    what the signing official reads before approving. Nothing is stored or allocated."""
    today = calendar.today()
    cat = apps.catalogue_for(application)
    if not issues_permit(application):
        raise DomainError(N_("Persetujuan permohonan ini mencabut izin; tidak ada dokumen izin "
                             "baru untuk dipratinjau."))
    return _certificate(application, number=PREVIEW_NUMBER, token="pratinjau", issued_on=today,
                        valid_until=valid_until(application, cat, apps.permit_of(application),
                                                today),
                        signer_name=signer_name, watermark=PREVIEW_MARK)


def issues_permit(application: Application) -> bool:
    """Whether approving this application issues a permit document (a revocation does not)."""
    effect = apps.catalogue_for(application).effect(application.application_type)
    return effect != cat_lib.REVOCATION


def _certificate(application: Application, *, number: str, token: str, issued_on: date,
                 valid_until: date | None, signer_name: str,
                 watermark: str | None = None) -> bytes:
    from ..documents.certificate import render_certificate_limited

    cat = apps.catalogue_for(application)
    permit = cat.permit(application.permit_code)
    context = certificates.standard_context(
        cat, permit, number=number, token=token, issued_on=issued_on, valid_until=valid_until,
        signer_name=signer_name, holder=holder_of(application),
        registration_number=application.registration_number,
        application_type=application.application_type,
        replaces=application.subject_permit.number if application.subject_permit else None)
    context.update(template_data(application))
    context["details"] = context["details"] + location_rows(application)
    return render_certificate_limited(_template_source(application, permit), context,
                                      watermark=watermark)


IMAGE_MIME = {"jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "gif": "image/gif"}
MAX_EMBED_BYTES = 2 * 1024 * 1024


def template_data(application: Application) -> dict:
    """What a catalogue template may print besides the fixed context: the form's answers
    (certificates.answer_values: data, lookup, label, details) and `files` (image documents
    by requirement key, as data URIs, e.g. a pas foto)."""
    import base64

    values = certificates.answer_values(apps.form_definition(application),
                                        (application.data or {}).get("details") or {},
                                        apps.form_context(application))
    images = {}
    for document in application.documents:
        stored = document.file
        if stored.ext in IMAGE_MIME and stored.size <= MAX_EMBED_BYTES:
            encoded = base64.b64encode(
                storage.current().read_bytes(stored.storage_key)).decode()
            images[document.requirement_key] = f"data:{IMAGE_MIME[stored.ext]};base64,{encoded}"
    return {**values, "files": images}


def _template_source(application: Application, permit: dict) -> str | None:
    """The catalogue's template: a file among the version's assets, or inline HTML."""
    return certificates.template_source((permit.get("certificate") or {}).get("template"),
                                        catalogue_store.assets_of(application.catalogue_version))
