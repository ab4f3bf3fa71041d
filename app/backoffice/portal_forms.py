"""Forms of the portal content screens (Konten Portal). They only carry what was typed; the
rules (required fields, lengths, dates, links, images) are in app/services/portal_admin.py."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, DateField, IntegerField, StringField, TextAreaField
from wtforms.validators import Optional

MARKUP_HELP = ("Format: baris kosong memisahkan paragraf; ## Judul, ### Subjudul; - butir; "
               "1. butir bernomor; **tebal**; *miring*; [teks](https://alamat atau /halaman); "
               "> catatan.")


def _area(label: str, rows: int = 4, **kw) -> TextAreaField:
    return TextAreaField(label, render_kw={"rows": rows, **kw})


class ContentForm(FlaskForm):
    def values(self) -> dict:
        return {name: field.data for name, field in self._fields.items()
                if name not in ("csrf_token", "image")}


class BannerForm(ContentForm):
    title_id = StringField("Judul")
    title_en = StringField("Judul (English)")
    caption_id = _area("Keterangan", 2)
    caption_en = _area("Keterangan (English)", 2)
    link_url = StringField("Tautan tombol \"Selengkapnya\"",
                           description="https://… atau /halaman-portal; kosong = tanpa tombol")
    image = FileField("Gambar (JPG atau PNG, maks. 5 MB, disarankan 1600 × 520 piksel)")
    starts_on = DateField("Tampil mulai", validators=[Optional()])
    ends_on = DateField("Tampil sampai", validators=[Optional()],
                        description="Kosongkan bila tanpa batas")
    position = IntegerField("Urutan", validators=[Optional()],
                            description="Angka kecil tampil lebih dulu")
    active = BooleanField("Aktif", default=True)


class AnnouncementForm(ContentForm):
    title_id = StringField("Judul")
    title_en = StringField("Judul (English)")
    body_id = _area("Isi pengumuman", 8)
    body_en = _area("Isi pengumuman (English)", 8)
    published_on = DateField("Tanggal terbit", validators=[Optional()])
    starts_on = DateField("Tampil mulai", validators=[Optional()])
    ends_on = DateField("Tampil sampai", validators=[Optional()],
                        description="Kosongkan bila tanpa batas")
    pinned = BooleanField("Sematkan di atas")
    active = BooleanField("Aktif", default=True)


class FaqForm(ContentForm):
    topic_id = StringField("Topik", description="Pertanyaan dengan topik yang sama tampil "
                                                "bersama, mis. Registrasi dan Akun")
    topic_en = StringField("Topik (English)")
    question_id = _area("Pertanyaan", 2)
    question_en = _area("Pertanyaan (English)", 2)
    answer_id = _area("Jawaban", 6)
    answer_en = _area("Jawaban (English)", 6)
    position = IntegerField("Urutan", validators=[Optional()])
    active = BooleanField("Tampilkan", default=True)


class HelpPageForm(ContentForm):
    slug = StringField("Alamat halaman", description="Huruf kecil dan tanda hubung; tampil "
                                                     "sebagai /bantuan/<alamat>")
    title_id = StringField("Judul bab")
    title_en = StringField("Judul bab (English)")
    body_id = _area("Isi", 18, spellcheck="true")
    body_en = _area("Isi (English)", 18, spellcheck="true")
    position = IntegerField("Urutan bab", validators=[Optional()])
    active = BooleanField("Tampilkan", default=True)


class ContactForm(ContentForm):
    address = _area("Alamat kantor", 2, placeholder="Kosong = alamat instansi kantor di katalog")
    phone = StringField("Telepon")
    fax = StringField("Faks")
    email = StringField("Email")
    hours_id = _area("Jam pelayanan", 3)
    hours_en = _area("Jam pelayanan (English)", 3)
    whatsapp = StringField("Nomor WhatsApp helpdesk", description="mis. 0812xxxxxxx; kosong = "
                                                                  "tombol WhatsApp tidak tampil")
    whatsapp_text_id = StringField("Pesan awal WhatsApp")
    whatsapp_text_en = StringField("Pesan awal WhatsApp (English)")
    facebook = StringField("Facebook (https://…)")
    instagram = StringField("Instagram (https://…)")
    x = StringField("X (https://…)")
    youtube = StringField("YouTube (https://…)")
