"""Marshmallow schemas of the REST API: what requests may carry and what responses contain.

They are registered as OpenAPI components (each view lists the ones it uses) and every
response is dumped through them, so the served document and the answers cannot drift apart.
Validation messages are Indonesian, like the rest of the product.
"""

from .base import (  # noqa: F401
    BOOLEAN,
    INTEGER,
    OBJECT,
    REQUIRED,
    TEXT,
    UtcDateTime,
    length,
    maybe_text,
    text,
    value_range,
)
from .cases import (  # noqa: F401
    ActionOptionSchema,
    ActionResultSchema,
    ApplicantApplicationSchema,
    ApplicationListSchema,
    ApplicationSummarySchema,
    AuditEntrySchema,
    DocumentCheckSchema,
    IssuedPermitSchema,
    QueueItemSchema,
    QueueSchema,
    ReplacementSchema,
    StaffApplicationSchema,
    StaffDocumentSchema,
    StageSchema,
    TimelineEntrySchema,
)
from .catalogue import (  # noqa: F401
    AccountSchema,
    AgencyListSchema,
    AgencySchema,
    CatalogueInfoSchema,
    CodeNameSchema,
    ErrorSchema,
    PagedSchema,
    PermitDetailSchema,
    PermitListSchema,
    PermitSummarySchema,
    RequirementGroupSchema,
    RequirementSchema,
    RoutingListSchema,
    RoutingSchema,
    RoutingStepSchema,
)
from .requests import (  # noqa: F401
    SEARCHABLE_STATUSES,
    UNKNOWN,
    ActionRequestSchema,
    ApplicationListArgsSchema,
    Args,
    DocumentVerdictSchema,
    PageArgsSchema,
    PermitListArgsSchema,
)

COMPONENTS = (
    ErrorSchema, AccountSchema, CodeNameSchema, CatalogueInfoSchema, PermitSummarySchema,
    PermitListSchema, RequirementSchema, RequirementGroupSchema, RoutingStepSchema,
    RoutingSchema, PermitDetailSchema, AgencySchema, AgencyListSchema, RoutingListSchema,
    ApplicationSummarySchema, ApplicationListSchema, TimelineEntrySchema, StageSchema,
    ReplacementSchema, IssuedPermitSchema, ApplicantApplicationSchema, QueueItemSchema, QueueSchema,
    ActionOptionSchema, DocumentCheckSchema, StaffDocumentSchema, AuditEntrySchema,
    StaffApplicationSchema, ActionResultSchema, DocumentVerdictSchema, ActionRequestSchema,
)
