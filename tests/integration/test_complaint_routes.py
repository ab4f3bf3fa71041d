"""Pengaduan through the web: a visitor files with the captcha and follows the complaint with
ticket + contact only; an applicant files about their own application, searches, answers,
rates; nobody else opens either; the helpdesk console's queue, assignment, reply, internal
note, overdue filter and the report (figures computed by hand) with its Excel export."""

from __future__ import annotations

import io
import re
from datetime import timedelta

import pytest
from openpyxl import load_workbook

from app.complaints import status
from app.extensions import db
from app.models import Complaint, ComplaintEvent, InboxMessage, utcnow
from tests.backoffice_helpers import page_text, staff_client
from tests.complaint_helpers import file_applicant, file_visitor, seed_categories
from tests.helpers import (
    CAPTCHA,
    csrf_from,
    get_form,
    login,
    make_applicant,
    make_submitted,
    publish_catalogue,
)


@pytest.fixture(autouse=True)
def _categories(app):
    seed_categories(app)


def _visitor_posts(client, **extra):
    token = get_form(client, "/pengaduan/baru", "complaint")
    data = {"csrf_token": token, "name": "Budi Tamu", "email": "tamu@contoh.id",
            "phone": "0812 9876 5432", "category": "teknis",
            "body": "Unggah berkas gagal terus sejak pagi.", "captcha": CAPTCHA} | extra
    return client.post("/pengaduan/baru", data=data, content_type="multipart/form-data")


def test_a_visitor_files_with_attachment_and_follows_by_ticket_and_contact(app, client):
    from tests.answer_factory import SAMPLE_BYTES

    response = _visitor_posts(client, attachment=(io.BytesIO(SAMPLE_BYTES["png"]), "layar.png"))
    assert response.status_code == 302
    complaint = db.session.scalar(db.select(Complaint))
    assert response.location == f"/pengaduan/tiket/{complaint.ticket}"
    assert "tamu" not in response.location and "0812" not in response.location
    page = client.get(response.location).get_data(as_text=True)
    assert complaint.ticket in page and "layar.png" in page
    assert client.get(f"/pengaduan/tiket/{complaint.ticket}/lampiran/"
                      f"{complaint.attachments[0].uid}").data == SAMPLE_BYTES["png"]
    # another browser needs the ticket and the same contact
    other = app.test_client()
    assert other.get(response.location).status_code == 404
    token = get_form(other, "/pengaduan/lacak", "complaint")
    wrong = other.post("/pengaduan/lacak", data={"csrf_token": token, "captcha": CAPTCHA,
                                                 "ticket": complaint.ticket,
                                                 "contact": "orang@lain.id"})
    assert wrong.status_code == 200 and "Pengaduan tidak ditemukan" in page_text(wrong)
    token = get_form(other, "/pengaduan/lacak", "complaint")
    right = other.post("/pengaduan/lacak", data={"csrf_token": token, "captcha": CAPTCHA,
                                                 "ticket": complaint.ticket.lower(),
                                                 "contact": "+62 812-9876-5432"})
    assert right.location == f"/pengaduan/tiket/{complaint.ticket}"
    assert other.get(right.location).status_code == 200


def test_the_visitor_form_refuses_a_wrong_captcha_a_fake_file_and_missing_fields(app, client):
    assert _visitor_posts(client, captcha="XXXXX").status_code == 200
    fake = _visitor_posts(client, attachment=(io.BytesIO(b"MZ\x90\x00 not a pdf"), "a.pdf"))
    assert "bukan PDF yang sah" in page_text(fake)
    empty = _visitor_posts(client, body="", category="")
    text = page_text(empty)
    assert "Isi Pengaduan wajib diisi." in text and "Kategori wajib dipilih" in text
    assert db.session.query(Complaint).count() == 0


def test_an_empty_complaint_is_refused_with_a_required_field_message_in_english(app, client):
    """Worded like the other required-field messages ("<label> is required."), not an order."""
    token = get_form(client, "/pengaduan/baru?_l_=en", "complaint")
    refused = client.post("/pengaduan/baru?_l_=en", content_type="multipart/form-data", data={
        "csrf_token": token, "name": "Budi Tamu", "email": "tamu@contoh.id",
        "category": "teknis", "body": "", "captcha": CAPTCHA})
    assert "Complaint is required." in page_text(refused)
    assert "Describe your complaint" not in page_text(refused)


def test_an_applicant_files_about_their_application_and_searches(app, client):
    publish_catalogue(app)
    user, data = make_applicant(app)
    application = make_submitted(app, user)
    assert login(client, data["nik"]).status_code == 302
    empty = client.get("/pengaduan").get_data(as_text=True)
    assert 'id="complaint-empty"' in empty and "Belum ada pengaduan" in empty
    token = csrf_from(empty)
    response = client.post("/pengaduan/kirim", data={
        "csrf_token": token, "resi": application.resi, "category": "proses",
        "body": "Permohonan belum diverifikasi setelah lima hari."})
    complaint = db.session.scalar(db.select(Complaint))
    assert response.location == f"/pengaduan/{complaint.ticket}"
    assert complaint.application_id == application.id and complaint.user_id == user.id
    file_applicant(app, user, category="teknis", body="Tombol cetak tidak muncul di layar.")
    listed = lambda q: re.findall(r'data-ticket="([^"]+)"', client.get(q).get_data(as_text=True))  # noqa: E731
    assert listed("/pengaduan") and len(listed("/pengaduan")) == 2
    assert listed(f"/pengaduan?resi={application.resi.lower()}") == [complaint.ticket]
    assert listed("/pengaduan?kategori=proses") == [complaint.ticket]
    assert len(listed("/pengaduan?q=cetak")) == 1 and listed("/pengaduan?q=tidak-ada") == []


def test_complaints_are_private_to_their_owner(app, client):
    owner, _ = make_applicant(app)
    theirs = file_applicant(app, owner)
    visitor = file_visitor(app)
    _user, data = make_applicant(app)
    assert login(client, data["nik"]).status_code == 302
    for url in (f"/pengaduan/{theirs.ticket}", f"/pengaduan/{visitor.ticket}",
                f"/pengaduan/tiket/{visitor.ticket}", f"/pengaduan/tiket/{theirs.ticket}"):
        assert client.get(url).status_code == 404, url
    assert theirs.ticket not in client.get("/pengaduan").get_data(as_text=True)
    # an applicant cannot open the console's screens either
    assert client.get("/admin/pengaduan/").status_code in (302, 404)


def test_applicant_sees_the_reply_but_not_the_note_then_rates(app, client):
    user, data = make_applicant(app)
    complaint = file_applicant(app, user)
    staff, staff_user = staff_client(app, "Helpdesk", name="Hana")
    token = csrf_from(staff.get(f"/admin/pengaduan/{complaint.ticket}").get_data(as_text=True))
    base = f"/admin/pengaduan/{complaint.ticket}"
    staff.post(f"{base}/tugaskan", data={"csrf_token": token, "petugas": staff_user.id})
    staff.post(f"{base}/catatan", data={"csrf_token": token, "text": "Rahasia internal."})
    staff.post(f"{base}/balas", data={"csrf_token": token, "text": "Sudah kami proses.",
                                      "status": "selesai"})
    db.session.expire_all()
    complaint = db.session.get(Complaint, complaint.id)
    assert complaint.status == status.DONE and complaint.assignee_id == staff_user.id
    assert [e.action for e in db.session.scalars(db.select(ComplaintEvent).order_by(
        ComplaintEvent.id))] == ["file", "assign", "close"]
    assert login(client, data["nik"]).status_code == 302
    page = client.get(f"/pengaduan/{complaint.ticket}").get_data(as_text=True)
    assert "Sudah kami proses." in page and "Rahasia internal." not in page
    assert "Rahasia internal." in staff.get(base).get_data(as_text=True)
    client.post(f"/pengaduan/{complaint.ticket}/nilai", data={"csrf_token": csrf_from(page),
                                                              "rating": "5"})
    db.session.expire_all()
    assert db.session.get(Complaint, complaint.id).rating == 5
    assert db.session.query(InboxMessage).filter_by(user_id=user.id).count() == 2


def test_queue_filters_and_overdue_highlight(app):
    late = file_visitor(app, body="Sudah lama tidak dijawab petugas.")
    late.due_on = (utcnow() - timedelta(days=10)).date()
    fresh = file_visitor(app, category="dokumen", body="Dokumen saya tertukar.")
    db.session.commit()
    staff, _ = staff_client(app, "Helpdesk")
    overdue = staff.get("/admin/pengaduan/?terlambat=1").get_data(as_text=True)
    assert late.ticket in overdue and fresh.ticket not in overdue
    assert re.search(rf'data-ticket="{late.ticket}" class="table-danger', overdue)
    by_category = staff.get("/admin/pengaduan/?kategori=dokumen").get_data(as_text=True)
    assert fresh.ticket in by_category and late.ticket not in by_category
    assert late.ticket in staff.get("/admin/pengaduan/?q=lama+tidak").get_data(as_text=True)
    assert fresh.ticket not in staff.get("/admin/pengaduan/?petugas=saya").get_data(as_text=True)
    home = staff.get("/admin/").get_data(as_text=True)
    assert 'id="home-pengaduan"' in home and "1 lewat SLA" in home


def test_report_figures_and_excel_match_a_hand_count(app):
    now = utcnow()
    a = file_visitor(app)  # teknis, answered after 2 h, closed after 6 h
    b = file_visitor(app, category="dokumen")  # answered after 4 h, still open
    file_visitor(app, category="dokumen")  # untouched
    for complaint, first, closed in ((a, 2, 6), (b, 4, None)):
        complaint.created_at = now - timedelta(hours=10)
        complaint.first_answer_at = complaint.created_at + timedelta(hours=first)
        if closed:
            complaint.status = status.DONE
            complaint.closed_at = complaint.created_at + timedelta(hours=closed)
    db.session.commit()
    staff, _ = staff_client(app, "Helpdesk")
    text = page_text(staff.get("/admin/laporan-pengaduan/"))
    # first answer: (2 + 4) / 2 = 3.0 h; closing: only a, 6.0 h
    assert "Jumlah pengaduan 3" in text and "3,0 jam" in text and "6,0 jam" in text
    book = load_workbook(io.BytesIO(staff.get("/admin/laporan-pengaduan/ekspor.xlsx").data))
    summary = {row[0]: row[-1] for row in book["Ringkasan"].iter_rows(values_only=True)}
    assert summary["Jumlah pengaduan"] == 3
    assert summary["Rata-rata waktu ke jawaban pertama (jam)"] == 3.0
    assert summary["Rata-rata waktu sampai selesai (jam)"] == 6.0
    per_category = dict(book["Per Kategori"].iter_rows(min_row=2, values_only=True))
    assert per_category == {"Teknis Aplikasi": 1, "Dokumen": 2}
    per_status = dict(book["Per Status"].iter_rows(min_row=2, values_only=True))
    assert per_status == {"Baru": 2, "Selesai": 1}


def test_categories_are_data_the_helpdesk_edits(app, client):
    from app.models import ComplaintCategory

    staff, _ = staff_client(app, "Helpdesk")
    page = staff.get("/admin/kategori-pengaduan/new/")
    assert page.status_code == 200
    response = staff.post("/admin/kategori-pengaduan/new/", data={
        "csrf_token": csrf_from(page.get_data(as_text=True)), "code": "tarif",
        "name_id": "Tarif Retribusi", "name_en": "Fees", "sla_days": "4", "position": "9",
        "active": "y"})
    assert response.status_code == 302
    assert "Tarif Retribusi" in client.get("/pengaduan/baru").get_data(as_text=True)
    old = db.session.scalar(db.select(ComplaintCategory).filter_by(code="lainnya"))
    old.active = False
    db.session.commit()
    form = client.get("/pengaduan/baru").get_data(as_text=True)
    assert 'value="lainnya"' not in form and 'value="tarif"' in form


@pytest.mark.parametrize("role", ["Verifikator", "Admin Katalog"])
def test_staff_without_the_screen_cannot_open_complaints(app, role):
    complaint = file_visitor(app)
    staff, _ = staff_client(app, role)
    for url in ("/admin/pengaduan/", f"/admin/pengaduan/{complaint.ticket}",
                "/admin/laporan-pengaduan/", "/admin/kategori-pengaduan/"):
        assert staff.get(url).status_code == 404, url
    assert 'id="home-pengaduan"' not in staff.get("/admin/").get_data(as_text=True)


def test_a_visitor_answers_and_reopens_only_with_their_grant(app, client):
    from app.complaints import service
    from app.complaints.status import Who

    assert _visitor_posts(client).status_code == 302
    complaint = db.session.scalar(db.select(Complaint))
    base = f"/pengaduan/tiket/{complaint.ticket}"
    page = client.get(base).get_data(as_text=True)
    client.post(f"{base}/balas", data={"csrf_token": csrf_from(page),
                                       "text": "Tambahan: terjadi di Chrome."})
    stranger = app.test_client()
    token = get_form(stranger, "/pengaduan/lacak", "complaint")
    assert stranger.post(f"{base}/buka-kembali", data={"csrf_token": token,
                                                       "text": "x"}).status_code == 404
    service.close(db.session.get(Complaint, complaint.id), Who(None, "Petugas", staff=True))
    page = client.get(base).get_data(as_text=True)
    assert 'id="reopen-form"' in page
    client.post(f"{base}/buka-kembali", data={"csrf_token": csrf_from(page),
                                               "text": "Masih gagal hari ini."})
    db.session.expire_all()
    complaint = db.session.get(Complaint, complaint.id)
    assert complaint.status == status.IN_PROGRESS
    assert [m.body for m in complaint.messages] == ["Tambahan: terjadi di Chrome.",
                                                    "Masih gagal hari ini."]


def test_the_attachment_hint_names_what_the_upload_check_takes(app, client):
    """The form's hint and accept= list come from the rule the refusal gives: a drawing is
    refused with the same kinds the hint named."""
    from tests.answer_factory import SAMPLE_BYTES

    html = client.get("/pengaduan/baru").get_data(as_text=True)
    assert "Format PDF, JPG, PNG, maks. 50 MB; isi berkas diperiksa." in html
    assert 'accept=".pdf,.jpg,.jpeg,.png"' in html
    drawing = _visitor_posts(client, attachment=(io.BytesIO(SAMPLE_BYTES["dwg"]), "denah.dwg"))
    assert "Format berkas .dwg tidak diterima. Gunakan: PDF, JPG, PNG." in page_text(drawing)
    assert db.session.query(Complaint).count() == 0
    english = client.get("/pengaduan/baru?_l_=en").get_data(as_text=True)
    assert "PDF, JPG, PNG" in english and "maks." not in english


def test_the_console_speaks_english_on_a_complaint_and_names_its_permit_in_english(app):
    publish_catalogue(app)
    user, _data = make_applicant(app)
    application = make_submitted(app, user)
    complaint = file_applicant(app, user, resi=application.resi)
    staff, staff_user = staff_client(app, "Helpdesk", name="Hana")
    staff.get("/bahasa/en", headers={"Referer": "http://localhost/"})
    base = f"/admin/pengaduan/{complaint.ticket}"
    page = staff.get(base)
    permit = re.search(r'id="complaint-permit">([^<]+)<', page.get_data(as_text=True)).group(1)
    assert permit == "Medical Practice Permit" and application.permit_name != permit
    token = csrf_from(page.get_data(as_text=True))
    said = []
    for action, data in (("tugaskan", {"petugas": staff_user.id}),
                         ("catatan", {"text": "Rahasia internal."}),
                         ("balas", {"text": "Sudah kami proses.", "status": "diproses"})):
        response = staff.post(f"{base}/{action}", data={"csrf_token": token, **data})
        said.append(page_text(staff.get(response.location)))
    assert "Complaint assigned to Hana." in said[0]
    assert "Internal note saved." in said[1]
    assert "Reply sent to the reporter (in the app and by email)." in said[2]
    for text in said:
        assert "ditugaskan" not in text and "disimpan" not in text and "terkirim" not in text


def _refused_answer_is_kept(client, complaint, base: str) -> None:
    """The thread's answer comes back with the typed text, the reason next to the file input
    and the accepted kinds under it; nothing of it is stored (the file alone must be chosen
    again)."""
    page = client.get(base).get_data(as_text=True)
    assert 'accept=".pdf,.jpg,.jpeg,.png"' in page and "Format PDF, JPG, PNG, maks." in page
    refused = client.post(f"{base}/balas", content_type="multipart/form-data", data={
        "csrf_token": csrf_from(page), "text": "Tambahan: layar saya lampirkan.",
        "attachment": (io.BytesIO(b"MZ\x90\x00 not a pdf"), "layar.pdf")})
    assert refused.status_code == 422
    html = refused.get_data(as_text=True)
    assert re.search(r'<textarea[^>]*name="text"[^>]*>\s*Tambahan: layar saya lampirkan\.', html)
    assert re.search(r'data-error-for="attachment">[^<]*bukan PDF yang sah', html)
    db.session.expire_all()
    assert db.session.get(Complaint, complaint.id).messages == []


def test_a_refused_attachment_keeps_the_answer_the_visitor_typed(app, client):
    assert _visitor_posts(client).status_code == 302
    complaint = db.session.scalar(db.select(Complaint))
    _refused_answer_is_kept(client, complaint, f"/pengaduan/tiket/{complaint.ticket}")


def test_a_refused_attachment_keeps_the_answer_the_applicant_typed(app, client):
    user, data = make_applicant(app)
    complaint = file_applicant(app, user)
    assert login(client, data["nik"]).status_code == 302
    _refused_answer_is_kept(client, complaint, f"/pengaduan/{complaint.ticket}")


def test_a_nik_and_npwp_in_a_complaint_are_masked_for_the_helpdesk(app):
    said = "NIK saya 6472011505900001, NPWP 01.234.567.8-901.234"
    complaint = file_visitor(app, body=said)
    staff, _ = staff_client(app, "Helpdesk")
    queue = page_text(staff.get("/admin/pengaduan/"))
    ticket = page_text(staff.get(f"/admin/pengaduan/{complaint.ticket}"))
    for text in (queue, ticket):
        assert "6472011505900001" not in text and "01.234.567.8-901.234" not in text
        assert "NIK saya 6472********0001, NPWP 0123*******1234" in text


def test_the_head_of_office_reads_the_complaint_report_but_not_the_desk(app):
    complaint = file_visitor(app)
    head, _ = staff_client(app, "Pimpinan")
    report = head.get("/admin/laporan-pengaduan/")
    assert report.status_code == 200 and 'id="report-total">1<' in report.get_data(as_text=True)
    assert head.get("/admin/laporan-pengaduan/ekspor.xlsx").status_code == 200
    for url in ("/admin/pengaduan/", f"/admin/pengaduan/{complaint.ticket}",
                "/admin/kategori-pengaduan/"):
        assert head.get(url).status_code == 404, url
    assert 'data-screen="pengaduan_laporan"' in head.get("/admin/").get_data(as_text=True)
