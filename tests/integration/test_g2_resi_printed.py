"""A receipt searched in a box comes back in the address and on the page as printed on the
receipt (K7QM-2XHD-9RTB), however it was typed; `?resi=` still takes it without dashes or in
lower case (the receipt's QR code, old links, a hand-typed address)."""

from __future__ import annotations

import io
import re

import pytest

from app.services import resi as resi_codes
from tests.helpers import csrf_from, login, make_applicant, make_submitted, publish_catalogue


def _box_value(html: str, box: str) -> str:
    """What the search box on the page shows."""
    tag = re.search(rf'<input[^>]*\bid="{box}"[^>]*>', html).group(0)
    return re.search(r'\bvalue="([^"]*)"', tag).group(1)


@pytest.fixture
def application(app):
    publish_catalogue(app)
    user, data = make_applicant(app)
    return make_submitted(app, user, "SIP-DOKTER"), data


@pytest.mark.parametrize("typed", ["raw", "raw-lower", "printed-lower", "spaced"])
def test_the_tracking_box_leads_to_the_receipt_as_printed(app, client, application, typed):
    resi = application[0].resi
    printed = resi_codes.display(resi)
    value = {"raw": resi, "raw-lower": resi.lower(), "printed-lower": printed.lower(),
             "spaced": " ".join(printed.split("-"))}[typed]
    found = client.post("/lacak", data={"resi": value}, headers={"Origin": "http://localhost"})
    assert found.status_code == 303 and found.location == f"/lacak?resi={printed}"
    html = client.get(found.location).get_data(as_text=True)
    assert 'id="tracking-result"' in html and _box_value(html, "tracking-resi") == printed


@pytest.mark.parametrize("written", ["raw", "raw-lower", "printed", "printed-lower"])
def test_the_tracking_address_takes_either_form_and_shows_the_printed_one(app, client,
                                                                        application, written):
    resi = application[0].resi
    printed = resi_codes.display(resi)
    asked = {"raw": resi, "raw-lower": resi.lower(), "printed": printed,
             "printed-lower": printed.lower()}[written]
    html = client.get(f"/lacak?resi={asked}").get_data(as_text=True)
    assert 'id="tracking-result"' in html and "Dalam Proses" in html
    assert _box_value(html, "tracking-resi") == printed


def test_a_value_that_is_no_receipt_is_shown_back_as_typed(client):
    html = client.get("/lacak?resi=bukan-resi").get_data(as_text=True)
    assert "Nomor resi tidak ditemukan" in html
    assert _box_value(html, "tracking-resi") == "bukan-resi"


def test_the_applicants_monitoring_box_leads_to_the_receipt_as_printed(app, client,
                                                                       application):
    submitted, data = application
    printed = resi_codes.display(submitted.resi)
    assert login(client, data["nik"]).status_code == 302
    token = csrf_from(client.get("/monitoring").get_data(as_text=True))
    found = client.post("/monitoring", data={"csrf_token": token,
                                             "resi": submitted.resi.lower()})
    assert found.status_code == 303 and found.location == f"/monitoring?resi={printed}"
    html = client.get(f"/monitoring?resi={submitted.resi.lower()}").get_data(as_text=True)
    assert _box_value(html, "monitoring-resi") == printed
    assert f'data-resi="{submitted.resi}"' in html


def _pdf_links(data: bytes) -> list[str]:
    """The web addresses a PDF links to (its link annotations)."""
    from pypdf import PdfReader
    links = []
    for page in PdfReader(io.BytesIO(data)).pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A") or {}
            if "/URI" in action:
                links.append(str(action["/URI"]))
    return links


def test_the_receipt_pdf_links_to_its_tracking_page_with_the_receipt_as_printed(
        app, client, application):
    application, data = application
    login(client, data["email"], data["password"])
    pdf = client.get(f"/permohonan/{application.uid}/resi.pdf")
    assert pdf.status_code == 200
    printed = resi_codes.display(application.resi)
    tracking = [link for link in _pdf_links(pdf.data) if "/lacak?resi=" in link]
    assert tracking and all(link.endswith(f"/lacak?resi={printed}") for link in tracking)
    path = tracking[0][tracking[0].index("/lacak"):]
    html = app.test_client().get(path).get_data(as_text=True)
    assert 'id="tracking-result"' in html and _box_value(html, "tracking-resi") == printed



def test_the_tracking_pages_title_says_what_was_found(app, application):
    """A screen reader announces the title first: the receipt and its status, or that the
    receipt was not found, before the page's name."""
    visitor = app.test_client()
    printed = resi_codes.display(application[0].resi)
    html = visitor.get(f"/lacak?resi={printed}").get_data(as_text=True)
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert title.startswith(f"{printed} · Dalam Proses · Lacak Permohonan")
    html = visitor.get("/lacak?resi=ZZZZ-ZZZZ-ZZZZ").get_data(as_text=True)
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert title.startswith("Tidak ditemukan · Lacak Permohonan")
    english = visitor.get(f"/lacak?resi={printed}&_l_=en").get_data(as_text=True)
    assert re.search(r"<title>(.*?)</title>", english, re.S).group(1).startswith(
        f"{printed} · In Process · Track")
