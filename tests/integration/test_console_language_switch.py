"""The staff console has its own language switch (ID | EN) in the navbar: the portal's
/bahasa/<locale> mechanism, which brings the staff member back to the console page they were
on, now in the language they chose."""

from __future__ import annotations

import re

from tests.backoffice_helpers import page_text, staff_client


def switch_links(page: str) -> dict[str, str]:
    box = re.search(r'<span class="lang-switch[^"]*"[^>]*id="console-lang">(.*?>EN</a>)',
                    page, re.S).group(1)
    return {label: href for href, label in re.findall(r'<a href="([^"]+)"[^>]*>(ID|EN)</a>', box)}


def test_the_console_navbar_switches_language_and_comes_back_to_the_page(app):
    office, _ = staff_client(app, "Verifikator")
    page = office.get("/admin/antrian/").get_data(as_text=True)
    links = switch_links(page)
    assert links == {"ID": "/bahasa/id", "EN": "/bahasa/en"}
    assert 'lang="id" hreflang="id" class="link-light fw-bold" aria-current="true"' in page

    back = office.get(links["EN"], headers={"Referer": "http://localhost/admin/antrian/"})
    assert back.status_code == 302 and back.location == "http://localhost/admin/antrian/"
    english = office.get("/admin/antrian/")
    assert "My Queue" in page_text(english) and "Log out" in page_text(english)
    assert 'hreflang="en" class="link-light fw-bold" aria-current="true"' in \
        english.get_data(as_text=True)

    office.get(switch_links(english.get_data(as_text=True))["ID"],
               headers={"Referer": "http://localhost/admin/antrian/"})
    assert "Antrian Saya" in page_text(office.get("/admin/antrian/"))


def test_the_logout_button_stays_on_one_line(app):
    office, _ = staff_client(app, "Super Admin")
    page = office.get("/admin/").get_data(as_text=True)
    button = re.search(r'<button class="([^"]*)" type="submit" id="staff-logout"', page)
    assert "text-nowrap" in button.group(1)
