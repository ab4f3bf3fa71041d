"""Step 5's repeating groups: the row the applicant sees is the row the page asks about."""

import re

from tests.helpers import login_new_applicant, publish_catalogue
from tests.integration.test_my_applications import SAMPLE
from tests.wizard_client import fill_and_submit, post_step


def errors_on(html: str) -> dict[str, str]:
    return dict(re.findall(r'data-error-for="([^"]*)">([^<]*)<', html))


def test_a_blank_row_below_the_minimum_marks_its_required_fields_not_the_group(app, client):
    publish_catalogue(app)
    login_new_applicant(app, client)
    uid = fill_and_submit(client, app, SAMPLE.permit("SIP-DOKTER"), "baru", submit=False)
    response = post_step(client, uid, "detail", [
        ("practice_order", "3"), ("other_practices-0-place_name", ""),
        ("other_practices-0-sip_number", ""), ("other_practices-0-schedule", "")])
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    errors = errors_on(html)
    assert errors["other_practices-0-place_name"] == "Wajib diisi."
    assert errors["other_practices-0-sip_number"] == "Wajib diisi."
    assert "other_practices" not in errors and "Minimal 1 baris" not in html
