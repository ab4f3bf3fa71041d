"""Marshmallow schemas of the REST API: what requests may carry and what responses contain.

They are registered as OpenAPI components (each view lists the ones it uses) and every
response is dumped through them, so the served document and the answers cannot drift apart.
Validation messages are Indonesian, like the rest of the product.
"""

from __future__ import annotations

from datetime import UTC, datetime

from marshmallow import EXCLUDE, RAISE, Schema, fields, validate

from ..models import applications as states

REQUIRED = {"required": "Wajib diisi.", "null": "Tidak boleh kosong."}
TEXT = {**REQUIRED, "invalid": "Harus berupa teks."}
INTEGER = {**REQUIRED, "invalid": "Harus berupa bilangan bulat.",
           "too_large": "Angka terlalu besar."}
BOOLEAN = {**REQUIRED, "invalid": "Harus true atau false."}
OBJECT = {**REQUIRED, "invalid": "Harus berupa objek JSON."}


def _length(maximum: int, minimum: int | None = None) -> validate.Length:
    if minimum:
        return validate.Length(min=minimum, max=maximum,
                               error=f"Panjang {minimum} sampai {maximum} karakter.")
    return validate.Length(max=maximum, error=f"Paling panjang {maximum} karakter.")


def _range(minimum: int, maximum: int) -> validate.Range:
    return validate.Range(min=minimum, max=maximum,
                          error=f"Harus antara {minimum} dan {maximum}.")


class UtcDateTime(fields.DateTime):
    """Stored timestamps are naive UTC; the API says so (ISO 8601 with +00:00)."""

    def _serialize(self, value, attr, obj, **kwargs):
        if isinstance(value, datetime) and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return super()._serialize(value, attr, obj, **kwargs)


def _text(**kwargs) -> fields.String:
    return fields.String(required=True, **kwargs)


def _maybe_text(**kwargs) -> fields.String:
    return fields.String(required=True, allow_none=True, **kwargs)


# requests -----------------------------------------------------------------------------------
class _Args(Schema):
    class Meta:
        unknown = EXCLUDE


class PageArgsSchema(_Args):
    page = fields.Integer(load_default=1, validate=_range(1, 1_000_000), error_messages=INTEGER,
                          metadata={"description": "Nomor halaman, mulai dari 1."})
    per_page = fields.Integer(load_default=20, validate=_range(1, 100), error_messages=INTEGER,
                              metadata={"description": "Jumlah baris per halaman (1-100)."})


class PermitListArgsSchema(PageArgsSchema):
    q = fields.String(load_default="", validate=_length(100), error_messages=TEXT)
    instansi = fields.String(load_default="", validate=_length(32), error_messages=TEXT)
    bidang = fields.String(load_default="", validate=_length(32), error_messages=TEXT)


SEARCHABLE_STATUSES = [s for s in states.STATUSES if s != states.DRAFT]


class ApplicationListArgsSchema(PageArgsSchema):
    q = fields.String(load_default="", validate=_length(100), error_messages=TEXT)
    status = fields.String(
        load_default="", error_messages=TEXT,
        validate=validate.OneOf([""] + SEARCHABLE_STATUSES,
                                error="Status harus salah satu dari: "
                                      + ", ".join(SEARCHABLE_STATUSES) + "."))


UNKNOWN = {"unknown": "Isian tidak dikenal.", "type": "Harus berupa objek JSON."}


class DocumentVerdictSchema(Schema):
    __component_name__ = "DocumentVerdict"
    error_messages = UNKNOWN

    class Meta:
        unknown = RAISE

    valid = fields.Boolean(required=True, error_messages=BOOLEAN,
                           metadata={"description": "true = dokumen sah, false = tidak sah"})
    note = fields.String(load_default="", validate=_length(2000), error_messages=TEXT)


class ActionRequestSchema(Schema):
    __component_name__ = "ActionRequest"
    error_messages = UNKNOWN

    class Meta:
        unknown = RAISE

    action = fields.String(required=True, validate=_length(64, 1), error_messages=TEXT,
                           metadata={"description": "Salah satu `options[].action` dari detail "
                                                    "permohonan, mis. lanjut, revisi, tolak."})
    note = fields.String(load_default="", validate=_length(4000), error_messages=TEXT,
                         metadata={"description": "Catatan; wajib untuk penolakan, dan untuk "
                                                  "revisi bila tidak ada dokumen yang ditandai "
                                                  "tidak sah."})
    documents = fields.Dict(
        keys=fields.String(validate=_length(64, 1)), values=fields.Nested(DocumentVerdictSchema),
        load_default=dict, error_messages=OBJECT,
        metadata={"description": "Penilaian per persyaratan: kunci persyaratan -> {valid, note}"})
    lock_version = fields.Integer(
        required=True, strict=True, validate=_range(0, 2_000_000_000), error_messages=INTEGER,
        metadata={"description": "`lock_version` dari detail yang Anda baca; bila permohonan "
                                 "sudah berubah sejak itu, jawabannya 409."})


# responses: common --------------------------------------------------------------------------
class ErrorSchema(Schema):
    __component_name__ = "Error"
    message = _text(metadata={"description": "Pesan untuk manusia (Bahasa Indonesia)"})
    errors = fields.Dict(keys=fields.String(), values=fields.Raw(),
                         metadata={"description": "Kesalahan per isian, bila ada"})


class PagedSchema(Schema):
    count = fields.Integer(required=True, metadata={"description": "Jumlah seluruh baris"})
    page = fields.Integer(required=True)
    pages = fields.Integer(required=True)
    per_page = fields.Integer(required=True)


class AccountSchema(Schema):
    __component_name__ = "Account"
    kind = _text(validate=validate.OneOf(["pemohon", "petugas"]))
    name = _text()
    email = _text()
    roles = fields.List(fields.String(), required=True)
    agency = _maybe_text()


# responses: catalogue -----------------------------------------------------------------------
class CodeNameSchema(Schema):
    __component_name__ = "CodeName"
    code = _text()
    name = _text()


class CatalogueInfoSchema(Schema):
    __component_name__ = "CatalogueInfo"
    version = fields.Integer(required=True)
    published_at = UtcDateTime(required=True)
    digest = _text()
    permits = fields.Integer(required=True)
    agencies = fields.Integer(required=True)
    routings = fields.Integer(required=True)


class PermitSummarySchema(Schema):
    __component_name__ = "PermitSummary"
    code = _text()
    name = _text()
    name_en = _maybe_text()
    agency = fields.Nested(CodeNameSchema, required=True)
    sector = fields.Nested(CodeNameSchema, required=True, allow_none=True)
    application_types = fields.List(fields.Nested(CodeNameSchema), required=True)
    sla_working_days = fields.Integer(required=True)
    fee = fields.Float(required=True, metadata={"description": "Retribusi dalam rupiah"})
    fee_text = _text()
    validity = fields.Dict(keys=fields.String(), values=fields.Integer(), required=True,
                           allow_none=True, metadata={"description": "years/months/days; "
                                                                     "null = tanpa batas"})
    validity_text = _text()


class PermitListSchema(PagedSchema):
    __component_name__ = "PermitList"
    version = fields.Integer(required=True)
    result = fields.List(fields.Nested(PermitSummarySchema), required=True)


class RequirementSchema(Schema):
    __component_name__ = "Requirement"
    key = _text()
    name = _text()
    description = _maybe_text()
    required = fields.Boolean(required=True)
    formats = fields.List(fields.String(), required=True)
    max_mb = fields.Float(required=True, allow_none=True)
    template_url = _maybe_text()


class RequirementGroupSchema(Schema):
    __component_name__ = "RequirementGroup"
    application_type = _text()
    name = _text()
    requirements = fields.List(fields.Nested(RequirementSchema), required=True)


class RoutingStepSchema(Schema):
    __component_name__ = "RoutingStep"
    number = fields.Integer(required=True)
    key = _text()
    name = _text()
    role = _text()
    agencies = fields.List(fields.String(), required=True,
                           metadata={"description": "Kode instansi; @permit = instansi izin"})
    parallel = fields.Boolean(required=True)
    sla_days = fields.Integer(required=True, allow_none=True)
    actions = fields.Dict(keys=fields.String(), values=fields.String(), required=True,
                          metadata={"description": "tindakan -> tahap tujuan, @applicant "
                                                   "(revisi), @rejected atau @issued"})
    who = _text(metadata={"description": "Siapa yang memproses, dalam kata-kata"})
    outcomes = fields.List(fields.String(), required=True)


class RoutingSchema(Schema):
    __component_name__ = "Routing"
    code = _text()
    name = _text()
    description = _maybe_text()
    steps = fields.List(fields.Nested(RoutingStepSchema), required=True)


class PermitDetailSchema(PermitSummarySchema):
    __component_name__ = "PermitDetail"
    version = fields.Integer(required=True)
    description = _maybe_text()
    legal_basis = fields.List(fields.String(), required=True)
    revision_deadline_days = fields.Integer(required=True)
    requirements = fields.List(fields.Nested(RequirementGroupSchema), required=True)
    routing = fields.Nested(RoutingSchema, required=True, allow_none=True)
    form = fields.Dict(required=True, metadata={
        "description": "Definisi formulir detail izin (forms_schema): sections -> fields"})


class AgencySchema(Schema):
    __component_name__ = "Agency"
    code = _text()
    name = _text()
    name_en = _maybe_text()
    kind = _maybe_text()
    address = _maybe_text()
    head_title = _maybe_text()
    permits = fields.Integer(required=True, metadata={"description": "Jumlah jenis izin"})


class AgencyListSchema(Schema):
    __component_name__ = "AgencyList"
    version = fields.Integer(required=True)
    result = fields.List(fields.Nested(AgencySchema), required=True)


class RoutingListSchema(Schema):
    __component_name__ = "RoutingList"
    version = fields.Integer(required=True)
    result = fields.List(fields.Nested(RoutingSchema), required=True)


# responses: applications --------------------------------------------------------------------
class ApplicationSummarySchema(Schema):
    __component_name__ = "ApplicationSummary"
    uid = _text()
    resi = _text(metadata={"description": "Nomor resi, mis. K7QM-2XHD-9RTB"})
    registration_number = _maybe_text()
    permit_code = _text()
    permit_name = _text()
    application_type = _text()
    agency_code = _text()
    status = _text(validate=validate.OneOf(list(states.STATUSES)))
    status_label = _text()
    step = _maybe_text(metadata={"description": "Kunci tahap saat ini"})
    step_name = _maybe_text()
    submitted_at = UtcDateTime(required=True, allow_none=True)
    estimated_completion = fields.Date(required=True, allow_none=True)
    revision_due = fields.Date(required=True, allow_none=True)


class ApplicationListSchema(PagedSchema):
    __component_name__ = "ApplicationList"
    result = fields.List(fields.Nested(ApplicationSummarySchema), required=True)


class TimelineEntrySchema(Schema):
    __component_name__ = "TimelineEntry"
    at = UtcDateTime(required=True)
    title = _text()
    who = _text()
    note = _text()
    tone = _text()


class StageSchema(Schema):
    __component_name__ = "Stage"
    name = _text()
    state = _text(validate=validate.OneOf(["done", "current", "returned", "todo"]))
    waiting_for = fields.List(fields.String(), required=True)
    due = fields.Date(required=True, allow_none=True)


class IssuedPermitSchema(Schema):
    __component_name__ = "IssuedPermit"
    number = _text()
    issued_at = UtcDateTime(required=True)
    valid_from = fields.Date(required=True)
    valid_until = fields.Date(required=True, allow_none=True)
    revoked = fields.Boolean(required=True)
    verification_url = _text()


class ApplicantApplicationSchema(ApplicationSummarySchema):
    __component_name__ = "ApplicantApplication"
    catalogue_version = fields.Integer(required=True)
    history = fields.List(fields.Nested(TimelineEntrySchema), required=True)
    stages = fields.List(fields.Nested(StageSchema), required=True)
    permit = fields.Nested(IssuedPermitSchema, required=True, allow_none=True)


# responses: staff ---------------------------------------------------------------------------
class QueueItemSchema(ApplicationSummarySchema):
    __component_name__ = "QueueItem"
    applicant_name = _text()
    company_name = _maybe_text()
    role = _text(metadata={"description": "Peran Anda yang ditunggu pada tahap ini"})
    due_date = fields.Date(required=True)
    sla_left = fields.Integer(required=True, allow_none=True,
                              metadata={"description": "Sisa hari kerja; negatif = terlambat"})
    overdue = fields.Boolean(required=True)


class QueueSchema(PagedSchema):
    __component_name__ = "Queue"
    result = fields.List(fields.Nested(QueueItemSchema), required=True)


class ActionOptionSchema(Schema):
    __component_name__ = "ActionOption"
    action = _text()
    label = _text()
    kind = _text(validate=validate.OneOf(["forward", "revision", "reject", "issue"]))
    role = _text()
    target = _text()


class DocumentCheckSchema(Schema):
    __component_name__ = "DocumentCheck"
    valid = fields.Boolean(required=True)
    note = _text()
    round = fields.Integer(required=True)


class StaffDocumentSchema(Schema):
    __component_name__ = "StaffDocument"
    requirement_key = _text()
    requirement_name = _text()
    file_name = _text()
    mime = _text()
    size = fields.Integer(required=True)
    sha256 = _text()
    check = fields.Nested(DocumentCheckSchema, required=True, allow_none=True)


class AuditEntrySchema(Schema):
    __component_name__ = "AuditEntry"
    at = UtcDateTime(required=True)
    kind = _text()
    actor_name = _text()
    role = _maybe_text()
    agency = _maybe_text()
    action = _maybe_text()
    from_status = _maybe_text()
    to_status = _maybe_text()
    from_step = _maybe_text()
    to_step = _maybe_text()
    note = _text()


class StaffApplicationSchema(ApplicationSummarySchema):
    __component_name__ = "StaffApplication"
    catalogue_version = fields.Integer(required=True)
    applicant_name = _text()
    applicant_identity = _text()
    company_name = _maybe_text()
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
    message = _text()
    outcome = _text(metadata={"description": "moved | waiting | revision | rejected | issued"})
    application = fields.Nested(StaffApplicationSchema, required=True)


COMPONENTS = (
    ErrorSchema, AccountSchema, CodeNameSchema, CatalogueInfoSchema, PermitSummarySchema,
    PermitListSchema, RequirementSchema, RequirementGroupSchema, RoutingStepSchema,
    RoutingSchema, PermitDetailSchema, AgencySchema, AgencyListSchema, RoutingListSchema,
    ApplicationSummarySchema, ApplicationListSchema, TimelineEntrySchema, StageSchema,
    IssuedPermitSchema, ApplicantApplicationSchema, QueueItemSchema, QueueSchema,
    ActionOptionSchema, DocumentCheckSchema, StaffDocumentSchema, AuditEntrySchema,
    StaffApplicationSchema, ActionResultSchema, DocumentVerdictSchema, ActionRequestSchema,
)
