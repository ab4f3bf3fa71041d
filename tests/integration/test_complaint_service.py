"""The complaint service against a real database and the real SMTP server: filing as an
applicant and as a visitor, the transition table and its events, notices in Inbox and e-mail,
internal notes kept from the complainant, SLA with a holiday, the reopen window and rating."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.complaints import service, sla, status, tickets
from app.complaints.status import Who
from app.extensions import db
from app.models import Complaint, InboxMessage, utcnow
from tests.complaint_helpers import (
    attachment,
    file_applicant,
    file_visitor,
    helpdesk,
    seed_categories,
)
from tests.helpers import deliver, make_applicant, make_submitted, publish_catalogue


@pytest.fixture(autouse=True)
def _categories(app):
    seed_categories(app)


def test_a_visitor_files_and_gets_a_ticket_by_email(app, mailbox):
    complaint = file_visitor(app)
    assert complaint.status == status.NEW
    assert tickets.normalise(complaint.ticket.lower().replace("-", " ")) == complaint.ticket
    assert [e.action for e in complaint.events] == ["file"]
    deliver(app)
    mail = mailbox.to("tamu@contoh.id")
    assert len(mail) == 1 and complaint.ticket in mail[0].get_payload(decode=True).decode()
    assert db.session.query(InboxMessage).count() == 0  # a visitor has no Inbox


def test_visitor_access_needs_the_ticket_and_the_contact(app):
    complaint = file_visitor(app)
    assert tickets.for_visitor(complaint.ticket, "TAMU@contoh.id").id == complaint.id
    assert tickets.for_visitor(complaint.ticket, "+62 812-9876-5432").id == complaint.id
    for ticket, contact in ((complaint.ticket, "lain@contoh.id"), (complaint.ticket, ""),
                            ("ADU-AAAA-BBBB-CCCC", "tamu@contoh.id")):
        with pytest.raises(tickets.ComplaintNotFound):
            tickets.for_visitor(ticket, contact)


def test_an_applicant_links_only_their_own_application(app):
    publish_catalogue(app)
    owner, _ = make_applicant(app)
    other, _ = make_applicant(app)
    application = make_submitted(app, owner)
    complaint = file_applicant(app, owner, resi=application.resi)
    assert complaint.application_id == application.id and complaint.email == owner.email
    with pytest.raises(service.ComplaintRefused):
        file_applicant(app, other, resi=application.resi)
    assert tickets.for_applicant(owner.id, complaint.ticket).id == complaint.id
    with pytest.raises(tickets.ComplaintNotFound):
        tickets.for_applicant(other.id, complaint.ticket)


def test_reply_note_and_close_reach_the_complainant_but_notes_do_not(app, mailbox):
    user, _ = make_applicant(app)
    complaint = file_applicant(app, user)
    staff, who = helpdesk(app)
    service.assign(complaint, staff, who)
    assert complaint.status == status.IN_PROGRESS and complaint.assignee_id == staff.id
    service.note(complaint, "Cek log server dulu.", who)
    service.reply(complaint, "Mohon kirim tangkapan layar.", who, then=status.WAITING)
    assert complaint.status == status.WAITING and complaint.first_answer_at is not None
    service.respond(complaint, "Sudah saya lampirkan.", Who.of(user), upload=attachment())
    assert complaint.status == status.IN_PROGRESS and len(complaint.attachments) == 1
    service.reply(complaint, "Sudah kami perbaiki.", who, then=status.DONE)
    assert complaint.status == status.DONE and complaint.closed_at is not None
    assert [e.to_status for e in complaint.events] == [
        "baru", "diproses", "menunggu", "diproses", "selesai"]
    seen = [m.body for m in service.visible_thread(complaint, staff=False)]
    assert "Cek log server dulu." not in seen and "Sudah kami perbaiki." in seen
    inbox = [m.subject for m in db.session.query(InboxMessage).filter_by(user_id=user.id)]
    assert inbox == ["Pengaduan diterima", "Balasan pengaduan", "Pengaduan selesai"]
    deliver(app)
    bodies = [m.get_payload(decode=True).decode() for m in mailbox.to(user.email)
              if "engaduan" in m["Subject"]]
    assert len(bodies) == 3 and not any("Cek log server" in b for b in bodies)
    assert "Mohon kirim tangkapan layar." in bodies[1]


def test_the_transition_table_refuses_what_it_does_not_list(app):
    complaint = file_visitor(app)
    _staff, who = helpdesk(app)
    with pytest.raises(status.NotAllowed):
        service.rate(complaint, 5, Who(None, "Budi Tamu"))
    service.close(complaint, who)
    with pytest.raises(status.NotAllowed):
        service.close(complaint, who)
    with pytest.raises(status.NotAllowed):  # a refused reply leaves no trace in the thread
        service.reply(complaint, "Terlambat.", who)
    db.session.rollback()
    assert db.session.get(Complaint, complaint.id).messages == []
    with pytest.raises(service.ComplaintRefused):
        service.rate(complaint, 6, Who(None, "Budi Tamu"))
    service.rate(complaint, 4, Who(None, "Budi Tamu"))
    assert db.session.get(Complaint, complaint.id).rating == 4


def test_reopen_only_within_the_configured_days(app):
    app.config["COMPLAINT_REOPEN_DAYS"] = 3
    complaint = file_visitor(app)
    _staff, who = helpdesk(app)
    service.close(complaint, who)
    complaint.closed_at = utcnow() - timedelta(days=3, hours=1)
    db.session.commit()
    with pytest.raises(service.ComplaintRefused, match="3 hari"):
        service.reopen(complaint, "Masih gagal.", Who(None, "Budi Tamu"))
    complaint.closed_at = utcnow() - timedelta(days=2)
    db.session.commit()
    service.reopen(complaint, "Masih gagal.", Who(None, "Budi Tamu"))
    assert complaint.status == status.IN_PROGRESS and complaint.closed_at is None


def test_sla_skips_the_catalogues_holidays_and_closed_is_never_overdue(app):
    publish_catalogue(app)
    from app.services import catalogue_store

    holidays = sorted(catalogue_store.current().holiday_dates())
    # a holiday between two working days (Tuesday to Thursday)
    holiday = next(d for d in holidays if 1 <= d.weekday() <= 3 and not any(
        d + timedelta(days=k) in holidays for k in (-1, 1)))
    before, after = holiday - timedelta(days=1), holiday + timedelta(days=1)
    # one working day after `before` is not the holiday but the day after it
    assert sla.due_date(before, 1) == after
    monday = before
    complaint = file_visitor(app)
    complaint.due_on = monday
    db.session.commit()
    assert sla.is_overdue(complaint, today=monday + timedelta(days=1))
    assert not sla.is_overdue(complaint, today=monday)
    complaint.status = status.DONE  # a closed complaint is never overdue
    assert not sla.is_overdue(complaint, today=date(2100, 1, 1))


def test_the_filing_mail_writes_the_deadline_as_the_other_mails_do(app, mailbox):
    """"9 Desember 2026", as every other e-mail writes a date, not "09-12-2026"."""
    from forms_schema import long_date

    user, _ = make_applicant(app)
    complaint = file_applicant(app, user)
    deliver(app)
    body = next(m.get_payload(decode=True).decode() for m in mailbox.to(user.email)
                if "Pengaduan diterima" in m["Subject"])
    assert f"paling lambat {long_date(complaint.due_on, 'id')}." in body
    assert f"{complaint.due_on:%d-%m-%Y}" not in body
