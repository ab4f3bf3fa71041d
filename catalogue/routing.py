"""Moving an application through a routing, as pure functions of (definition, state, actor).

The back office, the API and tests all ask the same two questions here — "what may this
person do now?" and "what happens if they do it?" — so the rules live in one place and the
routing itself stays data. `@permit` stands for the permit's own agency (its Dinas); a step
with `agencies` fans out to one task per agency and joins when all of them have agreed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .marked import N_
from .model import PERMIT_AGENCY

APPLICANT = "@applicant"
ISSUED = "@issued"
REJECTED = "@rejected"
FINISHED = (ISSUED, REJECTED)
# Targets that settle a parallel step at once, whatever the other agencies would say.
IMMEDIATE = (APPLICANT, REJECTED)


# Marked templates: the CLI, the API and records read them in Indonesian, the console in its
# reader's language (catalogue.marked).
MSG_UNKNOWN_STEP = N_("Langkah '{key}' tidak ada pada alur '{code}'.")
MSG_PERMIT_AGENCY_UNKNOWN = N_("Instansi pemilik izin (@permit) belum diketahui.")
MSG_NO_STEPS = N_("Alur '{code}' tidak memiliki langkah.")
MSG_FINISHED = N_("Permohonan sudah selesai diproses; tidak ada tindakan lagi.")
MSG_AWAITING_APPLICANT = N_("Permohonan sedang dikembalikan ke pemohon untuk perbaikan.")
MSG_ACTION_NOT_ALLOWED = N_("Tindakan '{action}' tidak tersedia pada langkah {step}. "
                            "Pilihan: {choices}.")
MSG_WRONG_ROLE = N_("Langkah {step} dikerjakan oleh peran {role}, bukan {actor}.")
MSG_WRONG_AGENCY = N_("Langkah {step} dikerjakan oleh {agencies}, bukan {agency}.")
MSG_ALREADY_ACTED = N_("{agency} sudah memberikan keputusan pada langkah {step}.")
MSG_NOT_AWAITING = N_("Permohonan tidak sedang menunggu perbaikan dari pemohon.")


class RoutingError(Exception):
    """Base of every refusal; `str(error)` is a message for the user in Bahasa Indonesia."""


class AlreadyFinished(RoutingError):
    pass


class AwaitingApplicant(RoutingError):
    pass


class NotAwaitingApplicant(RoutingError):
    pass


class UnknownStep(RoutingError):
    pass


class ActionNotAllowed(RoutingError):
    pass


class WrongRole(RoutingError):
    pass


class WrongAgency(RoutingError):
    pass


class AlreadyActed(WrongAgency):
    pass


@dataclass(frozen=True)
class RoutingState:
    """Where an application is; JSON-serialisable so it can be stored next to it.

    `pending` lists the agencies that still have to act on the current step (one for a plain
    step); `decisions` records who already acted on a parallel step; `returned_from` is the
    step that sent the application back to the applicant.
    """

    step: str
    pending: tuple[str, ...] = ()
    permit_agency: str | None = None
    returned_from: str | None = None
    decisions: tuple[tuple[str, str], ...] = ()

    @property
    def finished(self) -> bool:
        return self.step in FINISHED

    @property
    def awaiting_applicant(self) -> bool:
        return self.step == APPLICANT

    def to_dict(self) -> dict:
        return {
            "step": self.step,
            "pending": list(self.pending),
            "permit_agency": self.permit_agency,
            "returned_from": self.returned_from,
            "decisions": [list(d) for d in self.decisions],
        }

    @classmethod
    def from_dict(cls, data: dict) -> RoutingState:
        return cls(
            step=data["step"],
            pending=tuple(data.get("pending") or ()),
            permit_agency=data.get("permit_agency"),
            returned_from=data.get("returned_from"),
            decisions=tuple((a, b) for a, b in data.get("decisions") or ()),
        )


@dataclass(frozen=True)
class Transition:
    state: RoutingState
    previous: RoutingState
    step: str
    action: str
    target: str
    role: str
    agency: str
    completed: bool = True
    waiting_for: tuple[str, ...] = field(default=())

    @property
    def outcome(self) -> str:
        """moved | waiting | revision | issued | rejected — for notifications and history."""
        if not self.completed:
            return "waiting"
        return {APPLICANT: "revision", ISSUED: "issued", REJECTED: "rejected"}.get(
            self.state.step, "moved")


@dataclass(frozen=True)
class Task:
    step: str
    role: str
    agency: str


def _steps(routing: dict) -> list[dict]:
    return [s for s in routing.get("steps", []) if isinstance(s, dict)]


def leads_back(routing: dict, step: str, target: str) -> bool:
    """Whether an action from `step` to the step `target` sends the case back: the target is
    no further from the routing's first step than `step` is (fewest actions on the way; the
    signer's "back to verification" goes from the third step to the first)."""
    depth = _depths(routing)
    return target in depth and step in depth and depth[target] <= depth[step]


def _depths(routing: dict) -> dict[str, int]:
    """Each step's distance from the first step, counting actions (breadth first)."""
    steps = {s.get("key"): s for s in _steps(routing)}
    if not steps:
        return {}
    first = next(iter(steps))
    depth, todo = {first: 0}, [first]
    for key in todo:  # todo grows while it is read: breadth first
        for target in (steps[key].get("actions") or {}).values():
            if target in steps and target not in depth:
                depth[target] = depth[key] + 1
                todo.append(target)
    return depth


def find_step(routing: dict, key: str) -> dict:
    for step in _steps(routing):
        if step.get("key") == key:
            return step
    raise UnknownStep(MSG_UNKNOWN_STEP.format(key=key, code=routing.get('code', '?')))


def resolve_agency(code: str, permit_agency: str | None) -> str:
    if code == PERMIT_AGENCY:
        if not permit_agency:
            raise WrongAgency(MSG_PERMIT_AGENCY_UNKNOWN)
        return permit_agency
    return code


def step_agencies(step: dict, permit_agency: str | None) -> tuple[str, ...]:
    codes = step.get("agencies") or [step.get("agency", PERMIT_AGENCY)]
    resolved: list[str] = []
    for code in codes:
        agency = resolve_agency(code, permit_agency)
        if agency not in resolved:
            resolved.append(agency)
    return tuple(resolved)


def is_parallel(step: dict) -> bool:
    return "agencies" in step


def _enter(routing: dict, target: str, permit_agency: str | None,
           returned_from: str | None = None) -> RoutingState:
    if target == APPLICANT:
        return RoutingState(APPLICANT, (), permit_agency, returned_from)
    if target in FINISHED:
        return RoutingState(target, (), permit_agency)
    step = find_step(routing, target)
    return RoutingState(target, step_agencies(step, permit_agency), permit_agency)


def start(routing: dict, permit_agency: str) -> RoutingState:
    steps = _steps(routing)
    if not steps:
        raise UnknownStep(MSG_NO_STEPS.format(code=routing.get('code', '?')))
    return _enter(routing, steps[0]["key"], permit_agency)


def pending_tasks(routing: dict, state: RoutingState) -> list[Task]:
    """One task per agency still expected to act (a parallel step yields several)."""
    if state.finished or state.awaiting_applicant:
        return []
    step = find_step(routing, state.step)
    return [Task(state.step, step.get("role", ""), agency) for agency in state.pending]


def allowed_actions(routing: dict, state: RoutingState, role: str, agency: str) -> list[str]:
    if state.finished or state.awaiting_applicant:
        return []
    step = find_step(routing, state.step)
    if role != step.get("role") or agency not in state.pending:
        return []
    return list(step.get("actions", {}))


def transition(routing: dict, state: RoutingState, role: str, agency: str, action: str, *,
               permit_agency: str | None = None) -> Transition:
    permit_agency = permit_agency or state.permit_agency
    if state.finished:
        raise AlreadyFinished(MSG_FINISHED)
    if state.awaiting_applicant:
        raise AwaitingApplicant(MSG_AWAITING_APPLICANT)
    step = find_step(routing, state.step)
    actions = step.get("actions", {})
    name = step.get("name", {}).get("id", state.step)
    if action not in actions:
        raise ActionNotAllowed(MSG_ACTION_NOT_ALLOWED.format(
            action=action, step=name, choices=", ".join(actions) or "-"))
    if role != step.get("role"):
        raise WrongRole(MSG_WRONG_ROLE.format(step=name, role=step.get('role'), actor=role))
    agencies = step_agencies(step, permit_agency)
    if agency not in agencies:
        raise WrongAgency(MSG_WRONG_AGENCY.format(
            step=name, agencies=", ".join(agencies), agency=agency))
    if agency not in state.pending:
        raise AlreadyActed(MSG_ALREADY_ACTED.format(agency=agency, step=name))
    target = actions[action]
    pending = tuple(a for a in state.pending if a != agency)
    if is_parallel(step) and target not in IMMEDIATE and pending:
        new = RoutingState(state.step, pending, permit_agency, None,
                           state.decisions + ((agency, action),))
        return Transition(new, state, state.step, action, target, role, agency,
                          completed=False, waiting_for=pending)
    new = _enter(routing, target, permit_agency, returned_from=state.step)
    return Transition(new, state, state.step, action, target, role, agency)


def resubmit(routing: dict, state: RoutingState) -> RoutingState:
    """The applicant sends the revised application back to the step that returned it."""
    if not state.awaiting_applicant:
        raise NotAwaitingApplicant(MSG_NOT_AWAITING)
    target = state.returned_from or _steps(routing)[0]["key"]
    return _enter(routing, target, state.permit_agency)


def describe(state: RoutingState, routing: dict) -> dict[str, Any]:
    """A small JSON summary for status pages: step name and who it is waiting for."""
    labels = {APPLICANT: "Perbaikan oleh pemohon", ISSUED: "Izin terbit", REJECTED: "Ditolak"}
    if state.step in labels:
        return {"step": state.step, "name": labels[state.step], "waiting_for": []}
    step = find_step(routing, state.step)
    return {"step": state.step, "name": step.get("name", {}).get("id", state.step),
            "role": step.get("role"), "waiting_for": list(state.pending)}
