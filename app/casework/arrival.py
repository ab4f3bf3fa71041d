"""How a case came back to the step it waits at, when it came back rather than forward.

A case returned by a later step (the signer's "Kembalikan ke Verifikasi") or resubmitted
after a revision looks, on the detail screen, exactly like a new one: the reason, or the
documents refused last time, were only in the audit trail at the bottom of the page, and a
busy verifier forwarded it again without reading them. The screen shows this at the top.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .. import i18n
from ..models import Application, ApplicationEvent
from ..models import applications as states
from ..services import timeline


@dataclass(frozen=True)
class RefusedDocument:
    name: str
    note: str
    replaced: bool  # the applicant attached another file after it was refused


@dataclass(frozen=True)
class Arrival:
    kind: str  # returned (by a later step) | resubmitted (after a revision)
    at: datetime  # when it came back
    who: str  # who returned it, or who asked for the revision
    role: str
    agency: str
    from_step: str  # the step that returned it, or that asked for the revision
    note: str
    refused: list[RefusedDocument]
    # `from_step` as the catalogue writes it: the page marks it lang="id" where its reader
    # gets it untranslated (lokal_html)
    from_step_source: object = None


def _outcome(event: ApplicationEvent) -> str:
    return (event.details or {}).get("outcome", "") if event.kind == "action" else ""


def _entering(events: list[ApplicationEvent]) -> ApplicationEvent | None:
    """The event that brought the case to its current step: the latest one, passing over the
    recorded advice of one Dinas in a parallel step (the step has not changed)."""
    return next((e for e in reversed(events) if _outcome(e) != "waiting"), None)


def replaced_since(application: Application, asked: ApplicationEvent | None) -> set[str]:
    """Requirement keys whose file the applicant replaced after `asked` (a revision)."""
    if asked is None:
        return set()
    return {d.requirement_key for d in application.documents
            if d.attached_at and d.attached_at > asked.created_at}


def revision_asked(events: list[ApplicationEvent]) -> ApplicationEvent | None:
    """The latest request for a revision."""
    return next((e for e in reversed(events) if _outcome(e) == "revision"), None)


def arrival(application: Application, events: list[ApplicationEvent],
            names: dict[str, str]) -> Arrival | None:
    """None for a case that came forward (or is not in process)."""
    if application.status != states.IN_PROCESS:
        return None
    entered = _entering(events)
    lang = i18n.locale()
    if entered is not None and _outcome(entered) == "returned":
        return Arrival("returned", entered.created_at, entered.actor_name or "-",
                       entered.actor_role or "", entered.actor_agency or "",
                       timeline.step_name(application, entered.from_step, lang),
                       entered.note or "", [],
                       timeline.step_label(application, entered.from_step))
    if entered is None or entered.kind != "resubmitted":
        return None
    asked = revision_asked(events)
    if asked is None:
        return None
    replaced = replaced_since(application, asked)
    refused = [RefusedDocument(names.get(key, key), verdict.get("note") or "", key in replaced)
               for key, verdict in ((asked.details or {}).get("documents") or {}).items()
               if not verdict.get("valid")]
    return Arrival("resubmitted", entered.created_at, asked.actor_name or "-",
                   asked.actor_role or "", asked.actor_agency or "",
                   timeline.step_name(application, asked.from_step, lang), asked.note or "",
                   refused, timeline.step_label(application, asked.from_step))
