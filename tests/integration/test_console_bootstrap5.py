"""The staff console looks like the portal: every console page loads our vendored Bootstrap 5
(CSS, icons, app.css, the bundle), none loads Flask-Admin's Bootstrap 4 or a CDN, our console
templates use no Bootstrap 4-only class, and the home page offers a card per screen the
staff member may open."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.extensions import db
from app.models import OutboxMessage
from tests.backoffice_helpers import page_text, staff_client
from tests.helpers import make_applicant, make_submitted

ROOT = Path(__file__).resolve().parents[2]
OURS = ("/static/vendor/bootstrap/css/bootstrap.min.css",
        "/static/vendor/bootstrap-icons/bootstrap-icons.min.css",
        "/static/css/app.css", "/static/css/admin.css",
        "/static/vendor/bootstrap/js/bootstrap.bundle.min.js")
# Flask-Admin's Bootstrap 4 (CSS, JS, Popper, its dropdown helpers) and its BS4 admin.css
FLASK_ADMIN_BS4 = ("/admin/static/bootstrap/bootstrap4/", "/admin/static/vendor/bootstrap4/",
                   "/admin/static/admin/css/bootstrap4/", "popper", "dropdown-ml-hack")
# Bootstrap 4-only classes and attributes (each has a Bootstrap 5 name)
BS4_ONLY = re.compile(
    r'class="(?:[^"]*\s)?(ml-\d|mr-\d|ml-auto|mr-auto|pl-\d|pr-\d|float-right|float-left|text-right|'
    r'text-left|font-weight-\w+|text-monospace|thead-light|badge-(?:primary|secondary|success|'
    r'danger|warning|info|light|dark)|custom-select|custom-control\S*|form-group|form-row|'
    r'form-inline|form-control-file|btn-block|no-gutters|btn-group-toggle|sr-only|'
    r'input-group-append|input-group-prepend|border-right|border-left|close)[\s"]'
    r'|\sdata-(?:toggle|target|dismiss)=')


pytestmark = pytest.mark.usefixtures("catalogue")


def assert_bootstrap5(html: str, url: str) -> None:
    for asset in OURS:
        assert asset in html, (url, asset)
    for folder in FLASK_ADMIN_BS4:
        assert folder not in html, (url, folder)
    assert "font-awesome" not in html, url
    assert not re.search(r'(?:src|href)="(?:https?:)?//', html), url  # nothing from a CDN


def test_every_console_page_loads_our_bootstrap5_and_not_flask_admins_bootstrap4(app):
    person, _ = make_applicant(app)
    application = make_submitted(app, person, "SIP-DOKTER")
    message = db.session.query(OutboxMessage).first()
    client, _ = staff_client(app, "Super Admin")
    verifier, verifier_user = staff_client(app, "Verifikator")
    pages = [(client, url) for url in (
        "/admin/", "/admin/antrian/", "/admin/permohonan/", f"/admin/antrian/{application.uid}",
        "/admin/outbox/", f"/admin/outbox/{message.id}", "/admin/katalog/",
        "/admin/katalog/izin/", "/admin/katalog/izin/SIP-DOKTER",
        "/admin/katalog/alur/rekomendasi-teknis", "/admin/katalog/draf/",
        "/admin/katalog/unggah/", "/admin/katalog/versi/", "/admin/laporan/",
        "/admin/pengguna/", "/admin/pengguna/baru", f"/admin/pengguna/{verifier_user.id}",
        "/admin/pemohon/", f"/admin/pemohon/{person.id}", "/admin/audit/")]
    pages.append((verifier, f"/admin/antrian/{application.uid}"))  # with the action panel
    for who, url in pages:
        response = who.get(url)
        assert response.status_code == 200, (url, response.status_code)
        html = response.get_data(as_text=True)
        assert_bootstrap5(html, url)
        # our own screens: no Bootstrap 4-only markup, and no jQuery at all
        found = BS4_ONLY.search(html)
        assert found is None, (url, found and found.group(0))
        assert "jquery" not in html.lower(), url


def test_console_templates_use_no_bootstrap4_only_classes():
    for path in sorted((ROOT / "templates" / "admin").rglob("*.html")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            found = BS4_ONLY.search(line)
            assert found is None, f"{path.relative_to(ROOT)}:{number}: {found.group(0)}"


PEOPLE = ["pengguna", "pemohon", "audit", "data_pribadi"]


@pytest.mark.parametrize(("role", "cards", "absent"), [
    ("Verifikator", ["antrian", "antrian_semua"],
     ["katalog", "pengaduan", "laporan", "outbox", *PEOPLE]),
    ("Admin Katalog", ["katalog", "konten"],
     ["antrian", "antrian_semua", "pengaduan", "outbox", *PEOPLE]),
    ("Pimpinan", ["pengaduan_laporan", "ikm", "laporan"],
     ["antrian", "katalog", "pengaduan", "outbox", *PEOPLE]),
    ("Auditor", ["audit"], ["antrian", "katalog", "pengaduan", "pengaduan_laporan", "ikm",
                            "laporan", "outbox", "pengguna", "pemohon", "data_pribadi"]),
    ("Helpdesk", ["pengaduan", "chat_helpdesk", "ikm", "outbox"],
     ["antrian", "katalog", "laporan", *PEOPLE]),
    ("Super Admin", ["antrian", "antrian_semua", "katalog", "pengaduan", "chat_helpdesk", "ikm",
                     "konten", "laporan", "outbox", *PEOPLE], []),
])
def test_console_home_has_a_card_per_screen_the_role_may_open(app, role, cards, absent):
    client, _ = staff_client(app, role)
    response = client.get("/admin/")
    html = response.get_data(as_text=True)
    shown = re.findall(r'data-screen="([a-z_]+)"', html)
    assert shown == cards, shown
    for key in absent:
        assert f'data-screen="{key}"' not in html
    assert "setelah modulnya aktif" not in page_text(response)
    for url in re.findall(r'<a class="stretched-link[^"]*" href="([^"]+)"', html):
        assert client.get(url).status_code == 200, url
    # the Super Admin's account screens (and the auditor's log) are also in the navbar, as a
    # menu category; FAB's own user and role screens are not linked any more
    assert ('data-menu-category="Pengguna"' in html) == (role in ("Super Admin", "Auditor"))
    assert "/users/list/" not in html and "/roles/list/" not in html


def test_console_home_counts_my_open_tasks(app):
    person, _ = make_applicant(app)
    for _ in range(2):
        make_submitted(app, person, "SIP-DOKTER")
    verifier, _ = staff_client(app, "Verifikator")
    html = verifier.get("/admin/").get_data(as_text=True)
    assert re.search(r'id="home-queue-count"[^>]*>2<', html)
    other, _ = staff_client(app, "Tim Teknis", "DKP")
    html = other.get("/admin/").get_data(as_text=True)
    assert re.search(r'id="home-queue-count"[^>]*>0<', html)


def test_a_role_without_a_screen_is_told_so(app):
    from app.security.roles import PERMISSION, SCREEN_CONSOLE

    sm = app.appbuilder.sm
    role = sm.add_role("Tamu")
    sm.add_permission_role(role, sm.add_permission_view_menu(PERMISSION, SCREEN_CONSOLE))
    client, _ = staff_client(app, "Tamu")
    html = client.get("/admin/").get_data(as_text=True)
    assert 'id="no-screens"' in html and "data-screen=" not in html


def test_helpdesk_console_home_shows_its_chat_queue(app):
    client, _ = staff_client(app, "Helpdesk")
    html = client.get("/admin/").get_data(as_text=True)
    assert 'id="no-screens"' not in html
    assert re.search(r'id="home-chat-waiting"[^>]*>0<', html)
