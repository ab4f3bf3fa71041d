"""A missing or forbidden page under /admin is the console's own error page for staff (its
navbar, a way back to the console); visitors and applicants get the portal's page."""

from __future__ import annotations

import pytest

from tests.backoffice_helpers import page_text, staff_client


def test_a_console_404_keeps_the_console_and_leads_back_to_it(app):
    office, _ = staff_client(app, "Admin Katalog")
    response = office.get("/admin/katalog/draf/izin/IZIN-PENELITIAN/tidak-ada")
    html = response.get_data(as_text=True)
    assert response.status_code == 404
    assert 'id="console-error" data-code="404"' in html and 'id="admin-navbar"' in html
    assert 'href="/admin/" id="back-to-console"' in html
    assert "Kembali ke Konsol" in page_text(response)
    assert "Kembali ke Beranda" not in page_text(response)  # not the portal's page

    office.get("/bahasa/en", headers={"Referer": "http://localhost/"})
    english = page_text(office.get("/admin/tidak-ada"))
    assert "Page not found" in english and "Back to the console" in english


def test_a_screen_the_role_lacks_is_a_console_404(app):
    office, _ = staff_client(app, "Verifikator")
    response = office.get("/admin/pengguna/")
    assert response.status_code == 404
    assert 'id="console-error"' in response.get_data(as_text=True)


def test_visitors_get_the_portals_page(client):
    response = client.get("/admin/tidak-ada")
    assert response.status_code == 404
    assert 'id="console-error"' not in response.get_data(as_text=True)
    assert "Kembali ke Beranda" in page_text(response)


def test_a_console_form_sent_without_its_token_gets_the_console_page(app, caplog):
    """The CSRF refusal comes before Flask-AppBuilder's request hook names the user for the
    console's frame; its error page then failed and the portal's page stood in."""
    office, _ = staff_client(app, "Admin Katalog")
    response = office.post("/admin/katalog/draf/mulai", data={})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'id="console-error" data-code="400"' in html and 'id="admin-navbar"' in html
    assert "the console's error page failed" not in caplog.text


@pytest.mark.fresh_app
def test_a_refused_action_without_a_referer_goes_back_to_the_console(app):
    """A refusal (DomainError) with no page to go back to — a console link opened in a new
    tab — lands on the console's home for staff, not on the public portal's."""
    from app.services.errors import DomainError

    def refused():
        raise DomainError("Tidak dapat diproses.")

    app.add_url_rule("/admin/_uji_ditolak", "uji_ditolak", refused)
    office, _ = staff_client(app, "Verifikator")
    answer = office.get("/admin/_uji_ditolak")
    assert answer.status_code == 302 and answer.location.endswith("/admin/")
    assert "Tidak dapat diproses." in page_text(office.get(answer.location))

    visitor = app.test_client()  # anyone else still goes to the portal
    assert visitor.get("/admin/_uji_ditolak").location.endswith("/")
    assert not visitor.get("/admin/_uji_ditolak").location.endswith("/admin/")
