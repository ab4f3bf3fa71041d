"""Forms of the portal content screens (Konten Portal). They only carry what was typed; the
rules (required fields, lengths, dates, links, images) are in app/services/portal_admin.py."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    IntegerField,
    StringField,
    TextAreaField,
)
from wtforms.validators import Optional

MARKUP_HELP = _l("Format: baris kosong memisahkan paragraf; ## Judul, ### Subjudul; - butir; "
                 "1. butir bernomor; **tebal**; *miring*; [teks](https://alamat atau /halaman); "
                 "> catatan.")


def _area(label, rows: int = 4, **kw) -> TextAreaField:
    return TextAreaField(label, render_kw={"rows": rows, **kw})


class ContentForm(FlaskForm):
    def values(self) -> dict:
        return {name: field.data for name, field in self._fields.items()
                if name not in ("csrf_token", "image")}


class ItemForm(ContentForm):
    """An item's form carries the version its page showed (portal_admin.check_unchanged)."""

    versi = HiddenField()

    def values(self) -> dict:
        return {k: v for k, v in super().values().items() if k != "versi"}


class BannerForm(ItemForm):
    title_id = StringField(_l("Judul"))
    title_en = StringField(_l("Judul (English)"))
    caption_id = _area(_l("Keterangan"), 2)
    caption_en = _area(_l("Keterangan (English)"), 2)
    link_url = StringField(_l("Tautan tombol \"Selengkapnya\""), description=_l(
        "https://… atau /halaman-portal; kosong = tanpa tombol"))
    image = FileField(_l("Gambar (JPG atau PNG, maks. 5 MB, disarankan 1600 × 520 piksel)"))
    starts_on = DateField(_l("Tampil mulai"), validators=[Optional()])
    ends_on = DateField(_l("Tampil sampai"), validators=[Optional()],
                        description=_l("Kosongkan bila tanpa batas"))
    position = IntegerField(_l("Urutan"), validators=[Optional()],
                            description=_l("Angka kecil tampil lebih dulu"))
    active = BooleanField(_l("Aktif"), default=True)


class AnnouncementForm(ItemForm):
    title_id = StringField(_l("Judul"))
    title_en = StringField(_l("Judul (English)"))
    body_id = _area(_l("Isi pengumuman"), 8)
    body_en = _area(_l("Isi pengumuman (English)"), 8)
    published_on = DateField(_l("Tanggal terbit"), validators=[Optional()])
    starts_on = DateField(_l("Tampil mulai"), validators=[Optional()])
    ends_on = DateField(_l("Tampil sampai"), validators=[Optional()],
                        description=_l("Kosongkan bila tanpa batas"))
    pinned = BooleanField(_l("Sematkan di atas"))
    active = BooleanField(_l("Aktif"), default=True)


class FaqForm(ItemForm):
    topic_id = StringField(_l("Topik"), description=_l(
        "Pertanyaan dengan topik yang sama tampil bersama, mis. Registrasi dan Akun"))
    topic_en = StringField(_l("Topik (English)"))
    question_id = _area(_l("Pertanyaan"), 2)
    question_en = _area(_l("Pertanyaan (English)"), 2)
    answer_id = _area(_l("Jawaban"), 6)
    answer_en = _area(_l("Jawaban (English)"), 6)
    position = IntegerField(_l("Urutan"), validators=[Optional()])
    active = BooleanField(_l("Tampilkan"), default=True)


class HelpPageForm(ItemForm):
    slug = StringField(_l("Alamat halaman"), description=_l(
        "Huruf kecil dan tanda hubung; tampil sebagai /bantuan/<alamat>"))
    title_id = StringField(_l("Judul bab"))
    title_en = StringField(_l("Judul bab (English)"))
    body_id = _area(_l("Isi"), 18, spellcheck="true")
    body_en = _area(_l("Isi (English)"), 18, spellcheck="true")
    position = IntegerField(_l("Urutan bab"), validators=[Optional()])
    active = BooleanField(_l("Tampilkan"), default=True)


class ContactForm(ContentForm):
    address = _area(_l("Alamat kantor"), 2,
                    placeholder=_l("Kosong = alamat instansi kantor di katalog"))
    phone = StringField(_l("Telepon"))
    fax = StringField(_l("Faks"))
    email = StringField("Email")
    hours_id = _area(_l("Jam pelayanan"), 3)
    hours_en = _area(_l("Jam pelayanan (English)"), 3)
    whatsapp = StringField(_l("Nomor WhatsApp helpdesk"), description=_l(
        "mis. 0812xxxxxxx; kosong = tombol WhatsApp tidak tampil"))
    whatsapp_text_id = StringField(_l("Pesan awal WhatsApp"))
    whatsapp_text_en = StringField(_l("Pesan awal WhatsApp (English)"))
    facebook = StringField("Facebook (https://…)")
    instagram = StringField("Instagram (https://…)")
    x = StringField("X (https://…)")
    youtube = StringField("YouTube (https://…)")
