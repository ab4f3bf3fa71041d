"""The file kinds an applicant can upload, in one place.

The upload service (app/services/files.py) accepts a file only when its extension is one of
these kinds and its first bytes look like that kind; the catalogue's check of a requirement
reads the same list, so a requirement can never ask for a format the upload refuses (an
admin typing "docx" is told so before publishing, not the applicant after). Pure data and
text: the catalogue imports nothing from the web layer, the web layer imports this.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .marked import N_

# extension -> (mime type, magic prefixes the content must start with)
FILE_KINDS: dict[str, tuple[str, tuple[bytes, ...]]] = {
    "pdf": ("application/pdf", (b"%PDF-",)),
    "jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    "gif": ("image/gif", (b"GIF87a", b"GIF89a")),
    # AutoCAD drawings start with their format version: AC1012 (R13) .. AC1032 (2018+)
    "dwg": ("image/vnd.dwg", tuple(f"AC10{n:02d}".encode() for n in range(12, 40))),
    # zipped KML from Google Earth / QGIS, which some requirements (maps) accept
    "kmz": ("application/vnd.google-earth.kmz", (b"PK\x03\x04",)),
    # an Excel workbook (a zip of XML parts; no macros, those are .xlsm): lists of vehicles,
    # pupils or budget lines that offices ask for as a spreadsheet
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
             (b"PK\x03\x04",)),
}
# what a list of files calls each kind (marked: the applicant's File Saya shows them translated)
KIND_LABELS = {"pdf": N_("Dokumen PDF"), "jpg": N_("Gambar JPG"), "jpeg": N_("Gambar JPG"),
               "png": N_("Gambar PNG"), "gif": N_("Gambar GIF"),
               "dwg": N_("Gambar Teknik DWG"), "xlsx": N_("Lembar kerja XLSX")}
# the shape catalogue/schemas.py asks of a format; anything else gets the schema's message
_EXTENSION = re.compile(r"[a-z0-9]{2,5}")
MSG_UNKNOWN_FORMAT = N_("Format berkas '{value}' tidak dapat diunggah pemohon; pilihan: "
                        "{choices}.")


def accepted_text(kinds: Iterable[str]) -> str:
    """PDF, JPG, PNG: each accepted kind once (jpeg is jpg), in upper case."""
    seen: list[str] = []
    for kind in kinds:
        label = "JPG" if kind in ("jpg", "jpeg") else kind.upper()
        if label not in seen:
            seen.append(label)
    return ", ".join(seen)


def choices_text() -> str:
    """The extensions an admin may write in a requirement's formats, as written there."""
    return ", ".join(FILE_KINDS)


def unknown_format_message(value: str) -> str:
    """The refusal of a requirement format the upload service does not accept."""
    return MSG_UNKNOWN_FORMAT.format(value=value, choices=choices_text())


def format_issues(formats: object) -> list[tuple[int, str]]:
    """(position, message) for each format of a requirement no upload would accept; values
    that are not well-formed extensions are left to the schema's own message."""
    if not isinstance(formats, list):
        return []
    return [(i, unknown_format_message(value)) for i, value in enumerate(formats)
            if isinstance(value, str) and _EXTENSION.fullmatch(value)
            and value not in FILE_KINDS]
