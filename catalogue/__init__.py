"""The E-PTSP permit catalogue: permits, requirements, forms and routings as data.

Pure Python (no Flask): load and validate the catalogue from JSON or Excel, export it back
losslessly, compare versions, number documents, count working days and move applications
through their routing. Adding a permit type is a data change, never a code change.
"""

from .diff import CatalogueDiff, Changes, LookupChange, PermitChange, diff
from .folder import dump_folder, load_folder, read_folder, validate_folder
from .issues import CatalogueError, CatalogueIssue, SourceMap
from .model import (
    AMENDMENT,
    DEFAULT_ACTIONS,
    DEFAULT_APPLICATION_TYPES,
    DEFAULT_ROLES,
    EFFECTS,
    NEW,
    ON_ISSUED_PERMIT,
    PERMIT_AGENCY,
    RENEWAL,
    REVOCATION,
    Catalogue,
    RenewalWindow,
    lookup_rows,
    renewal_window,
    requirements_for,
    revision_deadline_days,
    validity_for,
)
from .numbering import NumberFormatError, format_number, validate_format
from .routing import (
    ActionNotAllowed,
    AlreadyActed,
    AlreadyFinished,
    AwaitingApplicant,
    NotAwaitingApplicant,
    RoutingError,
    RoutingState,
    Task,
    Transition,
    UnknownStep,
    WrongAgency,
    WrongRole,
    allowed_actions,
    pending_tasks,
    resubmit,
    start,
    transition,
)
from .validation import validate
from .workbook_read import load_xlsx, read_workbook, read_xlsx, validate_xlsx
from .workbook_write import dump_xlsx, write_template
from .workdays import add_working_days, is_working_day, working_days_between

DEFINITIONS = __path__[0] + "/definitions"

__all__ = [
    "AMENDMENT", "EFFECTS", "NEW", "ON_ISSUED_PERMIT", "RENEWAL", "REVOCATION", "validity_for",
    "RenewalWindow", "renewal_window",
    "DEFAULT_ACTIONS", "DEFAULT_APPLICATION_TYPES", "DEFAULT_ROLES", "DEFINITIONS", "PERMIT_AGENCY",
    "ActionNotAllowed", "AlreadyActed", "AlreadyFinished", "AwaitingApplicant", "Catalogue",
    "CatalogueDiff", "CatalogueError", "CatalogueIssue", "Changes", "LookupChange",
    "NotAwaitingApplicant", "NumberFormatError", "PermitChange", "RoutingError", "RoutingState",
    "SourceMap", "Task", "Transition", "UnknownStep", "WrongAgency", "WrongRole",
    "add_working_days", "allowed_actions", "diff", "dump_folder", "dump_xlsx", "format_number",
    "is_working_day", "load_folder", "load_xlsx", "lookup_rows", "pending_tasks", "read_folder",
    "read_workbook", "read_xlsx", "requirements_for", "resubmit", "revision_deadline_days", "start",
    "transition", "validate", "validate_folder",
    "validate_format", "validate_xlsx", "working_days_between", "write_template",
]
