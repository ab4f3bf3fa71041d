"""Who may see a case and who holds the office's powers.

The same rule answers for one application (`can_see`, used by the detail screen and the API)
and for a list (`visibility`, the same rule as a WHERE clause, used by the grids and the API's
queue), so a screen and a query never disagree about what a person may open.
"""

from __future__ import annotations

from flask import current_app
from sqlalchemy import exists, false, or_, select

from ..models import Application, ApplicationTask
from ..models import applications as states
from ..services import applications as apps
from ..services.transitions import Actor
from ..services.users import staff_profile_of


def actor_for(user) -> Actor:
    """A staff member as the routing sees them: their roles and the one agency they serve."""
    profile = staff_profile_of(user)
    return Actor(user, tuple(r.name for r in user.roles),
                 profile.agency_code if profile else None)


def office_agency() -> str:
    return current_app.config["OFFICE_AGENCY"]


def is_admin(actor: Actor) -> bool:
    return current_app.config["AUTH_ROLE_ADMIN"] in actor.roles


def is_office(actor: Actor) -> bool:
    return actor.agency is not None and actor.agency == office_agency()


def sees_everything(actor: Actor) -> bool:
    """Staff of the office itself and the administrator read every submitted application."""
    return actor.agency is not None and (is_admin(actor) or is_office(actor))


def can_see(application: Application, actor: Actor) -> bool:
    """Office staff see everything submitted; a Dinas member sees applications of their own
    Dinas or ones that wait (or waited) for their Dinas."""
    if application.status == states.DRAFT or actor.agency is None:
        return False
    if sees_everything(actor) or actor.agency == application.agency_code:
        return True
    return actor.agency in {t.agency_code for t in application.tasks}


def visibility(actor: Actor, *, counting: bool = False):
    """`can_see` as a WHERE clause over submitted applications. A Dinas member's "involved"
    test is a per-row probe when listing in an index's order, and a set (read once) when
    counting."""
    if actor.agency is None:
        return false()
    if sees_everything(actor):
        return Application.submitted_at.is_not(None)
    if counting:
        involved = Application.id.in_(select(ApplicationTask.application_id).where(
            ApplicationTask.agency_code == actor.agency))
    else:
        involved = exists().where(ApplicationTask.application_id == Application.id,
                                  ApplicationTask.agency_code == actor.agency)
    return Application.submitted_at.is_not(None) & or_(
        Application.agency_code == actor.agency, involved)


def holds_power(actor: Actor, power: str, application: Application) -> bool:
    """Reopening and revoking are acts of the office, never of a Dinas: the catalogue names
    the roles holding each power (roles[].powers); the administrator holds them anywhere."""
    if actor.agency is None:
        return False
    holders = apps.catalogue_for(application).roles_with_power(power)
    if not any(role in holders for role in actor.roles):
        return False
    return is_admin(actor) or is_office(actor)


def power_role(actor: Actor, power: str, application: Application) -> str | None:
    """The role the actor uses the power in (the audit trail names it)."""
    holders = apps.catalogue_for(application).roles_with_power(power)
    return next((role for role in actor.roles if role in holders), None)
