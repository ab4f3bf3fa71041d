"""Printable documents: receipts and permit certificates as PDF (WeasyPrint), with QR codes.

Nothing here imports Flask, so the workflow, the CLI, tests and benchmarks render the same way.
"""

from .certificate import render_certificate, render_receipt
from .qr import qr_png_bytes, qr_svg_data_uri
from .render import TemplateError, render_pdf, render_template_string_sandboxed

__all__ = [
    "TemplateError", "qr_png_bytes", "qr_svg_data_uri", "render_certificate", "render_pdf",
    "render_receipt", "render_template_string_sandboxed",
]
