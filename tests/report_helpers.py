"""Applications in every state a report counts, made through the real services (the
transition engine keeps the counters), shared by the report tests and the browser test."""

from __future__ import annotations

from dataclasses import dataclass, field

from app import casework
from app.services import review, workflow
from tests.helpers import all_documents_valid, make_applicant, make_staff, make_submitted

# a permit routed verification -> signature, and one with a Dinas' technical step
DIRECT = "SIUP-PERIKANAN"  # DKP
ADVISED = "SIP-DOKTER"  # DINKES


@dataclass
class Office:
    verifier: object
    signer: object
    made: dict[str, list] = field(default_factory=dict)  # status -> applications


def office_staff(app) -> Office:
    return Office(casework.actor_for(make_staff(app, "Verifikator")),
                  casework.actor_for(make_staff(app, "Penandatangan")))


def issue(office: Office, application) -> None:
    review.act(application, office.verifier, "lanjut", verdicts=all_documents_valid(application))
    review.act(application, office.signer, "terbitkan")


def reject(office: Office, application) -> None:
    review.act(application, office.verifier, "tolak", note="Tidak memenuhi syarat")


def send_back(office: Office, application) -> None:
    review.act(application, office.verifier, "revisi", note="Lengkapi dokumen")


def mixed_applications(app, office: Office, permit: str = DIRECT) -> dict[str, int]:
    """Two issued, one rejected, one cancelled, one in revision, two running: returns how
    many the report should show in each column."""
    person, _ = make_applicant(app)
    made = [make_submitted(app, person, permit) for _ in range(7)]
    issue(office, made[0])
    issue(office, made[1])
    reject(office, made[2])
    workflow.cancel(made[3], person)
    send_back(office, made[4])
    office.made = {"issued": made[:2], "rejected": [made[2]], "cancelled": [made[3]],
                   "revision": [made[4]], "in_process": made[5:]}
    return {"received": 7, "in_process": 3, "issued": 2, "rejected": 1, "cancelled": 1,
            "expired": 0}
