"""Receipts and certificates as real PDFs: their text, their QR code, and the template sandbox.

The QR check renders the page with poppler (as a phone camera would see the print), finds the
three finder patterns and samples every module; no QR decoder is installed, so the sampled
modules are compared with segno's encoding of the expected URL (and must differ for another).
"""

from __future__ import annotations

import io
import json
import subprocess
from datetime import date, datetime, timedelta, timezone
from itertools import groupby
from pathlib import Path

import pytest
import segno
from PIL import Image
from pypdf import PdfReader

from app.documents import (
    TemplateError,
    qr_png_bytes,
    qr_svg_data_uri,
    render_certificate,
    render_pdf,
    render_receipt,
    render_template_string_sandboxed,
)
from app.documents.qr import ERROR_LEVEL

ROOT = Path(__file__).resolve().parents[2]
DEFINITIONS = ROOT / "catalogue" / "definitions"
VERIFY_URL = "https://eptsp.example.go.id/verifikasi/Q7mZ2xK9pL4vN8rT6wYbA3"
TRACK_URL = "https://eptsp.example.go.id/lacak/7KX4M9QPTR2W"


def _permit(code: str) -> dict:
    return json.loads((DEFINITIONS / "permits" / f"{code}.json").read_text())


def _agency(code: str) -> dict:
    agencies = json.loads((DEFINITIONS / "agencies.json").read_text())
    return next(a for a in agencies if a["code"] == code)


def certificate_context(permit_code: str = "IZIN-ANGSUS", **extra) -> dict:
    return {
        "permit": _permit(permit_code),
        "permit_number": "551/0042/ASK/DPMPTSP/2026",
        "issuer": _agency("DPMPTSP"),
        "applicant": {"name": "PT Borneo Sewa Sejahtera", "identity_number": "0123456789012345",
                      "address": "Jl. Juanda No. 8, Samarinda"},
        "details": [{"label": "Jumlah Armada", "value": "25 unit"}],
        "valid_until": date(2031, 11, 23),
        "issued_on": date(2026, 11, 23),
        "signer": {"name": "Dr. H. Fahmi Prima Laksana"},
        "qr_data_uri": qr_svg_data_uri(VERIFY_URL),
        "verification_url": VERIFY_URL,
        **extra,
    }


def receipt_context(**extra) -> dict:
    return {
        "resi": "7KX4-M9QP-TR2W",
        "registration_number": "12/SIP-D/11/2026",
        "submitted_at": datetime(2026, 11, 23, 9, 41, tzinfo=timezone(timedelta(hours=8))),
        "permit_name": "Surat Izin Praktik Dokter",
        "application_type": "Baru",
        "applicant": {"name": "Siti Rahmawati", "identity_number": "6472015708880002",
                      "address": "Jl. Pahlawan No. 12", "email": "siti@example.id",
                      "phone": "081234567890"},
        "documents": [{"requirement": "Scan KTP", "filename": "ktp-siti.pdf"},
                      {"requirement": "Surat Tanda Registrasi (STR)", "filename": "str.pdf"}],
        "estimated_completion": date(2026, 11, 30),
        "tracking_url": TRACK_URL,
        "qr_data_uri": qr_svg_data_uri(TRACK_URL),
        "office_name": "DPMPTSP Provinsi Kalimantan Timur",
        **extra,
    }


def pypdf_text(pdf: bytes) -> str:
    """Whitespace collapsed: a caption may wrap differently from one reader to the next."""
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())


def poppler_text(pdf: bytes) -> str:
    out = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
    return " ".join(out.stdout.decode().split())


def page_image(pdf: bytes, dpi: int = 150) -> Image.Image:
    png = subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-f", "1", "-l", "1", "-gray"],
                         input=pdf, capture_output=True, check=True).stdout
    return Image.open(io.BytesIO(png)).convert("L")


# --- QR sampling ---------------------------------------------------------------------------

def _runs(values) -> list[tuple[bool, int, int]]:
    """(dark, start, length) runs of a row or column of grey values."""
    out, pos = [], 0
    for dark, group in groupby(v < 128 for v in values):
        length = sum(1 for _ in group)
        out.append((dark, pos, length))
        pos += length
    return out


def _finder_centres(runs) -> list[tuple[float, float]]:
    """Centres (position, module) of 1:1:3:1:1 dark/light runs, the finder pattern's profile."""
    found = []
    for i in range(len(runs) - 4):
        window = runs[i:i + 5]
        if not window[0][0]:
            continue
        lengths = [length for _, _, length in window]
        unit = sum(lengths) / 7
        if unit >= 1.5 and all(abs(n - k * unit) <= unit * 0.6
                               for n, k in zip(lengths, (1, 1, 3, 1, 1), strict=True)):
            middle = window[2]
            found.append((middle[1] + middle[2] / 2, unit))
    return found


def find_finders(img: Image.Image) -> list[tuple[float, float, float]]:
    """The three finder patterns as (x, y, module size), confirmed across and down."""
    width, height = img.size
    pixels = img.load()
    hits = []
    for y in range(0, height, 2):
        for x, unit in _finder_centres(_runs(pixels[x, y] for x in range(width))):
            column = _runs(pixels[int(x), yy] for yy in range(height))
            for cy, vunit in _finder_centres(column):
                if abs(cy - y) <= 2 * unit and abs(vunit - unit) <= unit * 0.5:
                    hits.append((x, cy, unit))
    clusters: list[list[tuple[float, float, float]]] = []
    for hit in hits:
        for cluster in clusters:
            near, first = 3 * hit[2], cluster[0]
            if (abs(first[0] - hit[0]) < near and abs(first[1] - hit[1]) < near
                    and abs(first[2] - hit[2]) <= 0.25 * first[2]):  # and the same module
                cluster.append(hit)
                break
        else:
            clusters.append([hit])
    return _corner_triple([tuple(sum(h[k] for h in c) / len(c) for k in range(3))
                           for c in clusters])


def _corner_triple(centres: list[tuple[float, float, float]]) -> list[tuple[float, float, float]]:
    """The finder patterns sit at three corners of a square: top-right level with top-left,
    bottom-left straight below it, both as far from it. The code's own data (or text) can
    show the 1:1:3:1:1 profile too, as many times as a real finder, so of all candidates the
    widest triple with that shape and one module size is taken, not the three seen most
    often."""
    best: list[tuple[float, float, float]] = []
    for top_left in centres:
        slack = 2 * top_left[2]  # two modules
        same_module = [c for c in centres if abs(c[2] - top_left[2]) <= 0.25 * top_left[2]]
        for top_right in same_module:
            side = top_right[0] - top_left[0]
            if side < 7 * top_left[2] or abs(top_right[1] - top_left[1]) > slack:
                continue
            for bottom_left in same_module:
                if (abs(bottom_left[0] - top_left[0]) <= slack
                        and abs(bottom_left[1] - top_left[1] - side) <= slack
                        and (not best or side > best[1][0] - best[0][0])):
                    best = [top_left, top_right, bottom_left]
    return best


def sample_qr(img: Image.Image, size: int) -> list[list[bool]]:
    """Read a size x size module grid located by its finder patterns."""
    finders = find_finders(img)
    assert len(finders) == 3, f"expected three QR finder patterns, found {len(finders)}"
    top_left = min(finders, key=lambda f: f[0] + f[1])
    others = [f for f in finders if f is not top_left]
    top_right = min(others, key=lambda f: f[1])
    bottom_left = max(others, key=lambda f: f[1])
    step_x = (top_right[0] - top_left[0]) / (size - 7)
    step_y = (bottom_left[1] - top_left[1]) / (size - 7)
    pixels = img.load()
    return [[pixels[round(top_left[0] + (col - 3) * step_x),
                    round(top_left[1] + (row - 3) * step_y)] < 128
             for col in range(size)] for row in range(size)]


def segno_modules(url: str) -> list[list[bool]]:
    qr = segno.make(url, error=ERROR_LEVEL, micro=False, boost_error=False)
    return [[bool(v) for v in row] for row in qr.matrix]


def mismatches(sampled, expected) -> int:
    return sum(a != b for r1, r2 in zip(sampled, expected, strict=True)
               for a, b in zip(r1, r2, strict=True))


def assert_page_qr_encodes(pdf: bytes, url: str) -> None:
    expected = segno_modules(url)
    sampled = sample_qr(page_image(pdf), len(expected))
    assert mismatches(sampled, expected) == 0
    other = segno_modules(url[:-1] + ("B" if url[-1] != "B" else "C"))
    if len(other) == len(expected):
        assert mismatches(sampled, other) > 20  # the check can tell two URLs apart


# --- tests -----------------------------------------------------------------------------------

def test_receipt_pdf_shows_the_receipt_data_and_its_tracking_qr():
    pdf = render_receipt(receipt_context())
    assert pdf.startswith(b"%PDF")
    for text in (pypdf_text(pdf), poppler_text(pdf)):
        for needle in ("7KX4-M9QP-TR2W", "12/SIP-D/11/2026", "Surat Izin Praktik Dokter",
                       "Siti Rahmawati", "6472015708880002", "ktp-siti.pdf",
                       "23 November 2026", "30 November 2026", "Pindai untuk memeriksa status"):
            assert needle in text, needle
    assert_page_qr_encodes(pdf, TRACK_URL)


def test_receipt_escapes_applicant_text():
    pdf = render_receipt(receipt_context(applicant={
        "name": "<b>Budi</b> & Rekan", "identity_number": "1", "address": "-", "email": "-",
        "phone": "-"}))
    assert "<b>Budi</b> & Rekan" in poppler_text(pdf)


def test_generic_certificate_has_number_holder_and_verification_qr():
    pdf = render_certificate(None, certificate_context())
    for text in (pypdf_text(pdf), poppler_text(pdf)):
        for needle in ("551/0042/ASK/DPMPTSP/2026", "PT Borneo Sewa Sejahtera", "Jumlah Armada",
                       "23 November 2031", "Ditandatangani secara elektronik",
                       "Pindai untuk memeriksa keaslian"):
            assert needle in text, needle
    assert_page_qr_encodes(pdf, VERIFY_URL)


def test_catalogue_generic_template_renders_with_the_contract():
    source = (DEFINITIONS / "templates" / "certificate-generic.html").read_text()
    pdf = render_certificate(source, certificate_context())
    text = poppler_text(pdf)
    assert "551/0042/ASK/DPMPTSP/2026" in text and "PT Borneo Sewa Sejahtera" in text
    assert "2031-11-23" not in text and "23 November 2031" in text  # dates print in Indonesian
    assert_page_qr_encodes(pdf, VERIFY_URL)


def test_template_without_qr_still_gets_the_verification_qr():
    """certificate-sip.html has no QR of its own; every certificate must still be verifiable."""
    source = (DEFINITIONS / "templates" / "certificate-sip.html").read_text()
    assert "qr_data_uri" not in source
    ctx = certificate_context("SIP-DOKTER", data={"str_number": "3121100220145678",
                                                   "practice_address": "Jl. Pahlawan No. 12"})
    pdf = render_certificate(source, ctx)
    text = poppler_text(pdf)
    assert "3121100220145678" in text and "PT Borneo Sewa Sejahtera" in text
    assert "Pindai untuk memeriksa keaslian" in text
    assert_page_qr_encodes(pdf, VERIFY_URL)


def test_qr_png_is_segnos_encoding_of_the_url():
    img = Image.open(io.BytesIO(qr_png_bytes(VERIFY_URL, scale=8))).convert("L")
    expected = segno_modules(VERIFY_URL)
    # border 2 modules of 8 px: module (r, c) has its centre at 8 * (2 + c) + 4
    sampled = [[img.getpixel((8 * (2 + c) + 4, 8 * (2 + r) + 4)) < 128
                for c in range(len(expected))] for r in range(len(expected))]
    assert mismatches(sampled, expected) == 0


def test_sandbox_keeps_templates_away_from_python_internals():
    assert "class" not in render_template_string_sandboxed("{{ ''.__class__ }}", {})
    with pytest.raises(TemplateError) as caught:
        render_template_string_sandboxed(
            "baris satu\n{{ ''.__class__.__mro__[1].__subclasses__() }}", {})
    assert "tidak diizinkan" in caught.value.message
    assert caught.value.line == 2
    with pytest.raises(TemplateError):
        render_template_string_sandboxed("{{ cycler.__init__.__globals__.os }}", {})


def test_sandbox_escapes_values():
    html = render_template_string_sandboxed("<p>{{ name }}</p>", {"name": "<script>x</script>"})
    assert html == "<p>&lt;script&gt;x&lt;/script&gt;</p>"


@pytest.mark.parametrize(("source", "line", "words"), [
    ("<p>\n{% if %}\n</p>", 2, "tidak valid pada baris 2"),
    ("<p>\n\n{% for x in items %}{{ x }}\n", 3, "tidak valid pada baris 3"),
    ("a\nb\n{{ permit.name.id }}", 3, "tidak tersedia (baris 3)"),
])
def test_broken_template_gives_template_error_naming_the_line(source, line, words):
    with pytest.raises(TemplateError) as caught:
        render_template_string_sandboxed(source, {})
    assert caught.value.line == line
    assert words in caught.value.message


def test_broken_catalogue_template_surfaces_from_render_certificate():
    with pytest.raises(TemplateError):
        render_certificate("<p>{% endif %}</p>", certificate_context())


def test_renderer_never_fetches_network_or_files_outside_static(tmp_path):
    secret = tmp_path / "secret.png"
    secret.write_bytes(qr_png_bytes("rahasia"))
    html = (f'<img src="http://127.0.0.1:9/x.png" alt="remote">'
            f'<img src="{secret.as_uri()}" alt="local">'
            f'<img src="{qr_svg_data_uri("ok")}" alt="data">')
    pdf = render_pdf(html)
    reader = PdfReader(io.BytesIO(pdf))
    # only the data: URI is drawn (as vectors); the refused images fall back to alt text
    assert not reader.pages[0].images
    assert "remote" in poppler_text(pdf) and "local" in poppler_text(pdf)
