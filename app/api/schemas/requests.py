"""What requests may carry: query arguments and the action body."""

from __future__ import annotations

from marshmallow import EXCLUDE, RAISE, Schema, fields

from forms_schema import messages

from ...models import applications as states
from ...services.review import NOTE_MAX
from .base import (
    BOOLEAN,
    INTEGER,
    OBJECT,
    TEXT,
    length,
    value_range,
)


# requests -----------------------------------------------------------------------------------
class Args(Schema):
    class Meta:
        unknown = EXCLUDE


class PageArgsSchema(Args):
    page = fields.Integer(load_default=1, validate=value_range(1, 1_000_000),
                          error_messages=INTEGER,
                          metadata={"description": "Nomor halaman, mulai dari 1."})
    per_page = fields.Integer(load_default=20, validate=value_range(1, 100), error_messages=INTEGER,
                              metadata={"description": "Jumlah baris per halaman (1-100)."})


class PermitListArgsSchema(PageArgsSchema):
    q = fields.String(load_default="", validate=length(100), error_messages=TEXT)
    instansi = fields.String(load_default="", validate=length(32), error_messages=TEXT)
    bidang = fields.String(load_default="", validate=length(32), error_messages=TEXT)


SEARCHABLE_STATUSES = [s for s in states.STATUSES if s != states.DRAFT]


class ApplicationListArgsSchema(PageArgsSchema):
    q = fields.String(load_default="", validate=length(100), error_messages=TEXT)
    # which statuses exist is checked with every other filter code (api.filters.known)
    status = fields.String(load_default="", validate=length(32), error_messages=TEXT)


UNKNOWN = {"unknown": messages.UNKNOWN_FIELD, "type": messages.NOT_OBJECT}


class DocumentVerdictSchema(Schema):
    __component_name__ = "DocumentVerdict"
    error_messages = UNKNOWN

    class Meta:
        unknown = RAISE

    valid = fields.Boolean(required=True, error_messages=BOOLEAN,
                           metadata={"description": "true = dokumen sah, false = tidak sah"})
    note = fields.String(load_default="", validate=length(2000), error_messages=TEXT)


class ActionRequestSchema(Schema):
    __component_name__ = "ActionRequest"
    error_messages = UNKNOWN

    class Meta:
        unknown = RAISE

    action = fields.String(required=True, validate=length(64, 1), error_messages=TEXT,
                           metadata={"description": "Salah satu `options[].action` dari detail "
                                                    "permohonan, mis. lanjut, revisi, tolak."})
    note = fields.String(load_default="", validate=length(NOTE_MAX), error_messages=TEXT,
                         metadata={"description": "Catatan; wajib untuk penolakan, dan untuk "
                                                  "revisi bila tidak ada dokumen yang ditandai "
                                                  "tidak sah."})
    documents = fields.Dict(
        keys=fields.String(validate=length(64, 1)), values=fields.Nested(DocumentVerdictSchema),
        load_default=dict, error_messages=OBJECT,
        metadata={"description": "Penilaian per persyaratan: kunci persyaratan -> {valid, note}"})
    lock_version = fields.Integer(
        required=True, strict=True, validate=value_range(0, 2_000_000_000), error_messages=INTEGER,
        metadata={"description": "`lock_version` dari detail yang Anda baca; bila permohonan "
                                 "sudah berubah sejak itu, jawabannya 409."})
