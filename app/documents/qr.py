"""QR codes for printed documents: they take a reader from paper to the live record.

Error correction level M survives a stamp or a fold on a printed certificate while keeping the
symbol small enough to sit in a corner of an A4 page; the caller's URL is encoded as is.
"""

from __future__ import annotations

import io

import segno

ERROR_LEVEL = "m"


def _make(url: str) -> segno.QRCode:
    return segno.make(url, error=ERROR_LEVEL, micro=False, boost_error=False)


def qr_svg_data_uri(url: str) -> str:
    """An SVG data URI, so the PDF carries the code as vectors (sharp at any print size)."""
    return _make(url).svg_data_uri(scale=4, border=2, dark="#000", light="#fff")


def qr_png_bytes(url: str, *, scale: int = 8) -> bytes:
    """PNG bytes, for screens and downloads where an image file is easier than SVG."""
    out = io.BytesIO()
    _make(url).save(out, kind="png", scale=scale, border=2)
    return out.getvalue()
