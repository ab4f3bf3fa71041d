"""A decision note (a rejection reason, a revision note) is read on the applicant's page and
in their e-mail: the service refuses one longer than review.NOTE_MAX, on the console and
through the API alike, and the console keeps what was typed and counts it as it is typed."""

from __future__ import annotations

import re

import pytest

from app.extensions import db
from app.services import review
from tests import api_helpers
from tests.backoffice_helpers import act, detail, page_text, staff_client
from tests.helpers import make_applicant, make_submitted

pytestmark = pytest.mark.usefixtures("catalogue")
TOO_LONG = "Alasan panjang. " * 800  # 12,800 characters


def test_the_console_refuses_a_note_over_the_limit_and_keeps_it(app):
    person, _ = make_applicant(app)
    application = make_submitted(app, person, "SIP-DOKTER")
    verifikator, _ = staff_client(app, "Verifikator", "DPMPTSP")
    page = detail(verifikator, application.uid).get_data(as_text=True)
    assert re.search(r'<textarea[^>]*name="note"[^>]*maxlength="2000"', page)
    assert "0 / 2000 karakter" in page_text(detail(verifikator, application.uid))

    response = act(verifikator, application.uid, "tolak", note=TOO_LONG)
    assert response.status_code == 422
    text = page_text(response)
    assert "Catatan/alasan paling panjang 2000 karakter; yang diketik 12799 karakter." in text
    assert "12799 / 2000 karakter" in text
    assert TOO_LONG.strip() in response.get_data(as_text=True)  # nothing typed is lost
    db.session.refresh(application)
    assert application.status == "in_process"

    exactly = act(verifikator, application.uid, "tolak", note="x" * review.NOTE_MAX)
    assert exactly.status_code == 302
    db.session.refresh(application)
    assert application.status == "rejected"


def test_line_breaks_count_once_as_the_note_box_counts_them(app):
    person, _ = make_applicant(app)
    application = make_submitted(app, person, "SIP-DOKTER")
    verifikator, _ = staff_client(app, "Verifikator", "DPMPTSP")
    note = "baris\r\n" * 280 + "akhir"  # 1,965 characters in the box, 2,245 posted
    assert act(verifikator, application.uid, "tolak", note=note).status_code == 302


def test_the_api_is_limited_by_the_same_rule(app, client):
    person, _ = make_applicant(app)
    application = make_submitted(app, person, "SIP-DOKTER")
    _v, token = api_helpers.staff_with_token(app, "Verifikator", "DPMPTSP")
    response = api_helpers.act(client, token, application.uid, "tolak", note="y" * 2500)
    assert response.status_code == 400
    assert response.get_json()["errors"]["note"] == ["Maksimal 2000 karakter."]
    db.session.refresh(application)
    assert application.status == "in_process"
