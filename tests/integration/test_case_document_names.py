"""The case page names each uploaded document by its requirement and by the name the file had
on the applicant's device: escaped, NIK-like runs masked, long names shortened in the middle."""

from __future__ import annotations

import html as html_lib
import re

import pytest

from app.extensions import db
from tests.backoffice_helpers import detail, staff_client
from tests.helpers import make_applicant, make_submitted

pytestmark = pytest.mark.usefixtures("catalogue")


def original_names(page: str) -> dict[str, tuple[str, str]]:
    """Requirement key -> (shown name, whole name in the title) of each document."""
    found = {}
    for key, block in re.findall(r'data-document="([\w-]+)"(.*?)</div>\s*</div>', page, re.S):
        match = re.search(r'data-original-name(?: title="([^"]*)")?>.*?'
                          r'<span class="font-monospace">(.*?)</span>', block, re.S)
        if match:
            found[key] = (html_lib.unescape(match.group(2)),
                          html_lib.unescape(match.group(1) or ""))
    return found


def test_the_case_page_shows_each_files_original_name(app):
    person, _ = make_applicant(app)
    application = make_submitted(app, person, "SIP-DOKTER")
    plain, odd, long_one = application.documents[:3]
    plain.file.original_filename = "KTP Siti.pdf"
    odd.file.original_filename = "<b>ijazah</b> 6472011505900001.pdf"
    long_one.file.original_filename = "surat_keterangan_" + "sehat_" * 12 + "final_v2.pdf"
    db.session.commit()
    office, _ = staff_client(app, "Verifikator", "DPMPTSP")
    page = detail(office, application.uid).get_data(as_text=True)
    names = original_names(page)
    assert names[plain.requirement_key] == ("KTP Siti.pdf", "")
    shown, _whole = names[odd.requirement_key]
    assert shown == "<b>ijazah</b> 6472********0001.pdf"  # as text, never as markup
    assert "<b>ijazah" not in page and "6472011505900001" not in page
    shown, whole = names[long_one.requirement_key]
    assert len(shown) <= 48 and shown.startswith("surat_keterangan_")
    assert shown.endswith("final_v2.pdf") and "…" in shown
    assert whole == long_one.file.original_filename  # the whole name on hover


def test_an_original_name_equal_to_the_files_name_is_not_repeated(app):
    person, _ = make_applicant(app)
    application = make_submitted(app, person, "SIP-DOKTER")
    document = application.documents[0]
    document.file.original_filename = f"{document.file.name}.{document.file.ext}"
    db.session.commit()
    office, _ = staff_client(app, "Verifikator", "DPMPTSP")
    page = detail(office, application.uid).get_data(as_text=True)
    assert document.requirement_key not in original_names(page)
