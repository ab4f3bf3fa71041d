"""Monitoring Izin and public tracking: progress through the routing, the step and who holds it
(role and Dinas, never a name), working days used against the SLA (revision time not
counted), the estimate, the timeline, search by resi; only one's own applications."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from app import casework
from app.extensions import db
from app.models import ApplicationEvent
from app.services import review, timeline, workflow
from tests.backoffice_helpers import page_text
from tests.helpers import (
    all_documents_valid,
    login,
    make_applicant,
    make_staff,
    make_submitted,
    walk_routing,
)

pytestmark = pytest.mark.usefixtures("catalogue")


def card(client, resi: str) -> str:
    html = client.get(f"/monitoring?resi={resi}").get_data(as_text=True)
    assert 'class="card shadow-sm mb-3 monitor-card"' in html, html[-2000:]
    return html


def percent(html: str) -> int:
    return int(re.search(r'aria-valuenow="(\d+)"', html).group(1))


def test_monitoring_follows_an_application_through_revision_to_issuance(app, client):
    user, data = make_applicant(app)
    application = make_submitted(app, user, "SIP-DOKTER")  # verifikasi -> rekomendasi -> tte
    assert login(client, data["nik"]).status_code == 302
    html = card(client, application.resi)
    assert percent(html) == 17  # half of the first of three steps
    text = page_text(client.get(f"/monitoring?resi={application.resi}"))
    assert "Tahap saat ini Verifikasi Berkas" in text
    assert "Ditangani oleh Verifikator · Dinas Penanaman Modal dan Pelayanan Terpadu Satu " \
           "Pintu Provinsi Kalimantan Timur" in text
    assert "0 dari 5 hari kerja (SLA)" in text and "Perkiraan selesai" in text

    verifier = make_staff(app, "Verifikator", "DPMPTSP")
    verifier.first_name, verifier.last_name = "Vera", "Wulandari"
    db.session.commit()
    review.act(application, casework.actor_for(verifier), "revisi", note="Ijazah buram.")
    html = card(client, application.resi)
    text = page_text(client.get(f"/monitoring?resi={application.resi}"))
    assert "stepper-returned" in html and "Dikembalikan untuk revisi" in text
    assert "Ditangani oleh Pemohon (perbaikan berkas)" in text and "Batas revisi" in text
    assert "Ijazah buram." in text  # the verifier's note in the timeline
    assert "Wulandari" not in text  # roles and agencies, never names

    workflow.resubmit(application, user)
    walk_routing(app, application, until="tte")
    html = card(client, application.resi)
    assert percent(html) == 83  # two of three done, the third under way
    assert "Tahap saat ini Persetujuan dan Tanda Tangan Elektronik" in page_text(
        client.get(f"/monitoring?resi={application.resi}"))
    walk_routing(app, application)
    html = card(client, application.resi)
    assert percent(html) == 100 and "Selesai — izin terbit" in html


def test_public_tracking_tells_the_same_story_as_monitoring(app, client):
    """The public page reads the application, its events and open tasks in narrow reads of
    its own: after a revision, a resubmission and two forwards it shows the same steps, facts
    and history, in the same order, as the applicant's Monitoring Izin, without the notes."""
    user, data = make_applicant(app)
    application = make_submitted(app, user, "SIP-DOKTER")
    verifier = make_staff(app, "Verifikator", "DPMPTSP")
    review.act(application, casework.actor_for(verifier), "revisi", note="Ijazah buram.")
    workflow.resubmit(application, user)
    walk_routing(app, application, until="tte")
    assert login(client, data["nik"]).status_code == 302
    own = card(client, application.resi)
    public = app.test_client().get(f"/lacak?resi={application.resi}").get_data(as_text=True)

    def shown(html: str, pattern: str) -> list[str]:
        return re.findall(pattern, html, re.S)

    titles = r'<li class="timeline-item timeline-(\w+)">.*?<div class="fw-semibold">([^<]+)<'
    assert len(shown(own, titles)) == 5 and shown(public, titles) == shown(own, titles)
    steps = r'<li class="stepper-item stepper-(\w+)".*?<span class="stepper-name">([^<]+)<'
    assert shown(public, steps) == shown(own, steps)
    facts = r'<dd class="col-sm-7[^"]*" data-fact="(\w+)">(.*?)</dd>'
    assert shown(public, facts) == shown(own, facts)
    assert percent(public) == percent(own) == 83
    assert "Ijazah buram." in own and "Ijazah buram." not in public


def test_public_tracking_names_every_agency_of_a_parallel_step_in_order(app, client):
    """IZOP-RS asks DINKES and DLH at once: the public page names both holders in the order
    their tasks were opened, as Monitoring does, and only DLH once DINKES has advised."""
    user, data = make_applicant(app, kind="badan_usaha")
    application = make_submitted(app, user, "IZOP-RS")
    walk_routing(app, application, until="rekomendasi")
    assert login(client, data["npwp"]).status_code == 302
    holder = r'<dd class="col-sm-7" data-fact="holder">(.*?)</dd>'

    def holders() -> tuple[list[str], list[str]]:
        public = app.test_client().get(f"/lacak?resi={application.resi}")
        return (re.findall(holder, public.get_data(as_text=True)),
                re.findall(holder, card(client, application.resi)))

    public, own = holders()
    assert public == own and len(public) == 1
    assert public[0].split("; ") == [f"Tim Teknis · {name}" for name in (
        "Dinas Kesehatan Provinsi Kalimantan Timur", "Dinas Lingkungan Hidup Provinsi "
        "Kalimantan Timur")], public
    dinkes = make_staff(app, "Tim Teknis", "DINKES")
    review.act(application, casework.actor_for(dinkes), "lanjut",
               verdicts=all_documents_valid(application))
    public, own = holders()
    assert public == own == ["Tim Teknis · Dinas Lingkungan Hidup Provinsi Kalimantan Timur"]


def test_working_days_do_not_count_the_revision(app):
    user, _ = make_applicant(app)
    application = make_submitted(app, user, "SIP-DOKTER")
    verifier = make_staff(app, "Verifikator", "DPMPTSP")
    review.act(application, casework.actor_for(verifier), "revisi", note="Lengkapi STR.")
    workflow.resubmit(application, user)
    # the application was sent 10 days ago, returned 8 days ago and revised 2 days ago
    moments = {"submitted": 10, "action": 8, "resubmitted": 2}
    for event in db.session.scalars(select(ApplicationEvent).where(
            ApplicationEvent.application_id == application.id)):
        days = moments[event.kind]
        db.session.execute(ApplicationEvent.__table__.update().where(
            ApplicationEvent.id == event.id).values(
            created_at=event.created_at - timedelta(days=days)))
    application.submitted_at -= timedelta(days=10)
    db.session.commit()
    db.session.expire_all()
    from app.services import calendar
    from catalogue import working_days_between

    cat = timeline.apps.catalogue_for(application)
    today = calendar.today()
    holidays = sorted(cat.holiday_dates())
    total = working_days_between(today - timedelta(days=10), today, holidays)
    paused = working_days_between(today - timedelta(days=8), today - timedelta(days=2),
                                  holidays)
    assert timeline.progress(application).days_used == total - paused


def test_search_by_resi_finds_only_ones_own_applications(app, client):
    owner, _ = make_applicant(app)
    other, other_data = make_applicant(app)
    mine = make_submitted(app, owner, "SIPA")
    assert login(client, other_data["nik"]).status_code == 302
    page = client.get(f"/monitoring?resi={mine.resi}").get_data(as_text=True)
    assert "Nomor resi tidak ditemukan di antara permohonan Anda" in page
    assert mine.registration_number not in page
    own = make_submitted(app, other, "SIPA")
    listing = page_text(client.get("/monitoring"))
    assert own.registration_number in listing and mine.registration_number not in listing
    assert "Monitoring Izin" in client.get("/dashboard").get_data(as_text=True)
    assert 'href="/monitoring"' in client.get("/dashboard").get_data(as_text=True)


def test_public_tracking_shows_the_same_progress_without_personal_data(app):
    user, data = make_applicant(app)
    application = make_submitted(app, user, "SIP-DOKTER")
    anonymous = app.test_client()
    response = anonymous.get(f"/lacak?resi={application.resi}")
    html = response.get_data(as_text=True)
    assert percent(html) == 17 and "Verifikasi Berkas" in html
    assert "Verifikator · Dinas Penanaman Modal" in page_text(response)
    for private in (data["nik"], data["name"], data["email"], data["phone"]):
        assert private not in html
    home = anonymous.get("/").get_data(as_text=True)
    assert 'action="/lacak"' in home and 'href="/lacak"' in home
