"""The console's Konten Portal screens (banners, announcements, FAQ, help pages, contact) speak
the reader's language: Indonesian by default, English after /bahasa/en. The content itself
(what the admins typed, in both languages) stays as it was typed."""

from __future__ import annotations

from tests.backoffice_helpers import page_text, staff_client
from tests.helpers import csrf_from

ANNOUNCEMENT = {"title_id": "Libur nasional", "body_id": "Kantor tutup sehari.",
                "published_on": "2026-05-01", "active": "y"}


def admin_in(app, lang: str | None = None):
    admin, _ = staff_client(app, "Admin Katalog")
    if lang:
        admin.get(f"/bahasa/{lang}", headers={"Referer": "http://localhost/"})
    return admin


def post(client, url: str, data: dict):
    token = csrf_from(client.get(url).get_data(as_text=True))
    return client.post(url, data={"csrf_token": token, **data})


def shows(text: str, present: list[str], absent: list[str]) -> None:
    for words in present:
        assert words in text, words
    for words in absent:
        assert words not in text, words


def test_the_summary_page_speaks_the_readers_language(app):
    english = ["Portal Content", "Announcements", "Help Pages (Manual)", "View portal",
               "The announcements on the home page, each with its own page.",
               "Banners shown today (0)", "No banner is shown at the moment"]
    indonesian = ["Konten Portal", "Pengumuman", "Halaman Bantuan (Panduan)", "Lihat portal",
                  "Daftar pengumuman di beranda dengan halaman rinciannya.",
                  "Banner yang tampil hari ini (0)", "Tidak ada banner yang sedang tampil"]
    shows(page_text(admin_in(app).get("/admin/konten/")), indonesian, english)
    shows(page_text(admin_in(app, "en").get("/admin/konten/")), english, indonesian)


def test_a_list_speaks_the_readers_language_around_the_admins_content(app):
    admin = admin_in(app)
    assert post(admin, "/admin/konten/pengumuman/baru", ANNOUNCEMENT).status_code == 302
    english = ["Add announcement", "Title", "Publication date", "from the start – no end date",
               "1 May 2026", "Edit", "Delete"]
    indonesian = ["Tambah pengumuman", "Judul", "Tanggal terbit", "sejak awal – tanpa batas",
                  "1 Mei 2026", "Ubah", "Hapus"]
    shows(page_text(admin.get("/admin/konten/pengumuman/")), indonesian + ["Libur nasional"],
          english)
    admin.get("/bahasa/en", headers={"Referer": "http://localhost/"})
    response = admin.get("/admin/konten/pengumuman/")
    shows(page_text(response), english + ["Libur nasional"], indonesian)
    assert 'data-confirm="Delete this announcement?"' in response.get_data(as_text=True)
    empty = page_text(admin.get("/admin/konten/faq/"))
    assert "Add FAQ question" in empty and "There is no FAQ question yet." in empty


def test_the_form_of_a_new_item_speaks_the_readers_language(app):
    english = ["Add announcement", "Announcement text", "Publication date", "Pin to the top",
               "Leave empty for no end date", "Save", "The preview is shown once saved.",
               "Format: a blank line separates paragraphs"]
    indonesian = ["Tambah pengumuman", "Isi pengumuman", "Tanggal terbit", "Sematkan di atas",
                  "Kosongkan bila tanpa batas", "Simpan", "Kembali",
                  "Pratinjau tampil setelah disimpan.", "Format: baris kosong memisahkan"]
    url = "/admin/konten/pengumuman/baru"
    shows(page_text(admin_in(app).get(url)), indonesian, english)
    shows(page_text(admin_in(app, "en").get(url)), english, indonesian)
    banner = admin_in(app, "en").get("/admin/konten/banner/baru").get_data(as_text=True)
    assert "Image (JPG or PNG, max. 5 MB" in banner and "Smaller numbers are shown first" in banner
    help_page = admin_in(app, "en").get("/admin/konten/bantuan/baru").get_data(as_text=True)
    assert "shown as /bantuan/&lt;address&gt;" in help_page  # a text, not a tag


def test_the_contact_page_speaks_the_readers_language(app):
    english = ["Contact", "Office address", "Service hours", "Helpdesk WhatsApp number",
               "e.g. 0812xxxxxxx; empty = no WhatsApp button", "Save",
               "Shown in the footer of every portal page"]
    indonesian = ["Kontak", "Alamat kantor", "Jam pelayanan", "Nomor WhatsApp helpdesk",
                  "mis. 0812xxxxxxx; kosong = tombol WhatsApp tidak tampil", "Simpan",
                  "Tampil di footer setiap halaman portal"]
    shows(page_text(admin_in(app).get("/admin/konten/kontak")), indonesian, english)
    shows(page_text(admin_in(app, "en").get("/admin/konten/kontak")), english, indonesian)


def test_refusals_and_confirmations_speak_the_readers_language(app):
    url = "/admin/konten/pengumuman/baru"
    english = ["Check the marked fields again.", "Title is required.",
               "Announcement text is required.", "Enter the publication date."]
    indonesian = ["Periksa kembali isian yang ditandai.", "Judul wajib diisi.",
                  "Isi pengumuman wajib diisi.", "Tanggal terbit wajib diisi."]
    shows(page_text(post(admin_in(app), url, {"title_id": ""})), indonesian, english)
    admin = admin_in(app, "en")
    shows(page_text(post(admin, url, {"title_id": ""})), english, indonesian)
    saved = post(admin, url, ANNOUNCEMENT)
    assert saved.status_code == 302
    text = page_text(admin.get(saved.location))
    assert "Announcement saved. The preview is shown below." in text
    assert "Edit announcement" in text and "Shown on the portal today" in text
    assert "Libur nasional" in text  # the admin's own text as typed
