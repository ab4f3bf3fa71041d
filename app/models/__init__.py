"""All tables, imported here so Alembic and the app see one complete metadata."""

from flask_appbuilder.security.sqla.models import Role, User  # noqa: F401

from .accounts import ApplicantProfile, StaffProfile, display_name, full_name  # noqa: F401
from .applications import (  # noqa: F401
    Application,
    ApplicationDocument,
    ApplicationEvent,
    ApplicationTask,
    DocumentCheck,
    IssuedPermit,
    NumberSequence,
)
from .audit import AuditEntry  # noqa: F401
from .base import Model, utcnow  # noqa: F401
from .catalogue import CatalogueAsset, CatalogueDraft, CatalogueVersion  # noqa: F401
from .chat import (  # noqa: F401
    ChatCannedReply,
    ChatConversation,
    ChatMessage,
    ChatOfficeHours,
    ChatSetting,
)
from .complaints import (  # noqa: F401
    Complaint,
    ComplaintAttachment,
    ComplaintCategory,
    ComplaintEvent,
    ComplaintMessage,
)
from .files import StoredFile  # noqa: F401
from .inbox import InboxMessage  # noqa: F401
from .outbox import OutboxMessage  # noqa: F401
from .permit_map import PermitMapCell, PermitMapPoint  # noqa: F401
from .portal import (  # noqa: F401
    FaqEntry,
    HelpPage,
    PortalAnnouncement,
    PortalBanner,
    PortalSetting,
)
from .privacy import PrivacyRequest  # noqa: F401
from .reports import ReportCount  # noqa: F401
from .security import (  # noqa: F401
    ApiToken,
    AuthThrottle,
    CaptchaChallenge,
    EmailCode,
    PasswordReset,
    UserSession,
)
from .survey import (  # noqa: F401
    SurveyPublication,
    SurveyResponse,
    SurveyTally,
    SurveyVersion,
)
