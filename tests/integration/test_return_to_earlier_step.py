"""An action that sends a case back to a step it came through (the signer's "Kembalikan ke
Verifikasi") is a return, not a forward: the page says so, it needs a reason, the history
and the message name it, and the applicant is not told of an internal step. And a later step
that posts the round's verdicts back unchanged is not recorded as having checked them."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Application, ApplicationEvent, InboxMessage
from app.services import timeline
from catalogue import routing as routing_lib
from tests.backoffice_helpers import act, action_buttons, detail, page_text, staff_client
from tests.helpers import make_applicant, make_submitted

pytestmark = pytest.mark.usefixtures("catalogue")


def button(page: str, action: str) -> str:
    return re.search(rf'<button[^>]*value="{action}"[^>]*>', page).group(0)


def at_signing(app):
    """SIP-DOKTER forwarded by the verifier and the technical team: at the signer."""
    person, _ = make_applicant(app)
    application = make_submitted(app, person, "SIP-DOKTER")
    verifikator, _ = staff_client(app, "Verifikator", "DPMPTSP", name="Vera Verifikator")
    dinkes, _ = staff_client(app, "Tim Teknis", "DINKES", name="Teguh Dinkes")
    signer, _ = staff_client(app, "Penandatangan", "DPMPTSP", name="Kepala Dinas")
    assert act(verifikator, application.uid, "lanjut").status_code == 302
    keys = [d.requirement_key for d in application.documents]
    # the team's page shows the verifier's verdicts and the browser posts them back as they are
    assert act(dinkes, application.uid, "lanjut", note="Memenuhi syarat teknis",
               docs={k: ("valid", "") for k in keys}).status_code == 302
    db.session.expire_all()
    return db.session.get(Application, application.id), verifikator, dinkes, signer


def test_the_routing_says_which_targets_lead_back():
    """By distance from the first step: the way back is a cycle too, so "can reach" would
    call every forward a return."""
    routing = {"steps": [{"key": "a", "actions": {"ok": "b"}},
                         {"key": "b", "actions": {"ok": "c", "back": "a"}},
                         {"key": "c", "actions": {"ok": "@issued", "again": "b", "top": "a"}}]}
    assert not routing_lib.leads_back(routing, "a", "b")
    assert not routing_lib.leads_back(routing, "b", "c")
    assert routing_lib.leads_back(routing, "b", "a") and routing_lib.leads_back(routing, "c", "b")
    assert routing_lib.leads_back(routing, "c", "a") and routing_lib.leads_back(routing, "b", "b")
    assert not routing_lib.leads_back(routing, "c", "@issued")


def test_a_return_to_verification_reads_as_a_return_and_needs_a_reason(app):
    application, verifikator, _dinkes, signer = at_signing(app)
    page = detail(signer, application.uid).get_data(as_text=True)
    back, issue = button(page, "kembalikan"), button(page, "terbitkan")
    assert 'data-kind="back"' in back and "btn-outline-warning" in back
    assert "ke tahap sebelumnya" in back and "ke tahap berikutnya" not in back
    assert 'data-kind="issue"' in issue
    inbox_before = db.session.scalar(select(db.func.count()).select_from(InboxMessage))

    refused = act(signer, application.uid, "kembalikan", docs={})
    assert refused.status_code == 422
    assert "alasan mengembalikan permohonan ke tahap sebelumnya" in page_text(refused)
    db.session.expire_all()
    assert db.session.get(Application, application.id).current_step == "tte"

    assert act(signer, application.uid, "kembalikan", note="Nama di SIP salah ketik",
               docs={}).status_code == 302
    flashed = page_text(signer.get("/admin/antrian/"))
    assert "dikembalikan ke tahap Verifikasi Berkas" in flashed and "diteruskan" not in flashed
    db.session.expire_all()
    application = db.session.get(Application, application.id)
    assert application.current_step == "verifikasi" and application.status == "in_process"
    last = db.session.scalar(select(ApplicationEvent).order_by(ApplicationEvent.id.desc()))
    assert last.details["outcome"] == "returned" and last.note == "Nama di SIP salah ketik"
    assert db.session.scalar(select(db.func.count()).select_from(InboxMessage)) == inbox_before
    history = page_text(detail(verifikator, application.uid))
    assert "Kembalikan ke Verifikasi" in history and "Nama di SIP salah ketik" in history
    entry = timeline.history(application)[-1]  # the applicant's and the API's history
    assert entry.title == "Persetujuan dan Tanda Tangan Elektronik: Dikembalikan ke tahap " \
        "sebelumnya" and entry.tone == "warning"
    assert action_buttons(detail(verifikator, application.uid).get_data(as_text=True)) == \
        ["lanjut", "revisi", "tolak"]


def test_verdicts_posted_back_unchanged_are_not_the_teams_findings(app):
    application, *_ = at_signing(app)
    team = [e for e in application.events if e.kind == "action"][-1]
    assert team.actor_role == "Tim Teknis" and team.note == "Memenuhi syarat teknis"
    assert not (team.details or {}).get("documents")
    first = [e for e in application.events if e.kind == "action"][0]
    assert set(first.details["documents"]) == {d.requirement_key for d in application.documents}


def test_the_case_page_writes_the_address_as_the_applicant_reads_it(app):
    """One address rule (the `alamat` filter) for Validasi Data and the staff case page: an
    empty RT is left out with its separator ("12A/RW 123" read as a house number)."""
    person, _ = make_applicant(app)
    application = make_submitted(app, person, "SIP-DOKTER")
    location = {**application.data["location"], "street": "Jl. Pahlawan", "number": "12A",
                "rt": "", "rw": "123"}
    application.data = {**application.data, "location": location}
    db.session.commit()
    verifikator, _ = staff_client(app, "Verifikator", "DPMPTSP")
    text = page_text(detail(verifikator, application.uid))
    assert "Jl. Pahlawan 12A, RW 123, " in text and "12A/RW" not in text


def test_english_readers_read_what_the_waiting_and_acting_roles_do(app):
    """The case page's "Waiting" badges and the history's role column name a role as every
    other console page does (`peran`): its key, and for English readers what it does."""
    application, verifikator, _dinkes, _signer = at_signing(app)
    verifikator.get("/bahasa/en", headers={"Referer": "http://localhost/"})
    page = detail(verifikator, application.uid).get_data(as_text=True)
    waiting = re.search(r'id="detail-waiting">(.*?)</dd>', page, re.S).group(1)
    assert "Penandatangan (Approves and signs) DPMPTSP" in page_text_of(waiting)
    assert "Tim Teknis (" in page_text(detail(verifikator, application.uid))
    verifikator.get("/bahasa/id", headers={"Referer": "http://localhost/"})
    waiting = re.search(r'id="detail-waiting">(.*?)</dd>',
                        detail(verifikator, application.uid).get_data(as_text=True),
                        re.S).group(1)
    assert "Penandatangan DPMPTSP" in page_text_of(waiting) and "(" not in waiting


def page_text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())
