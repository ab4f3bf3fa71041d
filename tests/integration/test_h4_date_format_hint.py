"""A date field tells its format in words under its label, tied to the field with
aria-describedby, not only as a placeholder (which is gone once typing starts and not every
screen reader reads). One macro draws it for every date field: registration's birth date
and a permit's own date fields in the wizard."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from catalogue import DEFINITIONS, load_folder
from tests.helpers import login, make_applicant, publish_catalogue
from tests.wizard_client import fill_and_submit, step_url


def _described(client, url: str, field_id: str) -> tuple[list[str], str]:
    """The ids the field is described by, and the words its format hint says."""
    response = client.get(url)
    assert response.status_code == 200, url
    tree = lxml_html.fromstring(response.get_data())
    control = tree.xpath(f'//input[@id="{field_id}"]')[0]
    ids = (control.get("aria-describedby") or "").split()
    hint = tree.xpath(f'//*[@id="{field_id}-format"]')
    return ids, " ".join(hint[0].text_content().split()) if hint else ""


@pytest.mark.parametrize(("query", "words"), [
    ("", "Format hh/bb/tttt (hari/bulan/tahun), misalnya 17/08/1990"),
    ("?_l_=en", "Format dd/mm/yyyy (day/month/year), for example 17/08/1990")])
def test_birth_date_says_its_format_in_a_hint_it_is_described_by(client, query, words):
    ids, hint = _described(client, "/daftar/perorangan" + query, "birth_date")
    assert hint == words
    assert "birth_date-format" in ids


def test_a_permits_date_field_says_its_format_and_keeps_its_help(app, client):
    publish_catalogue(app)
    user, data = make_applicant(app)
    assert login(client, data["nik"]).status_code == 302
    permit = load_folder(DEFINITIONS).permit("SIP-DOKTER")
    uid = fill_and_submit(client, app, permit, "baru", submit=False)
    ids, hint = _described(client, step_url(uid, "detail"), "str_valid_until")
    assert hint.startswith("Format hh/bb/tttt") and ids == ["str_valid_until-format"]
    page = client.get(step_url(uid, "detail")).get_data(as_text=True)
    assert 'id="revocation_reason-help"' in page  # a help line describes its field too
    assert 'aria-describedby="revocation_reason-help"' in page
