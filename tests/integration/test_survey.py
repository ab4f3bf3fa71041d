"""Survey IKM: who may answer (finished applications, once), every way in (Permohonan Saya,
the dashboard, the Inbox invitation, the portal by resi), and what is stored."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import InboxMessage, SurveyResponse, SurveyTally
from app.services import calendar
from app.services import resi as resi_codes
from app.survey import responses, store, tally
from tests.backoffice_helpers import page_text
from tests.helpers import (
    csrf_from,
    deliver,
    login,
    make_applicant,
    make_finished,
    make_submitted,
    publish_catalogue,
    publish_questionnaire,
)
from tests.survey_helpers import answers, posted


@pytest.fixture
def ready(app):
    publish_catalogue(app)
    return publish_questionnaire(app)


def _applicant(app, client):
    user, data = make_applicant(app)
    assert login(client, data["nik"]).status_code == 302
    return user


def _post(client, url: str, values: dict, version: int = 1):
    page = client.get(url).get_data(as_text=True)
    return client.post(url, data={"csrf_token": csrf_from(page), "_version": str(version),
                                  **posted(values)})


def test_the_issued_notice_invites_to_the_survey_in_inbox_and_email(app, ready, mailbox):
    person, _ = make_applicant(app)
    application = make_finished(app, person)
    notice = db.session.scalars(select(InboxMessage).where(
        InboxMessage.application_id == application.id).order_by(InboxMessage.id)).all()[-1]
    assert notice.subject == "Izin telah terbit"
    assert f"/permohonan/{application.uid}/ikm" in notice.body
    assert "Survey Kepuasan Masyarakat (IKM)" in notice.body
    deliver(app)
    mail = [m for m in mailbox.to(person.email) if m["Subject"] == "Izin telah terbit"][-1]
    assert f"/permohonan/{application.uid}/ikm" in mail.get_payload(decode=True).decode()


def test_no_invitation_for_a_rejection_unless_the_office_surveys_rejections(app, ready):
    person, _ = make_applicant(app)
    rejected = make_finished(app, person, "tolak")
    last = db.session.scalars(select(InboxMessage).where(
        InboxMessage.application_id == rejected.id).order_by(InboxMessage.id.desc())).first()
    assert last.subject == "Permohonan ditolak" and "/ikm" not in last.body
    assert responses.state(rejected) == "closed"
    app.config["SURVEY_INCLUDE_REJECTED"] = True
    assert responses.state(rejected) == "open"
    second = make_finished(app, person, "tolak")
    last = db.session.scalars(select(InboxMessage).where(
        InboxMessage.application_id == second.id).order_by(InboxMessage.id.desc())).first()
    assert f"/permohonan/{second.uid}/ikm" in last.body


def test_the_applicant_fills_the_survey_once(app, ready, client):
    user = _applicant(app, client)
    application = make_finished(app, user)
    url = f"/permohonan/{application.uid}/ikm"
    listing = client.get("/permohonan").get_data(as_text=True)
    assert f'href="{url}"' in listing and f'data-ikm="{application.uid}"' in listing
    detail = client.get(f"/permohonan/{application.uid}").get_data(as_text=True)
    assert 'id="open-survey"' in detail
    dashboard = client.get("/dashboard").get_data(as_text=True)
    assert 'id="survey-invitation"' in dashboard and url in dashboard

    form = client.get(url)
    text = page_text(form)
    assert "Bagaimana pendapat Saudara tentang kesesuaian persyaratan" in text
    assert "Tidak sesuai Kurang sesuai Sesuai Sangat sesuai" in text
    assert "Kuisoneer" not in text and "Kuesioner Survei Persepsi Korupsi" in text
    html = form.get_data(as_text=True)
    assert 'name="jenis_kelamin" id="jenis_kelamin-1" value="P" checked' in html  # profile
    today = calendar.today()  # the profile's birth date is 15 May 1990
    age = today.year - 1990 - ((today.month, today.day) < (5, 15))
    assert re.search(rf'name="usia"[^>]*value="{age}"', html)
    assert 'value="d4_s1" selected' in html  # education S1 -> D4/S1

    values = answers({"U1": 4, "U4": 2}, saran="Antrean di loket bisa dipercepat")
    response = _post(client, url, values)
    assert response.status_code == 302 and response.location == f"/permohonan/{application.uid}"
    assert "Survey berhasil dikirim" in page_text(client.get(response.location))
    stored = db.session.scalar(select(SurveyResponse))
    assert stored.application_id == application.id and stored.channel == "pemohon"
    assert stored.answers["q_persyaratan"] == "4" and stored.answers["q_biaya"] == "2"
    assert stored.user_id == user.id and stored.suggestion == "Antrean di loket bisa dipercepat"

    again = client.get(url)
    assert again.status_code == 200 and 'id="survey-form"' not in again.get_data(as_text=True)
    assert "sudah diisi. Satu permohonan hanya dapat diisi satu kali" in page_text(again)
    repost = _post(client, url, values)
    assert repost.status_code == 409 and "sudah diisi" in page_text(repost)
    assert db.session.scalar(select(func.count()).select_from(SurveyResponse)) == 1
    assert 'id="survey-done"' in client.get(f"/permohonan/{application.uid}").get_data(
        as_text=True)
    assert 'id="survey-invitation"' not in client.get("/dashboard").get_data(as_text=True)


def test_a_missing_answer_is_shown_and_nothing_is_stored(app, ready, client):
    user = _applicant(app, client)
    application = make_finished(app, user)
    values = answers()
    del values["q_waktu"]
    values["pernyataan"] = False
    response = _post(client, f"/permohonan/{application.uid}/ikm", values)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert 'data-error-for="q_waktu">Wajib diisi.' in html
    assert 'data-error-for="pernyataan">Wajib diisi.' in html
    assert 'value="4"' in html or 'checked' in html  # the other answers are kept
    assert db.session.scalar(select(func.count()).select_from(SurveyResponse)) == 0
    assert db.session.scalar(select(func.count()).select_from(SurveyTally)) == 0


def test_an_application_in_process_cannot_be_surveyed(app, ready, client):
    user = _applicant(app, client)
    running = make_submitted(app, user, "IZIN-PENELITIAN")
    page = client.get(f"/permohonan/{running.uid}/ikm")
    assert "hanya dapat diisi untuk permohonan yang sudah selesai" in page_text(page)
    assert 'id="survey-form"' not in page.get_data(as_text=True)
    response = _post(client, f"/permohonan/{running.uid}/ikm", answers())
    assert response.status_code == 409
    assert db.session.scalar(select(func.count()).select_from(SurveyResponse)) == 0


def test_another_applicants_application_is_not_found(app, ready, client):
    owner, _ = make_applicant(app)
    theirs = make_finished(app, owner)
    _applicant(app, client)
    assert client.get(f"/permohonan/{theirs.uid}/ikm").status_code == 404
    search = client.get(f"/survey-ikm?resi={theirs.resi}")
    assert "Nomor resi tidak ditemukan" in page_text(search)


def test_the_survey_page_finds_ones_own_by_resi_and_lists_finished_ones(app, ready, client):
    user = _applicant(app, client)
    done = make_finished(app, user)
    make_submitted(app, user, "IZIN-PENELITIAN")
    listing = client.get("/survey-ikm").get_data(as_text=True)
    assert listing.count("data-ikm=") == 1 and f'data-ikm="{done.uid}"' in listing
    found = client.get(f"/survey-ikm?resi={resi_codes.display(done.resi).lower()}")
    assert found.status_code == 302 and found.location == f"/permohonan/{done.uid}/ikm"


def test_the_portal_survey_by_resi(app, ready, client):
    person, _ = make_applicant(app)
    application = make_finished(app, person)
    summary = client.get("/survey-kepuasan")
    assert summary.status_code == 200 and 'id="survey-resi-form"' in summary.get_data(
        as_text=True)
    unknown = client.get("/survey-kepuasan/isi?resi=ABCD-EFGH-JKLM")
    assert unknown.status_code == 404 and "Nomor resi tidak ditemukan" in page_text(unknown)
    url = f"/survey-kepuasan/isi?resi={resi_codes.display(application.resi)}"
    form = client.get(url)
    html = form.get_data(as_text=True)
    assert 'id="survey-form"' in html and application.permit_name in html
    # no profile data prefilled on the public page
    assert not re.search(r"<input[^>]* checked", html)
    assert not re.search(r'<option value="[^"]+" selected', html)
    assert not re.search(r'name="usia"[^>]*value="\d', html)
    assert person.email not in html and application.applicant_name not in html
    response = _post(client, url, answers(4))
    assert response.status_code == 302 and response.location == "/survey-kepuasan"
    stored = db.session.scalar(select(SurveyResponse))
    assert stored.channel == "portal" and stored.user_id is None
    again = client.get(url)
    assert "sudah diisi" in page_text(again) and 'id="survey-form"' not in again.get_data(
        as_text=True)


def test_a_response_keeps_the_version_it_answered(app, ready, client):
    user = _applicant(app, client)
    application = make_finished(app, user)
    url = f"/permohonan/{application.uid}/ikm"
    page = client.get(url).get_data(as_text=True)
    assert 'name="_version" value="1"' in page
    content = dict(store.current_version().content, code="SKM-IPK-2")
    second = publish_questionnaire(app, content)
    assert second.number == 2
    client.post(url, data={"csrf_token": csrf_from(page), "_version": "1",
                           **posted(answers())})
    stored = db.session.scalar(select(SurveyResponse))
    assert stored.version.number == 1
    assert db.session.scalar(select(func.count()).select_from(SurveyTally).where(
        SurveyTally.version_id == second.id)) == 0


def test_two_answers_at_once_store_one(app, ready):
    """The unique constraint decides, not a check in code that two requests could pass."""
    person, _ = make_applicant(app)
    application = make_finished(app, person)
    version = store.current_version()
    responses.submit(application, version, answers(), channel="portal")
    db.session.add(SurveyResponse(application_id=application.id, version_id=version.id,
                                  answers={}, channel="portal", permit_code="X",
                                  agency_code="X", month=db.func.current_date()))
    with pytest.raises(Exception):  # noqa: B017 - the database refuses the second row
        db.session.flush()
    db.session.rollback()
    with pytest.raises(responses.AlreadyAnswered):
        responses.submit(application, version, answers(), channel="portal")


def test_the_counters_agree_with_the_answers(app, ready):
    for score in (1, 2, 4):
        person, _ = make_applicant(app)
        responses.submit(make_finished(app, person), store.current_version(), answers(score),
                         channel="portal")
    before = sorted(tuple(r) for r in db.session.execute(select(
        SurveyTally.field, SurveyTally.value, SurveyTally.n)))
    assert ("*", "", 3) in before and ("q_waktu", "4", 1) in before
    assert ("usia", "30-39", 3) in before
    assert tally.rebuild() == 3
    after = sorted(tuple(r) for r in db.session.execute(select(
        SurveyTally.field, SurveyTally.value, SurveyTally.n)))
    assert after == before


def test_the_questionnaire_is_published_by_setup_and_the_cli(app, runner, tmp_path):
    result = runner.invoke(args=["setup"])
    assert result.exit_code == 0 and "versi 1" in result.output
    assert runner.invoke(args=["setup"]).output.count("Kuesioner") == 0
    result = runner.invoke(args=["survey", "import", str(store.SAMPLE), "--if-changed"])
    assert result.exit_code == 0 and "Tidak ada perubahan" in result.output
    broken = tmp_path / "rusak.json"
    broken.write_text('{"code": "X", "title": {"id": "X"}, "form": {"sections": []}}')
    result = runner.invoke(args=["survey", "validate", str(broken)])
    assert result.exit_code == 1 and "indices" in result.output
    assert re.search(r"^\s+1\s", runner.invoke(args=["survey", "versions"]).output, re.M)


def test_the_questionnaire_reads_in_english_when_chosen(app, ready, client):
    user = _applicant(app, client)
    application = make_finished(app, user)
    client.get("/bahasa/en")
    text = page_text(client.get(f"/permohonan/{application.uid}/ikm"))
    assert "How well do the service requirements match the type of service?" in text
    assert "Not appropriate Somewhat appropriate Appropriate Very appropriate" in text
    assert "Send survey" in text and "Kirim Survey" not in text
