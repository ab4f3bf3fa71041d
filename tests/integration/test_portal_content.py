"""The portal's content is console data: sample content, banners with checked images and
dates, announcements, FAQ (grouped, searchable), help pages and the PDF manual made from them,
contact details in the footer."""

from __future__ import annotations

import io
import re
import subprocess
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.extensions import db
from tests.answer_factory import SAMPLE_BYTES
from tests.backoffice_helpers import page_text, staff_client
from tests.helpers import csrf_from, publish_catalogue

SAMPLE_PNG = SAMPLE_BYTES["png"]


def seed(app):
    from app.services import portal_seed

    return portal_seed.seed_if_empty()


def post_form(client, url: str, data: dict, files: dict | None = None):
    token = csrf_from(client.get(url).get_data(as_text=True))
    payload = {"csrf_token": token, **data}
    for name, (content, filename) in (files or {}).items():
        payload[name] = (io.BytesIO(content), filename)
    return client.post(url, data=payload, content_type="multipart/form-data")


def test_sample_content_fills_an_empty_portal_once_and_reproduces_the_manual(app, client):
    publish_catalogue(app)
    assert seed(app) == ["kontak", "banner", "pengumuman", "FAQ", "halaman bantuan"]
    assert seed(app) == []  # never overwrites what admins edited
    home = page_text(client.get("/"))
    assert "Perizinan Online Satu Pintu" in home and "WebGIS Perizinan" in home
    assert "Peluncuran WebGIS Perizinan" in home  # an announcement
    assert "Apa itu E-PTSP?" in home  # FAQ highlights
    # the footer: the manual's contact details, the address from the catalogue's office
    assert "Jl. Basuki Rahmat No. 56, Pelabuhan, Samarinda Kota, Kalimantan Timur 75112" in home
    assert "(0541) 743235, 743487, 201372" in home and "(0541) 736446" in home
    html = client.get("/").get_data(as_text=True)
    assert 'href="https://wa.me/6281234567890?text=' in html  # the floating WhatsApp link
    for link in ("/persyaratan", "/webgis", "/survey-kepuasan", "/lacak", "/bantuan",
                 "/bantuan/faq", "/bantuan/panduan.pdf", "https://dpmptsp.kaltimprov.go.id"):
        assert f'href="{link}"' in html, link
    faq = page_text(client.get("/bantuan/faq"))
    for topic in ("Umum", "Registrasi dan Akun", "Pengajuan Perizinan", "Status dan Tracking",
                  "Survey dan Pengaduan", "Teknis dan Sistem"):
        assert topic in faq


def test_an_admin_adds_a_banner_with_a_checked_image_and_dates(app, client):
    from app import storage
    from app.models import PortalBanner
    from app.services import calendar

    admin, _ = staff_client(app, "Admin Katalog")
    today = calendar.today()
    response = post_form(admin, "/admin/konten/banner/baru", {
        "title_id": "Pendaftaran Beasiswa Kaltim Tuntas", "title_en": "Scholarship sign-up",
        "caption_id": "Daftar sebelum akhir bulan.", "link_url": "/bantuan",
        "starts_on": str(today - timedelta(days=1)), "ends_on": str(today + timedelta(days=5)),
        "position": "1", "active": "y"}, {"image": (SAMPLE_PNG, "beasiswa.png")})
    assert response.status_code == 302
    banner = db.session.scalars(select(PortalBanner)).one()
    assert storage.current().read_bytes(banner.image_key) == SAMPLE_PNG
    home = client.get("/").get_data(as_text=True)
    assert "Pendaftaran Beasiswa Kaltim Tuntas" in home
    image = re.search(r'src="(/banner/\d+/gambar\?v=\w+)"', home).group(1)
    fetched = client.get(image)
    assert fetched.status_code == 200 and fetched.mimetype == "image/png"
    preview = admin.get(f"/admin/konten/banner/{banner.id}").get_data(as_text=True)
    assert 'id="content-preview"' in preview and "Tampil di portal hari ini" in preview
    # a renamed PDF is not an image; nothing changes
    response = post_form(admin, f"/admin/konten/banner/{banner.id}", {
        "title_id": "Pendaftaran Beasiswa Kaltim Tuntas", "active": "y"},
        {"image": (SAMPLE_BYTES["pdf"], "gambar.png")})
    assert "Isi berkas bukan PNG yang sah" in page_text(response)
    assert db.session.scalars(select(PortalBanner)).one().image_key == banner.image_key
    # its dates end: no longer on the portal, still in the console
    response = post_form(admin, f"/admin/konten/banner/{banner.id}", {
        "title_id": "Pendaftaran Beasiswa Kaltim Tuntas", "active": "y",
        "starts_on": str(today - timedelta(days=9)), "ends_on": str(today - timedelta(days=2))})
    assert response.status_code == 302
    assert "Pendaftaran Beasiswa" not in client.get("/").get_data(as_text=True)
    assert "Di luar tanggal tampil" in page_text(admin.get("/admin/konten/banner/"))


def test_banner_rules_are_told_per_field(app):
    admin, _ = staff_client(app, "Admin Katalog")
    response = post_form(admin, "/admin/konten/banner/baru", {
        "title_id": "", "link_url": "javascript:alert(1)", "starts_on": "2026-05-10",
        "ends_on": "2026-05-01", "active": "y"})
    text = page_text(response)
    assert "Judul wajib diisi." in text
    assert "Tautan harus diawali https://, http:// atau /" in text
    assert "Tanggal selesai tidak boleh sebelum tanggal mulai." in text
    assert "Gambar banner wajib diunggah" in text


def test_deleting_a_banner_removes_its_image(app):
    from app import storage
    from app.models import PortalBanner

    admin, _ = staff_client(app, "Admin Katalog")
    post_form(admin, "/admin/konten/banner/baru", {"title_id": "Sementara", "active": "y"},
              {"image": (SAMPLE_BYTES["jpg"], "foto.jpg")})
    banner = db.session.scalars(select(PortalBanner)).one()
    key = banner.image_key
    page = admin.get("/admin/konten/banner/").get_data(as_text=True)
    response = admin.post(f"/admin/konten/banner/{banner.id}/hapus",
                          data={"csrf_token": csrf_from(page)})
    assert response.status_code == 302
    assert db.session.scalar(select(func.count(PortalBanner.id))) == 0
    with pytest.raises(storage.ObjectMissing):
        storage.current().read_bytes(key)


@pytest.mark.parametrize("role", ["Verifikator", "Tim Teknis", "Helpdesk"])
def test_other_staff_cannot_open_the_content_screen(app, role):
    other, _ = staff_client(app, role, "DINKES" if role == "Tim Teknis" else "DPMPTSP")
    assert other.get("/admin/konten/").status_code == 404
    assert other.get("/admin/konten/faq/baru").status_code == 404


def test_faq_entries_are_grouped_by_topic_and_searchable(app, client):
    admin, _ = staff_client(app, "Admin Katalog")
    for topic, question, answer in (
            ("Pembayaran", "Di mana membayar retribusi?", "Di **bank daerah** atau kanal "
                                                          "digital yang tertera."),
            ("Pembayaran", "Apakah ada biaya admin?", "Tidak ada biaya admin."),
            ("Umum", "Apa itu izin online?", "Izin yang diajukan lewat portal ini.")):
        response = post_form(admin, "/admin/konten/faq/baru", {
            "topic_id": topic, "question_id": question, "answer_id": answer, "active": "y"})
        assert response.status_code == 302
    html = client.get("/bantuan/faq").get_data(as_text=True)
    pembayaran = html.index(">Pembayaran<")
    assert pembayaran < html.index("Di mana membayar retribusi?") < html.index(
        "Apakah ada biaya admin?") < html.index(">Umum<")
    assert "<strong>bank daerah</strong>" in html
    found = page_text(client.get("/bantuan/faq?q=retribusi bank"))
    assert "Di mana membayar retribusi?" in found and "biaya admin" not in found
    assert "1 pertanyaan cocok" in found
    missing = client.get("/bantuan/faq?q=paspor").get_data(as_text=True)
    assert 'id="faq-empty"' in missing


def test_help_pages_are_the_manual_and_the_pdf_is_made_from_them(app, client):
    admin, _ = staff_client(app, "Admin Katalog")
    response = post_form(admin, "/admin/konten/bantuan/baru", {
        "slug": "izin-reklame", "title_id": "Izin Reklame", "title_en": "Billboard permits",
        "body_id": "## Syarat\n- KTP pemohon\n- Desain reklame\n\n<script>alert(1)</script>",
        "body_en": "## Requirements\n- Identity card", "active": "y"})
    assert response.status_code == 302
    page = client.get("/bantuan/izin-reklame").get_data(as_text=True)
    assert "<h2>Syarat</h2>" in page and "<li>KTP pemohon</li>" in page
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page
    pdf = client.get("/bantuan/panduan.pdf")
    assert pdf.mimetype == "application/pdf"
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf.data, capture_output=True,
                          check=True).stdout.decode()
    assert "Panduan Penggunaan E-PTSP" in text and "Izin Reklame" in text
    assert "Desain reklame" in text
    client.get("/bahasa/en", headers={"Referer": "http://localhost/"})
    english = subprocess.run(["pdftotext", "-", "-"], input=client.get(
        "/bantuan/panduan.pdf").data, capture_output=True, check=True).stdout.decode()
    assert "E-PTSP user manual" in english and "Billboard permits" in english
    assert "Identity card" in english


def test_the_help_index_previews_a_chapter_with_spaces_between_its_blocks(app, client):
    """The card's preview is the chapter's text: a heading and the paragraph after it are
    two words apart, not glued ("SyaratPemohon")."""
    admin, _ = staff_client(app, "Admin Katalog")
    post_form(admin, "/admin/konten/bantuan/baru", {
        "slug": "izin-reklame", "title_id": "Izin Reklame", "title_en": "Billboard permits",
        "body_id": "## Syarat\nPemohon menyiapkan:\n\n- KTP pemohon\n- Desain reklame",
        "body_en": "## Requirements\nPrepare", "active": "y"})
    shown = page_text(client.get("/bantuan"))
    assert "Syarat Pemohon menyiapkan: KTP pemohon Desain reklame" in shown
    assert "SyaratPemohon" not in shown


def test_contact_details_edited_in_the_console_show_in_the_footer(app, client):
    publish_catalogue(app)
    admin, _ = staff_client(app, "Super Admin")
    response = post_form(admin, "/admin/konten/kontak", {
        "phone": "(0541) 111222", "email": "bukan-email", "whatsapp": "0812-55"})
    text = page_text(response)
    assert "Alamat email tidak valid." in text and "Nomor WhatsApp minimal 9 angka" in text
    response = post_form(admin, "/admin/konten/kontak", {
        "phone": "(0541) 111222", "email": "layanan@contoh.go.id", "whatsapp": "0812 5555 6666",
        "hours_id": "Senin–Kamis 08.00–15.00", "hours_en": "Mon–Thu 8:00–15:00",
        "instagram": "https://www.instagram.com/contoh"})
    assert response.status_code == 302
    home = client.get("/").get_data(as_text=True)
    assert "(0541) 111222" in home and "layanan@contoh.go.id" in home
    assert 'href="https://wa.me/6281255556666"' in home
    assert 'href="https://www.instagram.com/contoh"' in home
    assert "Jl. Basuki Rahmat No. 56" in home  # empty address: the catalogue's
    client.get("/bahasa/en", headers={"Referer": "http://localhost/"})
    assert "Mon–Thu 8:00–15:00" in client.get("/").get_data(as_text=True)


def test_announcements_show_while_current_in_the_readers_language(app, client):
    admin, _ = staff_client(app, "Admin Katalog")
    from app.services import calendar

    today = calendar.today()
    response = post_form(admin, "/admin/konten/pengumuman/baru", {
        "title_id": "Pemeliharaan Sistem", "title_en": "System maintenance",
        "body_id": "Layanan berhenti sebentar.", "published_on": str(today), "active": "y"})
    assert response.status_code == 302
    post_form(admin, "/admin/konten/pengumuman/baru", {
        "title_id": "Pengumuman Lama", "body_id": "Sudah lewat.",
        "published_on": str(today - timedelta(days=30)),
        "ends_on": str(today - timedelta(days=1)), "active": "y"})
    home = page_text(client.get("/"))
    assert "Pemeliharaan Sistem" in home and "Pengumuman Lama" not in home
    link = re.search(r'href="(/pengumuman/\d+)"', client.get("/").get_data(as_text=True))
    assert "Layanan berhenti sebentar." in page_text(client.get(link.group(1)))
    client.get("/bahasa/en", headers={"Referer": "http://localhost/"})
    assert "System maintenance" in page_text(client.get("/"))
