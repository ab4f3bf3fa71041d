"""Revision deadlines: expiry (service, CLI, worker) and reopening by authorised staff."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from app import casework
from app.extensions import db
from app.models import ApplicationEvent, InboxMessage
from app.notify import worker
from app.services import applications as apps
from app.services import calendar, expiry, review, workflow
from forms_schema import long_date
from tests.backoffice_helpers import detail, lock_version, page_text, staff_client
from tests.helpers import csrf_from, make_applicant, make_staff, make_submitted

pytestmark = pytest.mark.usefixtures("catalogue")


def returned(app, person, due_in_days: int):
    """An application sent back for revision whose deadline is `due_in_days` from today."""
    application = make_submitted(app, person, "SIP-DOKTER")
    review.act(application, casework.actor_for(make_staff(app, "Verifikator")), "revisi",
               note="Lengkapi STR")
    application.revision_due = calendar.today() + timedelta(days=due_in_days)
    db.session.commit()
    return application


def test_revisions_past_their_deadline_expire_and_the_applicant_is_told(app):
    person, _ = make_applicant(app)
    late = returned(app, person, -1)
    due_today = returned(app, person, 0)
    running = make_submitted(app, person, "SIUP-PERIKANAN")
    before = running.lock_version
    assert expiry.expire_overdue(calendar.today()) == 1
    db.session.expire_all()
    assert late.status == "expired" and due_today.status == "revision"
    assert running.status == "in_process" and running.lock_version == before
    event = db.session.scalar(select(ApplicationEvent).where(
        ApplicationEvent.application_id == late.id).order_by(ApplicationEvent.id.desc()))
    assert event.kind == "expired" and event.from_status == "revision"
    assert event.actor_name.startswith("Sistem")
    # the history writes the date as the mails do (it read "06-12-2026")
    assert event.note == f"Batas waktu revisi {long_date(late.revision_due, 'id')} terlewati " \
        "tanpa revisi."
    inbox = db.session.scalar(select(InboxMessage).where(InboxMessage.application_id == late.id)
                              .order_by(InboxMessage.id.desc()))
    assert inbox.subject == "Batas waktu revisi terlewati" and "Kedaluwarsa" in inbox.body
    assert expiry.expire_overdue(calendar.today()) == 0  # idempotent
    with pytest.raises(apps.NotAllowed):
        workflow.resubmit(late, person)


def test_cli_expires_as_of_a_given_date(app, runner):
    person, _ = make_applicant(app)
    application = returned(app, person, 3)
    result = runner.invoke(args=["workflow", "expire"])
    assert result.exit_code == 0 and "0 permohonan kedaluwarsa" in result.output
    later = (calendar.today() + timedelta(days=4)).isoformat()
    result = runner.invoke(args=["workflow", "expire", "--tanggal", later])
    assert result.exit_code == 0 and "1 permohonan kedaluwarsa" in result.output, result.output
    db.session.refresh(application)
    assert application.status == "expired"
    bad = runner.invoke(args=["workflow", "expire", "--tanggal", "31/12/2026"])
    assert bad.exit_code != 0 and "TTTT-BB-HH" in bad.output


def test_the_worker_checks_deadlines_at_most_once_an_hour(app, monkeypatch):
    import threading

    stop = threading.Event()
    passes, expiries = [], []
    clock = iter([0.0, 10.0, 3000.0, 3601.0, 3700.0, 3800.0])
    monkeypatch.setattr(worker.time, "monotonic", lambda: next(clock))
    monkeypatch.setattr(worker.time, "sleep", lambda _s: None)
    monkeypatch.setattr(worker, "_expire_revisions", lambda: expiries.append(len(passes)))

    def one_pass():
        passes.append(1)
        if len(passes) == 4:
            stop.set()
        return 0

    monkeypatch.setattr(worker, "process_due", one_pass)
    worker.run_forever(interval=0, stop=stop)
    assert len(passes) == 4 and expiries == [0, 3]  # the first pass, then an hour later


def test_a_verifikator_reopens_an_expired_application(app):
    person, _ = make_applicant(app)
    application = returned(app, person, -2)
    expiry.expire_overdue(calendar.today())
    office, _ = staff_client(app, "Verifikator", "DPMPTSP", name="Vera Verifikator")
    page = detail(office, application.uid).get_data(as_text=True)
    assert 'id="reopen-form"' in page
    data = {"csrf_token": csrf_from(page), "lock_version": lock_version(page), "days": "0",
            "reopen_note": "Pemohon sakit, diberi tambahan waktu"}
    response = office.post(f"/admin/antrian/{application.uid}/buka-kembali", data=data)
    assert response.status_code == 422
    assert "Batas waktu revisi harus 1 sampai 30 hari kerja." in page_text(response)
    assert "Pemohon sakit, diberi tambahan waktu" in response.get_data(as_text=True)
    data["days"] = "3"
    response = office.post(f"/admin/antrian/{application.uid}/buka-kembali", data=data)
    assert response.status_code == 302
    db.session.refresh(application)
    due = calendar.add_working_days(calendar.today(), 3, apps.catalogue_for(application))
    assert application.status == "revision" and application.revision_due == due
    assert f"sampai {long_date(due)}" in page_text(office.get(response.location))
    event = db.session.scalar(select(ApplicationEvent).order_by(ApplicationEvent.id.desc()))
    assert event.kind == "reopened" and event.actor_name == "Vera Verifikator"
    assert event.note.endswith(f"Batas revisi baru: {long_date(due, 'id')}.")
    inbox = db.session.scalar(select(InboxMessage).order_by(InboxMessage.id.desc()))
    assert inbox.subject == "Permohonan dibuka kembali" and long_date(due, "id") in inbox.body
    assert long_date(due, "en") in inbox.body_en  # each language writes the date its own way
    workflow.resubmit(application, person)  # the applicant can send the revision again
    assert application.uid in office.get("/admin/antrian/").get_data(as_text=True)


@pytest.mark.parametrize(("role", "agency"), [("Tim Teknis", "DINKES"),
                                              ("Penandatangan", "DPMPTSP")])
def test_others_cannot_reopen(app, role, agency):
    person, _ = make_applicant(app)
    application = returned(app, person, -2)
    expiry.expire_overdue(calendar.today())
    staff, _ = staff_client(app, role, agency)
    page = detail(staff, application.uid).get_data(as_text=True)
    assert 'id="reopen-form"' not in page
    response = staff.post(f"/admin/antrian/{application.uid}/buka-kembali", data={
        "csrf_token": csrf_from(page), "lock_version": application.lock_version, "days": "3"})
    assert response.status_code == 422
    assert "Anda tidak berwenang membuka kembali permohonan." in page_text(response)
    db.session.refresh(application)
    assert application.status == "expired"


def test_a_super_admin_may_reopen_and_only_expired_ones(app):
    person, _ = make_applicant(app)
    application = returned(app, person, 2)
    admin = casework.actor_for(make_staff(app, "Super Admin", "DPMPTSP"))
    from app.services.errors import DomainError

    with pytest.raises(DomainError, match="Hanya permohonan yang kedaluwarsa"):
        expiry.reopen(application, admin)
    expiry.expire_overdue(calendar.today() + timedelta(days=10))
    expiry.reopen(application, admin)
    assert application.status == "revision"
    assert application.revision_due == calendar.add_working_days(
        calendar.today(), expiry.default_days(application), apps.catalogue_for(application))
