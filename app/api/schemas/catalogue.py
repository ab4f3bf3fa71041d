"""Responses: common shapes and the published catalogue."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from .base import (
    UtcDateTime,
    maybe_text,
    text,
)


# responses: common --------------------------------------------------------------------------
class ErrorSchema(Schema):
    __component_name__ = "Error"
    message = text(metadata={"description": "Pesan untuk manusia (Bahasa Indonesia)"})
    errors = fields.Dict(keys=fields.String(), values=fields.Raw(),
                         metadata={"description": "Kesalahan per isian, bila ada"})


class PagedSchema(Schema):
    count = fields.Integer(required=True, metadata={"description": "Jumlah seluruh baris"})
    page = fields.Integer(required=True)
    pages = fields.Integer(required=True)
    per_page = fields.Integer(required=True)


class AccountSchema(Schema):
    __component_name__ = "Account"
    kind = text(validate=validate.OneOf(["pemohon", "petugas"]))
    name = text()
    email = text()
    roles = fields.List(fields.String(), required=True)
    agency = maybe_text()


# responses: catalogue -----------------------------------------------------------------------
class CodeNameSchema(Schema):
    __component_name__ = "CodeName"
    code = text()
    name = text()


class CatalogueInfoSchema(Schema):
    __component_name__ = "CatalogueInfo"
    version = fields.Integer(required=True)
    published_at = UtcDateTime(required=True)
    digest = text()
    permits = fields.Integer(required=True)
    agencies = fields.Integer(required=True)
    routings = fields.Integer(required=True)


class PermitSummarySchema(Schema):
    __component_name__ = "PermitSummary"
    code = text()
    name = text()
    name_en = maybe_text()
    agency = fields.Nested(CodeNameSchema, required=True)
    sector = fields.Nested(CodeNameSchema, required=True, allow_none=True)
    application_types = fields.List(fields.Nested(CodeNameSchema), required=True)
    sla_working_days = fields.Integer(required=True)
    fee = fields.Float(required=True, metadata={"description": "Retribusi dalam rupiah"})
    fee_text = text()
    validity = fields.Dict(keys=fields.String(), values=fields.Integer(), required=True,
                           allow_none=True, metadata={"description": "years/months/days; "
                                                                     "null = tanpa batas"})
    validity_text = text()


class PermitListSchema(PagedSchema):
    __component_name__ = "PermitList"
    version = fields.Integer(required=True)
    result = fields.List(fields.Nested(PermitSummarySchema), required=True)


class RequirementSchema(Schema):
    __component_name__ = "Requirement"
    key = text()
    name = text()
    description = maybe_text()
    required = fields.Boolean(required=True)
    formats = fields.List(fields.String(), required=True)
    max_mb = fields.Float(required=True, allow_none=True)
    template_url = maybe_text()


class RequirementGroupSchema(Schema):
    __component_name__ = "RequirementGroup"
    application_type = text()
    name = text()
    requirements = fields.List(fields.Nested(RequirementSchema), required=True)


class RoutingStepSchema(Schema):
    __component_name__ = "RoutingStep"
    number = fields.Integer(required=True)
    key = text()
    name = text()
    role = text()
    agencies = fields.List(fields.String(), required=True,
                           metadata={"description": "Kode instansi; @permit = instansi izin"})
    parallel = fields.Boolean(required=True)
    sla_days = fields.Integer(required=True, allow_none=True)
    actions = fields.Dict(keys=fields.String(), values=fields.String(), required=True,
                          metadata={"description": "tindakan -> tahap tujuan, @applicant "
                                                   "(revisi), @rejected atau @issued"})
    who = text(metadata={"description": "Siapa yang memproses, dalam kata-kata"})
    outcomes = fields.List(fields.String(), required=True)


class RoutingSchema(Schema):
    __component_name__ = "Routing"
    code = text()
    name = text()
    description = maybe_text()
    steps = fields.List(fields.Nested(RoutingStepSchema), required=True)


class PermitDetailSchema(PermitSummarySchema):
    __component_name__ = "PermitDetail"
    version = fields.Integer(required=True)
    description = maybe_text()
    legal_basis = fields.List(fields.String(), required=True)
    revision_deadline_days = fields.Integer(required=True)
    requirements = fields.List(fields.Nested(RequirementGroupSchema), required=True)
    routing = fields.Nested(RoutingSchema, required=True, allow_none=True)
    form = fields.Dict(required=True, metadata={
        "description": "Definisi formulir detail izin (forms_schema): sections -> fields"})


class AgencySchema(Schema):
    __component_name__ = "Agency"
    code = text()
    name = text()
    name_en = maybe_text()
    kind = maybe_text()
    address = maybe_text()
    head_title = maybe_text()
    permits = fields.Integer(required=True, metadata={"description": "Jumlah jenis izin"})


class AgencyListSchema(Schema):
    __component_name__ = "AgencyList"
    version = fields.Integer(required=True)
    result = fields.List(fields.Nested(AgencySchema), required=True)


class RoutingListSchema(Schema):
    __component_name__ = "RoutingList"
    version = fields.Integer(required=True)
    result = fields.List(fields.Nested(RoutingSchema), required=True)
