"""Responses: applications as applicants and staff read them."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from ...models import applications as states
from .base import (
    UtcDateTime,
    maybe_text,
    text,
)
from .catalogue import (
    PagedSchema,
)


# responses: applications --------------------------------------------------------------------
class ApplicationSummarySchema(Schema):
    __component_name__ = "ApplicationSummary"
    uid = text()
    resi = text(metadata={"description": "Nomor resi, mis. K7QM-2XHD-9RTB"})
    registration_number = maybe_text()
    permit_code = text()
    permit_name = text()
    application_type = text()
    agency_code = text()
    status = text(validate=validate.OneOf(list(states.STATUSES)))
    status_label = text()
    step = maybe_text(metadata={"description": "Kunci tahap saat ini"})
    step_name = maybe_text()
    submitted_at = UtcDateTime(required=True, allow_none=True)
    estimated_completion = fields.Date(required=True, allow_none=True)
    revision_due = fields.Date(required=True, allow_none=True)


class ApplicationListSchema(PagedSchema):
    __component_name__ = "ApplicationList"
    result = fields.List(fields.Nested(ApplicationSummarySchema), required=True)


class TimelineEntrySchema(Schema):
    __component_name__ = "TimelineEntry"
    at = UtcDateTime(required=True)
    title = text()
    who = text()
    note = text()
    tone = text()


class StageSchema(Schema):
    __component_name__ = "Stage"
    name = text()
    state = text(validate=validate.OneOf(["done", "current", "returned", "todo"]))
    waiting_for = fields.List(fields.String(), required=True)
    due = fields.Date(required=True, allow_none=True)


class ReplacementSchema(Schema):
    __component_name__ = "PermitReplacement"
    number = text(metadata={"description": "Nomor izin pengganti"})
    replaced_at = UtcDateTime(required=True, metadata={
        "description": "Saat izin ini diganti (izin pengganti terbit)"})
    kind = text(validate=validate.OneOf(["renewal", "amendment"]), metadata={
        "description": "renewal = perpanjangan, amendment = perubahan"})
    verification_url = text(metadata={"description": "Halaman verifikasi izin pengganti"})


class IssuedPermitSchema(Schema):
    __component_name__ = "IssuedPermit"
    number = text()
    issued_at = UtcDateTime(required=True)
    valid_from = fields.Date(required=True)
    valid_until = fields.Date(required=True, allow_none=True)
    revoked = fields.Boolean(required=True)
    replaced_by = fields.Nested(ReplacementSchema, required=True, allow_none=True, metadata={
        "description": "Izin yang menggantikan izin ini karena perpanjangan atau perubahan; "
                       "null selama izin ini masih berlaku sendiri"})
    verification_url = text()


class ApplicantApplicationSchema(ApplicationSummarySchema):
    __component_name__ = "ApplicantApplication"
    catalogue_version = fields.Integer(required=True)
    history = fields.List(fields.Nested(TimelineEntrySchema), required=True)
    stages = fields.List(fields.Nested(StageSchema), required=True)
    permit = fields.Nested(IssuedPermitSchema, required=True, allow_none=True)


# responses: staff ---------------------------------------------------------------------------
class QueueItemSchema(ApplicationSummarySchema):
    __component_name__ = "QueueItem"
    applicant_name = text()
    company_name = maybe_text()
    role = text(metadata={"description": "Peran Anda yang ditunggu pada tahap ini"})
    due_date = fields.Date(required=True)
    sla_left = fields.Integer(required=True, allow_none=True,
                              metadata={"description": "Sisa hari kerja; negatif = terlambat"})
    overdue = fields.Boolean(required=True)


class QueueSchema(PagedSchema):
    __component_name__ = "Queue"
    result = fields.List(fields.Nested(QueueItemSchema), required=True)


class ActionOptionSchema(Schema):
    __component_name__ = "ActionOption"
    action = text()
    label = text()
    kind = text(validate=validate.OneOf(["forward", "back", "revision", "reject", "issue"]))
    role = text()
    target = text()


class DocumentCheckSchema(Schema):
    __component_name__ = "DocumentCheck"
    valid = fields.Boolean(required=True)
    note = text()
    round = fields.Integer(required=True)


class StaffDocumentSchema(Schema):
    __component_name__ = "StaffDocument"
    requirement_key = text()
    requirement_name = text()
    file_name = text()
    mime = text()
    size = fields.Integer(required=True)
    sha256 = text()
    check = fields.Nested(DocumentCheckSchema, required=True, allow_none=True)


class AuditEntrySchema(Schema):
    __component_name__ = "AuditEntry"
    at = UtcDateTime(required=True)
    kind = text()
    actor_name = text()
    role = maybe_text()
    agency = maybe_text()
    action = maybe_text()
    from_status = maybe_text()
    to_status = maybe_text()
    from_step = maybe_text()
    to_step = maybe_text()
    note = text()


class StaffApplicationSchema(ApplicationSummarySchema):
    __component_name__ = "StaffApplication"
    catalogue_version = fields.Integer(required=True)
    applicant_name = text()
    applicant_identity = text()
    company_name = maybe_text()
    lock_version = fields.Integer(required=True, metadata={
        "description": "Kirim kembali bersama tindakan (penguncian optimistis)"})
    revision_round = fields.Integer(required=True)
    data = fields.Dict(required=True, metadata={
        "description": "Isian permohonan: applicant, company, location, details (jawaban "
                       "formulir izin), declaration"})
    documents = fields.List(fields.Nested(StaffDocumentSchema), required=True)
    options = fields.List(fields.Nested(ActionOptionSchema), required=True, metadata={
        "description": "Tindakan yang boleh Anda lakukan sekarang (kosong = tidak ada)"})
    audit = fields.List(fields.Nested(AuditEntrySchema), required=True)
    permit = fields.Nested(IssuedPermitSchema, required=True, allow_none=True)


class ActionResultSchema(Schema):
    __component_name__ = "ActionResult"
    message = text()
    outcome = text(metadata={"description": "moved | waiting | revision | rejected | issued"})
    application = fields.Nested(StaffApplicationSchema, required=True)
