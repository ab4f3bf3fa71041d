"""The public layout's header, footer and links are rendered once and reused
(app/page_parts.py): what a visitor sees must still be what is stored now, in every server
process, and nothing of one visitor or one request may reach another."""

from __future__ import annotations

import copy
import re

from flask import Response

from tests.backoffice_helpers import page_text, staff_client
from tests.conftest import IsolatedClient
from tests.helpers import csrf_from, login, make_applicant, make_submitted, publish_catalogue
from tests.integration.test_security_headers import page_nonce, scripts_carry

PUBLIC = ("/", "/lacak", "/persyaratan", "/bantuan")


def second_process(app, another_app):
    """Another instance of the service on the same database, as a second server process."""
    other = another_app(**app.config)
    other.test_client_class = IsolatedClient
    return other


def footer(response) -> str:
    html = response.get_data(as_text=True)
    return page_text_of(html[html.index('<footer class="site-footer'):])


def topbar(response) -> str:
    html = response.get_data(as_text=True)
    return page_text_of(html[html.index('<div class="topbar'):html.index("<nav ")])


def page_text_of(html: str) -> str:
    return page_text(Response(html))


def edit_contact(admin, **fields) -> None:
    token = csrf_from(admin.get("/admin/konten/kontak").get_data(as_text=True))
    response = admin.post("/admin/konten/kontak", data={"csrf_token": token, **fields})
    assert response.status_code == 302, page_text(response)[:500]


def test_a_contact_edit_shows_on_the_next_page_in_every_process(app, client, another_app):
    publish_catalogue(app)
    other = second_process(app, another_app).test_client()
    english = app.test_client()
    english.get("/bahasa/en")
    for visitor in (client, other, english):  # every part of every page rendered and kept
        for url in PUBLIC:
            assert "(0541) 999000" not in visitor.get(url).get_data(as_text=True)
    admin, _ = staff_client(app, "Super Admin")
    edit_contact(admin, phone="(0541) 999000", email="loket@contoh.go.id",
                 hours_id="Senin–Jumat 08.00–16.00", hours_en="Mon–Fri 8:00–16:00")
    for visitor in (client, other):
        for url in PUBLIC:
            page = visitor.get(url)
            assert "(0541) 999000" in topbar(page) and "loket@contoh.go.id" in topbar(page)
            assert "Telepon: (0541) 999000" in footer(page), url
            assert "Senin–Jumat 08.00–16.00" in footer(page), url
    assert "Phone: (0541) 999000" in footer(english.get("/lacak"))
    assert "Mon–Fri 8:00–16:00" in footer(english.get("/lacak"))
    edit_contact(admin, phone="(0541) 777000")
    for visitor in (client, other, english):
        page = visitor.get("/lacak")
        assert "(0541) 777000" in topbar(page) and "(0541) 999000" not in topbar(page)
        assert "(0541) 999000" not in footer(page) and "Mon–Fri" not in footer(page)


def test_a_newly_published_office_address_shows_on_the_next_page_in_every_process(
        app, client, another_app):
    from app.services import catalogue_store

    version = publish_catalogue(app)
    other = second_process(app, another_app).test_client()
    for visitor in (client, other):
        assert "Jl. Basuki Rahmat No. 56" in footer(visitor.get("/lacak"))
    data = copy.deepcopy(version.content)
    office = next(a for a in data["agencies"] if a["code"] == app.config["OFFICE_AGENCY"])
    office["address"] = "Jl. Pahlawan No. 9, Samarinda"
    catalogue_store.publish(data, catalogue_store.assets_of(version), source="uji", issues=[])
    for visitor in (client, other):
        for url in PUBLIC:
            shown = footer(visitor.get(url))
            assert "Jl. Pahlawan No. 9, Samarinda" in shown, url
            assert "Basuki Rahmat" not in shown, url


def test_the_header_speaks_the_readers_language_and_marks_the_page_open(app, client):
    publish_catalogue(app)
    first = client.get("/lacak").get_data(as_text=True)
    assert '<html lang="id">' in first and "Lewati ke konten utama" in first
    assert re.search(r'class="nav-link active" href="/lacak" id="nav-tracking"', first)
    home = client.get("/").get_data(as_text=True)
    assert re.search(r'class="nav-link active" href="/" id="nav-home" aria-current="page"', home)
    assert 'class="nav-link active" href="/lacak"' not in home
    # English chosen for one request (?_l_=en): English texts, the visitor's language kept
    asked = client.get("/lacak?_l_=en").get_data(as_text=True)
    assert "Skip to main content" in asked and "Lewati ke konten utama" not in asked
    assert '<html lang="id">' in client.get("/lacak").get_data(as_text=True)
    client.get("/bahasa/en")
    chosen = client.get("/lacak").get_data(as_text=True)
    assert '<html lang="en">' in chosen and "Skip to main content" in chosen
    assert re.search(r'lang="en" aria-current="true"', chosen)
    client.get("/bahasa/id")
    again = client.get("/lacak").get_data(as_text=True)
    assert '<html lang="id">' in again and "Lewati ke konten utama" in again
    assert re.search(r'lang="id" aria-current="true"', again)


def switch_marks(html: str) -> list[str]:
    """The languages the header's switch marks as the current one (topbar and phone menu)."""
    marked = re.findall(r'<a [^>]*lang="(id|en)" aria-current="true"', html)
    offered = re.search(r'href="/bahasa/(id|en)"[^>]*><i class="bi bi-translate"', html).group(1)
    return [*marked, "phone:" + ("en" if offered == "id" else "id")]


SKIP_LINK = {"id": "Lewati ke konten utama", "en": "Skip to main content"}


def assert_shown_in(client, path: str, lang: str) -> None:
    """The page's texts, <html lang> and the header's switch all in `lang`."""
    html = client.get(path).get_data(as_text=True)
    assert SKIP_LINK[lang] in html and f'<html lang="{lang}">' in html
    assert switch_marks(html) == [lang, f"phone:{lang}"]


def test_the_language_switch_marks_the_language_the_page_is_shown_in(app, client):
    """A link with ?_l_= shows the page in that language for one request: the header's switch
    and <html lang> must say so, and a kept header must not show it on the next page."""
    publish_catalogue(app)
    for _ in range(2):  # the second round is served from the kept parts
        assert_shown_in(client, "/lacak?_l_=en", "en")
        assert_shown_in(client, "/lacak", "id")
    client.get("/bahasa/en")
    for _ in range(2):
        assert_shown_in(client, "/lacak?_l_=id", "id")
        assert_shown_in(client, "/lacak", "en")


def test_nonces_tokens_and_names_are_never_shared_between_visitors(app, client):
    """Anonymous visitors first (the parts are made then), then two applicants: each page
    has its own nonce, each applicant their own name and logout token, and nothing personal
    is kept in the shared parts."""
    publish_catalogue(app)
    seen = set()
    for _ in range(2):
        for url in PUBLIC:
            page = client.get(url)
            nonce = page_nonce(page)
            scripts_carry(page.get_data(as_text=True), nonce)
            assert nonce not in seen
            seen.add(nonce)
    people = []
    for name in ("Rahmat Hidayat", "Dewi Lestari"):
        browser = app.test_client()
        user, data = make_applicant(app, name=name)
        assert login(browser, data["nik"]).status_code == 302
        people.append((browser, user, data))
    tokens = []
    for browser, user, data in people:
        page = browser.get("/lacak")
        html = page.get_data(as_text=True)
        scripts_carry(html, page_nonce(page))
        assert re.search(r'<span class="nav-label-xl user-name">([^<]*)</span>',
                         html).group(1) == user.first_name
        others = [u.first_name for _b, u, _d in people if u is not user]
        assert not any(f"user-name\">{n}<" in html for n in others)
        logout = re.search(r'action="/keluar".*?value="([^"]+)"', html, re.S).group(1)
        tokens.append(logout)
        assert data["nik"] not in html
    assert tokens[0] != tokens[1]
    anonymous = client.get("/lacak").get_data(as_text=True)
    assert 'id="user-menu"' not in anonymous and 'action="/keluar"' not in anonymous
    assert all(u.first_name not in anonymous for _b, u, _d in people)
    kept = " ".join(str(html) for html in app.extensions["eptsp_page_parts"].values())
    assert kept, "the parts were not kept: this test would prove nothing"
    for _browser, user, data in people:
        for personal in (user.first_name, data["nik"], data["email"]):
            assert personal not in kept
    assert "csrf_token" not in kept and "nonce" not in kept
    # each applicant's logout token is their own: it logs out its owner only
    browser, _user, _data = people[1]
    assert browser.post("/keluar", data={"csrf_token": tokens[0]}).status_code == 400
    assert browser.post("/keluar", data={"csrf_token": tokens[1]}).status_code == 302


def test_a_tracking_page_keeps_the_receipt_out_of_the_shared_parts(app, client):
    user, _data = make_applicant(app)
    publish_catalogue(app)
    application = make_submitted(app, user)
    page = client.get(f"/lacak?resi={application.resi}")
    assert page.status_code == 200 and 'id="tracking-status"' in page.get_data(as_text=True)
    kept = " ".join(str(html) for html in app.extensions["eptsp_page_parts"].values())
    assert application.resi not in kept and user.first_name not in kept
    staff, _ = staff_client(app, "Super Admin")
    assert "Konsol Staf" in staff.get("/lacak").get_data(as_text=True)
    assert "Konsol Staf" not in client.get("/lacak").get_data(as_text=True)
