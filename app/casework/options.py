"""What a staff member may do on a case now: exactly the actions the current routing step
allows one of their roles in their agency, named as the pinned catalogue names them."""

from __future__ import annotations

from dataclasses import dataclass

from catalogue import routing as routing_lib

from ..i18n import in_locale
from ..models import Application
from ..models import applications as states
from ..services import applications as apps
from ..services import tasks
from ..services.transitions import Actor

KIND_BY_TARGET = {routing_lib.APPLICANT: "revision", routing_lib.REJECTED: "reject",
                  routing_lib.ISSUED: "issue"}


@dataclass(frozen=True)
class ActionOption:
    action: str
    label: str
    kind: str  # forward | back | revision | reject | issue
    role: str
    target: str


def action_label(application: Application, action: str) -> str:
    return in_locale(apps.catalogue_for(application).action_name(action))


def options(application: Application, actor: Actor) -> list[ActionOption]:
    """Exactly the actions the current step allows this person; empty when none."""
    if application.status != states.IN_PROCESS or not application.routing_state \
            or actor.agency is None:
        return []
    cat = apps.catalogue_for(application)
    routing = tasks.routing_of(cat, cat.permit(application.permit_code))
    state = routing_lib.RoutingState.from_dict(application.routing_state)
    found = []
    for role in actor.roles:
        allowed = routing_lib.allowed_actions(routing, state, role, actor.agency)
        step = routing_lib.find_step(routing, state.step) if allowed else {}
        for action in allowed:
            target = step["actions"][action]
            found.append(ActionOption(action, in_locale(cat.action_name(action)),
                                      kind_of(routing, state.step, target), role, target))
    return found


def kind_of(routing: dict, step: str, target: str) -> str:
    """What an action does, read from where it leads: to the applicant, a rejection, the
    permit, onwards (forward) or back to a step no further along the routing (the signer
    sending it back to verification): a return needs its reason, as a rejection does."""
    if target in KIND_BY_TARGET:
        return KIND_BY_TARGET[target]
    return "back" if routing_lib.leads_back(routing, step, target) else "forward"
