"""The case file: what a staff member sees of an application and may do with it.

One module for the grid, the detail screen and the REST API, so they answer the same:
visibility (`access`), the actions allowed now (`options`), the documents and the verdicts
that count (`documents`). Changing a case is not here: that is the transition engine
(app/services/transitions.py) and the transitions declared in app/services.
"""

from .access import (
    actor_for,
    can_see,
    holds_power,
    is_admin,
    is_office,
    office_agency,
    power_role,
    sees_everything,
    visibility,
)
from .documents import current_verdicts, invalid_documents, requirement_names, verdict_round
from .options import ActionOption, action_label, options

__all__ = [
    "ActionOption", "action_label", "actor_for", "can_see", "current_verdicts", "holds_power",
    "invalid_documents", "is_admin", "is_office", "office_agency", "options", "power_role",
    "requirement_names", "sees_everything", "verdict_round", "visibility",
]
