"""Who reaches the catalogue console: anonymous visitors are sent to the staff login,
applicants and verifiers are refused, catalogue admins get every screen; every console POST
needs its CSRF token."""

from __future__ import annotations

import io
import re

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import CatalogueDraft
from tests.backoffice_helpers import page_text
from tests.catalogue_helpers import publish_sample, staff_login, version_count
from tests.helpers import get_form, login, make_applicant

CONSOLE_PAGES = ["/admin/katalog/", "/admin/katalog/izin/", "/admin/katalog/izin/SIPA",
                 "/admin/katalog/draf/", "/admin/katalog/unggah/", "/admin/katalog/versi/",
                 "/admin/katalog/izin/SIPA/pratinjau", "/admin/katalog/unduh/terkini.xlsx"]


def test_anonymous_visitors_are_sent_to_the_staff_login(client):
    publish_sample()
    for url in CONSOLE_PAGES:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.location.startswith("/staff/login?next="), url


def test_applicants_and_verifiers_are_refused(app, client):
    publish_sample()
    _user, data = make_applicant(app, email="warga-katalog@contoh.id")
    login(client, data["nik"])
    for url in CONSOLE_PAGES:
        response = client.get(url)
        assert response.status_code in (302, 403, 404), url
        assert "Katalog Perizinan" not in response.get_data(as_text=True)
    client.post("/keluar", data={"csrf_token": get_form(client, "/dashboard")})

    other = app.test_client()
    staff_login(app, other, "Verifikator")
    for url in CONSOLE_PAGES:
        assert other.get(url).status_code == 404, url
    home = other.get("/admin/").get_data(as_text=True)
    assert 'href="/admin/katalog/"' not in home


@pytest.mark.parametrize("role", ["Admin Katalog", "Super Admin"])
def test_catalogue_admins_get_every_screen(app, client, role):
    publish_sample()
    staff_login(app, client, role)
    for url in CONSOLE_PAGES:
        assert client.get(url).status_code == 200, url
    home = client.get("/admin/").get_data(as_text=True)
    assert 'href="/admin/katalog/"' in home  # one menu entry; its screens link the others
    nav = page_text(client.get("/admin/katalog/"))
    assert "Katalog terbit Draf Unggah Workbook Riwayat Versi" in nav


def test_every_console_post_refuses_a_request_without_csrf_token(app, admin, tmp_path):
    publish_sample()
    posts = sorted({re.sub(r"<(?:[^:>]+:)?([^>]+)>", "x", re.sub(r"<int:\w+>", "1", rule.rule))
                    for rule in app.url_map.iter_rules()
                    if rule.rule.startswith("/admin/katalog") and "POST" in rule.methods})
    assert {"/admin/katalog/draf/mulai", "/admin/katalog/draf/terbitkan",
            "/admin/katalog/draf/buang", "/admin/katalog/unggah/",
            "/admin/katalog/unggah/terbitkan"} <= set(posts)
    for url in posts:
        url = url.replace("/x/", "/izin/", 1) if "/draf/x/" in url else url
        response = admin.post(url, data={"note": "x", "file": (io.BytesIO(b"x"), "a.xlsx")},
                              content_type="multipart/form-data")
        assert response.status_code == 400, url
    # nothing happened
    assert db.session.scalar(select(func.count(CatalogueDraft.id))) == 0
    assert version_count() == 1
