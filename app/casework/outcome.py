"""What a staff member is told after acting: one message for the screen and the API, in the
reader's language (Indonesian for the API, which has no language choice)."""

from __future__ import annotations

from flask_babel import gettext as _

from .. import i18n
from ..services import resi as resi_codes
from ..services import timeline
from ..services.transitions import Outcome
from ..templating import tanggal_lokal


def outcome_message(done: Outcome) -> str:
    application, outcome = done.application, done.outcome
    resi = resi_codes.display(done.resi)  # read before the commit (Outcome)
    if outcome == "moved":
        return _("Permohonan %(resi)s diteruskan ke tahap %(step)s.", resi=resi,
                 step=timeline.step_name(application, application.current_step,
                                                 i18n.locale()))
    if outcome == "returned":
        return _("Permohonan %(resi)s dikembalikan ke tahap %(step)s.", resi=resi,
                 step=timeline.step_name(application, application.current_step,
                                         i18n.locale()))
    if outcome == "waiting":
        return _("Rekomendasi Anda tercatat. Permohonan %(resi)s menunggu %(who)s.", resi=resi,
                 who=", ".join(t.agency_code for t in application.open_tasks))
    if outcome == "revision":
        return _("Permohonan %(resi)s dikembalikan kepada pemohon untuk revisi (batas %(due)s).",
                 resi=resi, due=tanggal_lokal(application.revision_due))
    if outcome == "rejected":
        return _("Permohonan %(resi)s ditolak.", resi=resi)
    if outcome == "issued" and application.permit is not None:
        return _("Izin terbit dengan nomor %(number)s.", number=application.permit.number)
    if outcome == "issued" and application.subject_permit is not None:
        return _("Izin nomor %(number)s telah dicabut.",
                 number=application.subject_permit.number)
    return _("Permohonan %(resi)s telah diproses.", resi=resi)
