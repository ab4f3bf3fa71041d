"""All tables, imported here so Alembic and the app see one complete metadata."""

from flask_appbuilder.security.sqla.models import Role, User  # noqa: F401

from .accounts import ApplicantProfile, StaffProfile  # noqa: F401
from .base import Model, utcnow  # noqa: F401
from .catalogue import CatalogueAsset, CatalogueDraft, CatalogueVersion  # noqa: F401
from .outbox import OutboxMessage  # noqa: F401
from .security import EmailCode, LoginThrottle, PasswordReset, UserSession  # noqa: F401
