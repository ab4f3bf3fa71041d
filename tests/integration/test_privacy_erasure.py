"""Account deletion (UU PDP right to erasure): the applicant asks on Akun > Hapus Akun, staff
with the Data Pribadi screen approve or refuse it in the console. After an approved erasure
the account can never log in, its drafts and unused files are gone from the database and the
storage, and what the law keeps is kept: the issued permit (which still verifies publicly,
holder's name masked), its signed PDF, the submitted application and the audit log."""

from __future__ import annotations

import re

from sqlalchemy import select

from app import storage
from app.extensions import db
from app.models import (
    ApplicantProfile,
    Application,
    AuditEntry,
    InboxMessage,
    IssuedPermit,
    PrivacyRequest,
    StoredFile,
    User,
)
from app.privacy import masking
from tests.backoffice_helpers import page_text, staff_client
from tests.helpers import (
    PASSWORD,
    csrf_from,
    deliver,
    fill_draft,
    login,
    make_applicant,
    make_file,
    make_finished,
    make_submitted,
    publish_catalogue,
)

PAGE = "/akun/hapus-akun"
CONSOLE = "/admin/data-pribadi"
REASON = "Saya tidak lagi memakai layanan ini."


def _issue(app, person):
    application = make_finished(app, person)
    return db.session.scalar(select(IssuedPermit).where(
        IssuedPermit.application_id == application.id))


def _ask(client, reason: str = REASON, confirm: bool = True):
    token = csrf_from(client.get(PAGE).get_data(as_text=True))
    data = {"csrf_token": token, "reason": reason}
    if confirm:
        data["confirm"] = "y"
    return client.post(PAGE, data=data)


def _console_post(staff, request_id: int, action: str, note: str = ""):
    token = csrf_from(staff.get(f"{CONSOLE}/{request_id}").get_data(as_text=True))
    return staff.post(f"{CONSOLE}/{request_id}/{action}", data={"csrf_token": token,
                                                                 "note": note})


def test_approved_erasure_ends_the_account_and_keeps_the_permit(app, client, mailbox):
    publish_catalogue(app)
    person, data = make_applicant(app)
    before = {"email": person.email, "nik": data["nik"], "user_id": person.id}
    permit = _issue(app, person)
    before.update(kept_files={d.file_id for d in permit.application.documents},
                  token=permit.token, holder=permit.holder_name, pdf_key=permit.storage_key,
                  draft_id=fill_draft(app, person, "SIP-DOKTER").id,
                  loose_key=make_file(app, person, "png", "Foto Lama").storage_key)
    assert storage.current().exists(before["loose_key"]) and before["pdf_key"]

    assert login(client, before["nik"]).status_code == 302
    assert _ask(client).status_code == 302
    request = db.session.scalar(select(PrivacyRequest))
    assert request.status == "pending" and request.reason == REASON
    assert "menunggu tindak lanjut" in page_text(client.get(PAGE))

    staff, officer = staff_client(app, "Super Admin")
    listing = page_text(staff.get(f"{CONSOLE}/"))
    assert "Siti Aminah" in listing and before["nik"] not in listing
    assert masking.mask_identity(before["nik"])[-4:] in listing
    detail = page_text(staff.get(f"{CONSOLE}/{request.id}"))
    assert REASON in detail and "1 izin terbit" in detail
    mailbox.clear()
    assert _console_post(staff, request.id, "setujui").status_code == 302

    db.session.expire_all()
    request = db.session.get(PrivacyRequest, request.id)
    assert request.status == "done" and request.handled_by_id == officer.id
    assert request.reason == ""
    assert request.summary["removed"]["drafts"] == 1
    assert request.summary["kept"]["permits"] == 1
    assert request.summary["kept"]["files"] == len(before["kept_files"])
    assert client.get("/akun/profil").status_code == 302  # the open session ended
    _cannot_log_in(app, before)
    _kept_and_removed(before)
    _verifies_masked(app, before)
    _recorded_and_told(app, mailbox, officer, before)


def _cannot_log_in(app, before) -> None:
    """By identity number or by e-mail: the account can never log in again."""
    for identity in (before["nik"], before["email"]):
        refused = login(app.test_client(), identity, PASSWORD)
        assert refused.status_code == 200 and refused.location is None
    user = db.session.get(User, before["user_id"])
    profile = db.session.scalar(select(ApplicantProfile).where(
        ApplicantProfile.user_id == before["user_id"]))
    assert not user.active and user.password is None and before["email"] != user.email
    assert profile.nik is None and profile.phone == "" and profile.address == ""
    assert profile.name == "Pemohon Terhapus"


def _kept_and_removed(before) -> None:
    """What the law keeps is kept; the rest is gone, bytes included."""
    assert db.session.get(Application, before["draft_id"]) is None
    assert db.session.scalar(select(StoredFile).where(
        StoredFile.storage_key == before["loose_key"])) is None
    assert not storage.current().exists(before["loose_key"])
    assert {f.id for f in db.session.scalars(select(StoredFile).where(
        StoredFile.owner_id == before["user_id"]))} == before["kept_files"]
    assert storage.current().read_bytes(before["pdf_key"]).startswith(b"%PDF")
    assert db.session.scalar(select(InboxMessage).where(
        InboxMessage.user_id == before["user_id"])) is None


def _verifies_masked(app, before) -> None:
    """The permit still verifies publicly, its holder's name masked."""
    response = app.test_client().get(f"/verifikasi/{before['token']}")
    assert response.status_code == 200
    html, text = response.get_data(as_text=True), page_text(response)
    assert 'data-state="valid"' in html
    assert masking.mask_name(before["holder"]) in text and before["holder"] not in text


def _recorded_and_told(app, mailbox, officer, before) -> None:
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.kind == "privacy.erased"))
    assert entry.actor_id == officer.id
    assert entry.details["kept"]["permits"] == 1 and before["nik"] not in str(entry.details)
    # readable words, not the summary's keys
    assert "dihapus: Draf " in entry.summary and "Pesan keluar " in entry.summary
    assert "; disimpan: Berkas " in entry.summary and "Izin terbit 1" in entry.summary
    assert not re.search(r"\b(drafts|files|outbox|account|permits) \d", entry.summary)
    deliver(app)
    mails = mailbox.to(before["email"])
    assert len(mails) == 1 and "telah dihapus" in mails[0]["Subject"]
    body = mails[0].get_payload(decode=True).decode()
    assert "1 izin yang telah terbit" in body
    assert before["nik"] not in body and not re.search(r"\d{16}", body)


def test_refusal_needs_a_note_and_tells_the_applicant(app, client, mailbox):
    person, data = make_applicant(app)
    assert login(client, data["nik"]).status_code == 302
    assert _ask(client).status_code == 302
    request = db.session.scalar(select(PrivacyRequest))
    staff, _officer = staff_client(app, "Super Admin")

    blank = _console_post(staff, request.id, "tolak", "  ")
    assert blank.status_code == 200 and "Tuliskan alasan penolakan" in page_text(blank)
    assert db.session.get(PrivacyRequest, request.id).status == "pending"

    note = "Masih ada tagihan retribusi yang harus diselesaikan."
    mailbox.clear()
    assert _console_post(staff, request.id, "tolak", note).status_code == 302
    db.session.expire_all()
    assert db.session.get(PrivacyRequest, request.id).status == "refused"
    assert db.session.get(User, person.id).active  # nothing erased
    assert note in page_text(client.get(PAGE))
    deliver(app)
    mail = mailbox.to(person.email)[-1]
    assert "ditolak" in mail["Subject"] and note in mail.get_payload(decode=True).decode()
    # handled is handled: a second decision is refused
    again = _console_post(staff, request.id, "setujui")
    assert "sudah ditangani" in page_text(staff.get(again.location))


def test_the_form_checks_reason_and_confirmation(app, client):
    _person, data = make_applicant(app)
    assert login(client, data["nik"]).status_code == 302
    response = _ask(client, reason="singkat", confirm=False)
    assert response.status_code == 422
    text = page_text(response)
    assert "Minimal 10 karakter" in text and "Centang pernyataan ini" in text
    assert db.session.scalar(select(PrivacyRequest)) is None
    assert _ask(client).status_code == 302
    second = _ask(client)
    assert second.status_code == 409 and "sudah kami terima" in page_text(second)
    assert len(db.session.scalars(select(PrivacyRequest)).all()) == 1


def test_no_request_while_an_application_is_being_processed(app, client):
    publish_catalogue(app)
    person, data = make_applicant(app)
    make_submitted(app, person)
    assert login(client, data["nik"]).status_code == 302
    html = client.get(PAGE).get_data(as_text=True)
    assert 'id="erasure-running"' in html
    # the page says what the service would answer and keeps the form shut
    assert "Batalkan atau tunggu sampai selesai" in html
    assert re.search(r'<fieldset disabled aria-describedby="erasure-running">', html)
    assert 'href="/permohonan"' in html
    response = _ask(client)
    assert response.status_code == 409 and "sedang diproses" in page_text(response)
    assert db.session.scalar(select(PrivacyRequest)) is None


def test_the_form_is_open_when_the_service_would_take_the_request(app, client):
    """An application that is done (issued) does not stand in the way: the form is usable."""
    publish_catalogue(app)
    person, data = make_applicant(app)
    _issue(app, person)
    assert login(client, data["nik"]).status_code == 302
    html = client.get(PAGE).get_data(as_text=True)
    assert 'id="erasure-running"' not in html and "<fieldset disabled" not in html
    assert _ask(client).status_code == 302


def test_withdrawing_a_request(app, client):
    _person, data = make_applicant(app)
    assert login(client, data["nik"]).status_code == 302
    _ask(client)
    token = csrf_from(client.get(PAGE).get_data(as_text=True))
    assert client.post(f"{PAGE}/tarik", data={"csrf_token": token}).status_code == 302
    assert db.session.scalar(select(PrivacyRequest)).status == "withdrawn"
    assert 'id="erasure-form"' in client.get(PAGE).get_data(as_text=True)


def test_only_the_privacy_screen_handles_requests(app, client):
    _person, data = make_applicant(app)
    assert login(client, data["nik"]).status_code == 302
    _ask(client)
    request = db.session.scalar(select(PrivacyRequest))
    verifier, _user = staff_client(app, "Verifikator")
    assert verifier.get(f"{CONSOLE}/").status_code == 404
    token = csrf_from(verifier.get("/admin/").get_data(as_text=True))
    response = verifier.post(f"{CONSOLE}/{request.id}/setujui", data={"csrf_token": token})
    assert response.status_code == 404
    assert db.session.get(PrivacyRequest, request.id).status == "pending"
    assert app.test_client().get(PAGE).status_code == 302  # anonymous: to the login page


def test_the_cli_handles_a_request_like_the_console(app, client, runner):
    publish_catalogue(app)
    person, data = make_applicant(app)
    fill_draft(app, person, "SIP-DOKTER")
    assert login(client, data["nik"]).status_code == 302
    _ask(client)
    request = db.session.scalar(select(PrivacyRequest))
    listed = runner.invoke(args=["privacy", "requests"])
    assert f"#{request.id}" in listed.output and data["nik"] not in listed.output
    result = runner.invoke(args=["privacy", "approve", str(request.id)])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    assert db.session.get(PrivacyRequest, request.id).status == "done"
    assert not db.session.get(User, person.id).active
    assert runner.invoke(args=["privacy", "approve", str(request.id)]).exit_code == 1


def test_a_refusal_without_a_note_says_so_in_the_officers_language(app, client):
    person, data = make_applicant(app)
    assert login(client, data["nik"]).status_code == 302
    assert _ask(client).status_code == 302
    request = db.session.scalar(select(PrivacyRequest))
    staff, _officer = staff_client(app, "Super Admin")
    staff.get("/bahasa/en", headers={"Referer": "http://localhost/"})
    blank = _console_post(staff, request.id, "tolak", "  ")
    assert blank.status_code == 200
    assert re.search(r'data-error-for="note">Write the reason for refusal; the applicant '
                     r'receives it by e-mail\.<', blank.get_data(as_text=True))
    assert db.session.get(PrivacyRequest, request.id).status == "pending"
