"""After replying to a complaint the helpdesk member reads how the reply reached the person:
green when it was mailed, a warning when no e-mail went out (an address not yet proven, or
none given), so a reply the person may never hear of does not look done."""

from __future__ import annotations

import re

import pytest

from tests.backoffice_helpers import staff_client
from tests.complaint_helpers import file_applicant, file_visitor, seed_categories
from tests.helpers import csrf_from, make_applicant


@pytest.fixture(autouse=True)
def _categories(app):
    seed_categories(app)


def reply_alerts(desk, complaint) -> list[tuple[str, str]]:
    """The alerts on the page the member lands on after replying: (colour, text)."""
    base = f"/admin/pengaduan/{complaint.ticket}"
    token = csrf_from(desk.get(base).get_data(as_text=True))
    html = desk.post(f"{base}/balas", follow_redirects=True, data={
        "csrf_token": token, "text": "Sedang kami periksa.", "status": "diproses"}
    ).get_data(as_text=True)
    return [(colour, " ".join(text.split())) for colour, text in re.findall(
        r'<div class="alert alert-(\w+) alert-dismissible[^"]*" role="alert">\s*([^<]*)<', html)]


def test_a_reply_that_was_mailed_is_green(app):
    user, _data = make_applicant(app)
    desk, _ = staff_client(app, "Helpdesk")
    assert reply_alerts(desk, file_applicant(app, user)) == [
        ("success", "Balasan terkirim ke pelapor (aplikasi dan email).")]


@pytest.mark.parametrize(("email", "why"), [
    ("tamu@contoh.id", "Email tidak dikirim: alamat email pelapor belum terverifikasi."),
    ("", "Email tidak dikirim: pelapor tidak memberi alamat email."),
])
def test_a_reply_that_was_not_mailed_is_a_warning(app, email, why):
    desk, _ = staff_client(app, "Helpdesk")
    assert reply_alerts(desk, file_visitor(app, email=email)) == [
        ("warning", "Balasan tersimpan; pelapor membacanya saat melacak pengaduan dengan kode "
                    f"tiketnya. {why}")]
