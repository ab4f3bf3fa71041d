"""Step 1 for an application type that acts on an issued permit (its effect is renewal,
amendment or revocation): the applicant picks which of their permits, from those
`services.subjects` says qualify. The wizard's other steps start from that permit's answers
(`applications.start_draft`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import gettext as _
from wtforms.fields.choices import SelectChoice

import catalogue as cat_lib

from ..account.forms import choices
from ..services import subjects
from ..templating import tanggal_lokal


@dataclass(frozen=True)
class SubjectOffer:
    effect: str
    permits: list  # IssuedPermit, newest first
    # a renewal's permits whose renewal window has not opened yet, shown but not choosable,
    # with the day it opens (IssuedPermit, date)
    waiting: list = field(default_factory=list)


def offer(form, cat: cat_lib.Catalogue, picked, user_id: int) -> SubjectOffer | None:
    """Fills the form's `subject` choices; None when the chosen type issues a new permit."""
    if picked is None or not subjects.needs_subject(cat, picked.application_type):
        form.subject.choices = []
        return None
    effect = cat.effect(picked.application_type)
    code = picked.permit["code"]
    found = subjects.candidates(user_id, code, effect, subjects.window(cat, code, effect))
    form.subject.choices = choices((str(p.id), _label(p)) for p in found.eligible) + [
        SelectChoice(str(p.id), _waiting_label(p, found.opens[p.id]), {"disabled": True})
        for p in found.waiting]
    return SubjectOffer(effect, found.eligible,
                        [(p, found.opens[p.id]) for p in found.waiting])


def _label(permit) -> str:
    if permit.valid_until is None:
        return _("%(number)s (tanpa batas waktu)", number=permit.number)
    return _("%(number)s (berlaku s.d. %(date)s)", number=permit.number,
             date=tanggal_lokal(permit.valid_until))


def _waiting_label(permit, opens) -> str:
    return _("%(number)s (dapat diperpanjang mulai %(date)s)", number=permit.number,
             date=tanggal_lokal(opens))
