"""The renewal window, catalogue data (`renewal_window_days_before`,
`renewal_grace_days_after`): the sample's SIP-DOKTER may be renewed from 90 days before its
end until its last day. Step 1 shows a permit outside the window without letting it be
chosen, the draft and the submission refuse it, the public page states the window, and an
application submitted inside the window is still approved after the permit has ended."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Application
from app.services import applications as apps
from app.services import calendar, workflow
from app.services.errors import DomainError
from app.services.users import profile_of
from tests.backoffice_helpers import page_text
from tests.catalogue_helpers import publish_sample
from tests.helpers import (
    approve_all,
    csrf_from,
    fill_draft,
    login,
    make_applicant,
    make_submitted,
    permit_holder,
    publish_catalogue,
)

PERMIT = "SIP-DOKTER"  # renewal_window_days_before 90, renewal_grace_days_after 0
STEP1 = f"/permohonan/baru?agency=DINKES&permit={PERMIT}&application_type=perpanjangan"


@pytest.fixture
def holder(app):
    """An applicant holding a freshly issued SIP-DOKTER (valid five years)."""
    publish_catalogue(app)
    return permit_holder(app, PERMIT)


def test_step_one_shows_a_permit_outside_the_window_but_it_cannot_be_chosen(app, client,
                                                                           holder):
    person, fresh = holder
    opens = fresh.valid_until - timedelta(days=90)
    assert login(client, person.email).status_code == 302
    page = client.get(STEP1)
    html = page.get_data(as_text=True)
    option = re.search(rf'<option[^>]*value="{fresh.id}"[^>]*>([^<]*)</option>', html)
    assert option and "disabled" in option.group(0), "shown, not choosable"
    when = opens.strftime("%-d ") + ["Januari", "Februari", "Maret", "April", "Mei", "Juni",
                                      "Juli", "Agustus", "September", "Oktober", "November",
                                      "Desember"][opens.month - 1] + opens.strftime(" %Y")
    assert option.group(1) == f"{fresh.number} (dapat diperpanjang mulai {when})"
    assert (f"Izin nomor {fresh.number} belum dapat diperpanjang: perpanjangan dapat diajukan "
            f"mulai {when}.") in page_text(page)
    assert re.search(r'id="choose-process"[^>]*disabled', html), "nothing to process yet"

    forged = client.post("/permohonan/baru", data={
        "csrf_token": csrf_from(html), "agency": "DINKES", "permit": PERMIT,
        "application_type": "perpanjangan", "subject": str(fresh.id)})
    assert forged.status_code == 200
    assert f"Izin nomor {fresh.number} baru dapat diperpanjang mulai {when}." in \
        page_text(forged)
    assert db.session.scalar(select(Application).where(
        Application.applicant_id == person.id, Application.status == "draft")) is None
    english = client.get(STEP1 + "&_l_=en")
    assert f"can be renewed from {opens.day} {opens:%B %Y}" in page_text(english)
    forged_en = client.post("/permohonan/baru?_l_=en", data={
        "csrf_token": csrf_from(html), "agency": "DINKES", "permit": PERMIT,
        "application_type": "perpanjangan", "subject": str(fresh.id)})
    refusal = page_text(forged_en)  # the refusal in the page's language, its date too
    assert f"{fresh.number} can only be renewed from {opens.day} {opens:%B %Y}." in refusal

    # an amendment has no window: the same permit is offered at once
    amend = client.get(STEP1.replace("perpanjangan", "perubahan")).get_data(as_text=True)
    assert f'<option value="{fresh.id}">' in amend

    fresh.valid_until = calendar.today() + timedelta(days=90)  # the window's first day
    db.session.commit()
    assert f'<option value="{fresh.id}">' in client.get(STEP1).get_data(as_text=True)


def test_a_draft_made_before_the_window_cannot_be_submitted(app, holder):
    person, fresh = holder
    with pytest.raises(DomainError, match="baru dapat diperpanjang mulai") as early:
        apps.start_draft(person, profile_of(person), PERMIT, "perpanjangan", fresh.id)
    assert early.value.field == "subject"
    ends = fresh.valid_until
    fresh.valid_until = calendar.today() + timedelta(days=30)
    db.session.commit()
    draft = fill_draft(app, person, PERMIT, "perpanjangan", subject=fresh)
    fresh.valid_until = ends  # e.g. the office corrected the permit's term meanwhile
    db.session.commit()
    with pytest.raises(DomainError):
        workflow.submit(draft, workflow.new_submit_key())
    assert draft.status == "draft"


def test_after_the_last_day_it_is_too_late_but_a_renewal_sent_in_time_is_approved(
        app, client, holder):
    person, old = holder
    old.valid_until = calendar.today()  # its last day: still inside the window
    db.session.commit()
    renewal = make_submitted(app, person, PERMIT, "perpanjangan", subject=old)
    # three days pass while the office works on it: the permit has ended meanwhile
    old.valid_until -= timedelta(days=3)
    renewal.submitted_at -= timedelta(days=3)
    db.session.commit()
    approve_all(app, renewal)
    assert renewal.permit is not None and old.replaced_by_id == renewal.permit.id

    second, _ = make_applicant(app)
    lapsed = make_submitted(app, second, PERMIT, "baru")
    approve_all(app, lapsed)
    lapsed.permit.valid_until = calendar.today() - timedelta(days=1)  # grace 0: too late
    db.session.commit()
    with pytest.raises(DomainError):
        apps.start_draft(second, profile_of(second), PERMIT, "perpanjangan", lapsed.permit.id)
    assert login(client, second.email).status_code == 302
    page = client.get(STEP1)
    assert f'value="{lapsed.permit.id}"' not in page.get_data(as_text=True)
    assert page_text(page).count("belum dapat diperpanjang") == 0


def test_the_public_permit_page_states_the_window(client):
    publish_sample()
    shown = page_text(client.get(f"/persyaratan/{PERMIT}"))
    assert ("Batas waktu perpanjangan: perpanjangan dapat diajukan paling cepat 90 hari "
            "sebelum masa berlaku berakhir dan paling lambat pada hari terakhir masa "
            "berlaku.") in shown
    english = page_text(client.get(f"/persyaratan/{PERMIT}?_l_=en"))
    assert ("Renewal window: a renewal may be applied for at the earliest 90 days before the "
            "permit expires and at the latest on its last day of validity.") in english
    assert "Batas waktu perpanjangan" not in page_text(client.get("/persyaratan/IUIPHHK"))


def test_a_refusals_date_reads_in_the_pages_language(app):
    """The refusal carries its date as the service wrote it (Indonesian, `tanggal`); an
    English page names the month in English ("Desember" is not an English word)."""
    from app.services import subjects
    from app.templating import pesan

    message = subjects.MSG_NOT_YET.format(number="503/0007/SIP-D", date="7 Desember 2031")
    with app.test_request_context("/?_l_=en"):
        assert pesan(message) == "Permit number 503/0007/SIP-D can only be renewed from " \
                                 "7 December 2031."
