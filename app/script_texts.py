"""What the page's scripts say, in the reader's language, and the rules they check before
sending, taken from where the server decides them.

The upload, password-meter, e-mail-code and map scripts had their own Indonesian copies of
the server's messages and of the password rule's numbers: an English page answered a wrong
file or a short password in Indonesian, and a changed rule had to be changed twice. A page
now hands its scripts one JSON block (`{{ script_texts('upload') }}`, read through
static/js/texts.js): texts with {name} places the script fills in."""

from __future__ import annotations

from flask_babel import gettext as _
from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup

from . import i18n, passwords
from .security.headers import nonce
from .services import files


def _upload(lang: str) -> dict:
    return {
        "choose": i18n.marked_in(files.MSG_CHOOSE, lang),
        "format": i18n.marked_in(files.MSG_FORMAT, lang),
        "size": i18n.marked_in(files.MSG_SIZE, lang),
        "empty": i18n.marked_in(files.MSG_EMPTY, lang),
        "this_file": _("(berkas ini {size})"),
        "uploading": _("Mengunggah {name}…"),
        "uploaded": _("Upload berhasil: %(name)s", name="{name}"),
        "expired": _("Sesi formulir berakhir. Muat ulang halaman lalu coba lagi."),
        "too_many": _("Terlalu banyak unggahan. Tunggu beberapa menit lalu coba lagi."),
        "failed": _("Upload gagal (kode {code}). Coba lagi."),
        "offline": _("Koneksi terputus saat mengunggah. Periksa koneksi internet lalu coba "
                     "lagi."),
        "new": _("Unggah baru"),
        "to_fix": _("Perlu diperbaiki: {note}"),
    }


def _password(lang: str) -> dict:
    return {
        "min_length": passwords.MIN_LENGTH, "max_length": passwords.MAX_LENGTH,
        "strong_length": passwords.STRONG_LENGTH, "nearly_length": passwords.NEARLY_LENGTH,
        "too_short": i18n.marked_in(passwords.MSG_MIN_LENGTH, lang),
        "too_long": i18n.marked_in(passwords.MSG_MAX_LENGTH, lang),
        "labels": [i18n.marked_in(label, lang) for label in passwords.STRENGTH_LABELS],
        "strength": _("Kekuatan sandi: {label}"),
    }


def _email_code(_lang: str) -> dict:
    return {
        "sending": _("Mengirim kode…"),
        "failed": _("Gagal mengirim kode. Coba lagi."),
        "too_often": _("Terlalu sering meminta kode. Tunggu beberapa menit."),
    }


def _map(_lang: str) -> dict:
    return {"unavailable": _("Peta tidak dapat dimuat; isi koordinat secara manual.")}


GROUPS = {"upload": _upload, "password": _password, "email_code": _email_code, "map": _map}


def script_texts(*groups: str) -> Markup:
    """The JSON block a page's scripts read (id="script-texts"): each group's texts in the
    reader's language. A data block runs nothing; it carries the page's nonce all the same,
    as every script element does (one rule for the policy and its test)."""
    lang = i18n.locale()
    found = {name: GROUPS[name](lang) for name in groups}
    return Markup('<script type="application/json" id="script-texts" nonce="{}">{}</script>'
                  ).format(nonce(), htmlsafe_json_dumps(found))
