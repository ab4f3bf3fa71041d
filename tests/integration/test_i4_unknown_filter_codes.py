"""A filter code in the address that names nothing (a mistyped agency, a stale link) is said
on the page and ignored: the list shows everything, never an empty list that reads as "no
such staff", nor the whole list as if it were filtered; the filter's select is back on "all".
Known codes still filter. The rule of "known" is the API's (services.filter_codes)."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from tests.backoffice_helpers import staff_client
from tests.helpers import login, make_applicant, make_submitted, publish_catalogue

NOTICE = "'ZZZ' tidak dikenal; filter diabaikan, menampilkan semua."


def _page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    tree = lxml_html.fromstring(response.get_data())
    return tree, " ".join(tree.text_content().split())


def _selected(tree, name: str) -> list[str]:
    return tree.xpath(f'//select[@name="{name}"]//option[@selected]/@value')


@pytest.fixture
def admin(app):
    publish_catalogue(app)
    client, user = staff_client(app, "Super Admin")
    return client, user


@pytest.mark.parametrize("url, select, what", [
    ("/admin/audit/?kategori=ZZZ", "kategori", "Kategori"),
    ("/admin/audit/?jenis=ZZZ", "jenis", "Peristiwa"),
    ("/admin/pengguna/?instansi=ZZZ", "instansi", "Instansi"),
    ("/admin/pengguna/?peran=ZZZ", "peran", "Peran"),
    ("/admin/pengaduan/?kategori=ZZZ", "kategori", "Kategori"),
    ("/admin/pengaduan/?status=ZZZ", "status", "Status"),
    ("/admin/permohonan/?agency=ZZZ", "agency", "Instansi"),
    ("/admin/permohonan/?status=ZZZ", "status", "Status"),
    ("/admin/antrian/?jenis=ZZZ", "jenis", "Jenis Permohonan"),
    ("/admin/ikm/?permit=ZZZ", "permit", "Jenis Izin"),
    ("/admin/data-pribadi/?status=ZZZ", None, "Status"),
])
def test_console_lists_say_an_unknown_code_and_show_everything(app, admin, url, select, what):
    client, user = admin
    tree, text = _page(client, url)
    assert f"{what} {NOTICE}" in text
    if select:
        assert _selected(tree, select) == []
    if url.startswith("/admin/pengguna/"):
        assert user.email in text  # everyone, not an empty list


def test_known_codes_still_filter_and_unknown_ones_show_the_rows(app, admin):
    client, user = admin
    applicant, _data = make_applicant(app)
    application = make_submitted(app, applicant)
    _tree, text = _page(client, "/admin/permohonan/?agency=ZZZ")
    assert application.resi in text.replace("-", "")  # shown, however grouped
    for url, shown in (("/admin/permohonan/?agency=DINKES", True),
                       ("/admin/permohonan/?agency=DISHUB", False)):
        tree, text = _page(client, url)
        assert (application.resi in text.replace("-", "")) is shown, url
        assert _selected(tree, "agency") == [url.rsplit("=", 1)[1]]
        assert "tidak dikenal" not in text
    tree, text = _page(client, "/admin/pengguna/?peran=Verifikator")
    assert user.email not in text and _selected(tree, "peran") == ["Verifikator"]
    tree, text = _page(client, "/admin/audit/?kategori=login")
    assert _selected(tree, "kategori") == ["login"] and "tidak dikenal" not in text


def test_english_reader_reads_the_notice_in_english(app, admin):
    client, _user = admin
    _tree, text = _page(client, "/admin/pengguna/?instansi=ZZZ&_l_=en")
    assert "Agency 'ZZZ' is not known; the filter was ignored, showing everything." in text


def test_public_and_applicant_lists_say_an_unknown_code(app, client):
    publish_catalogue(app)
    everything = _page(client, "/persyaratan")[0].xpath('//*[@data-permit]/@data-permit')
    tree, text = _page(client, "/persyaratan?instansi=zzz")
    assert f"Instansi {NOTICE}" in text and _selected(tree, "instansi") == []
    assert tree.xpath('//*[@data-permit]/@data-permit') == everything != []
    tree, text = _page(client, "/persyaratan?instansi=dinkes")  # as the API: any case
    assert _selected(tree, "instansi") == ["DINKES"] and "tidak dikenal" not in text
    assert "SIP-DOKTER" in tree.xpath('//*[@data-permit]/@data-permit') != everything

    user, data = make_applicant(app)
    application = make_submitted(app, user)
    assert login(client, data["nik"]).status_code == 302
    tree, text = _page(client, "/permohonan?status=ZZZ")
    assert f"Status {NOTICE}" in text and _selected(tree, "status") == []
    assert application.resi in text.replace("-", "")
    tree, text = _page(client, "/pengaduan?kategori=ZZZ")
    assert f"Kategori {NOTICE}" in text and _selected(tree, "kategori") == []
