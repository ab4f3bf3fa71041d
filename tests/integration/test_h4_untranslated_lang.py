"""An English page shows a catalogue text that has no English in Indonesian; that text then
carries lang="id" so a screen reader pronounces it as Indonesian (WCAG 3.1.2), and a text
that has its English does not. Checked on the permit list, the permit's page and the
wizard's form (section titles, field labels, document names)."""

from __future__ import annotations

import copy

import pytest
from lxml import html as lxml_html

from app.services import catalogue_store
from catalogue import DEFINITIONS
from tests.helpers import login, make_applicant
from tests.wizard_client import fill_and_submit, step_url

CODE = "SIP-DOKTER"
REQUIREMENT_NAME = "Ijazah Dokter & transkrip"  # no English, with an "&"


@pytest.fixture
def catalogue(app):
    """The sample catalogue with a few of SIP-DOKTER's texts left without English."""
    data, issues, assets = catalogue_store.read_source(DEFINITIONS)
    assert issues == []
    data = copy.deepcopy(data)
    permit = next(p for p in data["permits"] if p["code"] == CODE)
    permit["name"] = {"id": permit["name"]["id"]}
    by_key = {r["key"]: r for r in permit["requirements"]}
    by_key["ijazah"]["name"] = {"id": REQUIREMENT_NAME}
    sections = {s["key"]: s for s in permit["form"]["sections"]}
    sections["kontak"]["title"] = {"id": "Kontak"}
    fields = {f["key"]: f for f in sections["praktik"]["fields"]}
    fields["str_number"]["label"] = {"id": "Nomor STR"}
    catalogue_store.publish(data, assets, source="uji", issues=[])
    return permit


def _page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.get_data(as_text=True), lxml_html.fromstring(response.get_data())


def _marked(tree) -> list[str]:
    return [" ".join(e.text_content().split()) for e in tree.xpath('//main//*[@lang="id"]')]


def test_permit_list_and_page_mark_only_untranslated_names(app, client, catalogue):
    source, tree = _page(client, "/persyaratan?_l_=en&q=praktik")
    item = tree.xpath(f'//*[@data-permit="{CODE}"]')[0]
    names = item.xpath('.//*[@lang="id"]')
    assert [e.text_content() for e in names] == ["Surat Izin Praktik Dokter"]
    assert "Permit for doctors" in item.text_content()  # its English description, unmarked
    assert _marked(tree) == ["Surat Izin Praktik Dokter"]  # every other permit has English

    source, tree = _page(client, f"/persyaratan/{CODE}?_l_=en")
    assert tree.xpath('//h1[@id="permit-name"]/span[@lang="id"]/text()') == \
        ["Surat Izin Praktik Dokter"]
    assert "<title>Surat Izin Praktik Dokter" in source  # the title is plain text
    assert "Ijazah Dokter &amp; transkrip" in source  # escaped once
    assert REQUIREMENT_NAME in _marked(tree)
    ktp = tree.xpath('//tr[@data-requirement="ktp"]')[0]
    assert "Identity Card" in ktp.text_content() and not ktp.xpath('.//*[@lang]')


def test_indonesian_pages_mark_nothing(app, client, catalogue):
    for url in ("/persyaratan", f"/persyaratan/{CODE}"):
        assert _marked(_page(client, url)[1]) == []


def test_wizard_marks_untranslated_titles_labels_and_documents(app, client, catalogue):
    user, data = make_applicant(app)
    assert login(client, data["nik"]).status_code == 302
    uid = fill_and_submit(client, app, catalogue, "baru", submit=False)
    source, tree = _page(client, step_url(uid, "detail") + "?_l_=en")
    marked = _marked(tree)
    assert "Kontak" in marked  # a section title
    label = tree.xpath('//label[@for="str_number"]')[0]
    assert label.xpath('./span[@lang="id"]/text()') == ["Nomor STR"]
    slot = tree.xpath('//*[@data-doc-slot="ijazah"]')[0]
    assert slot.xpath('.//label[@for="doc-ijazah"]/span[@lang="id"]/text()') == [REQUIREMENT_NAME]
    assert "Ijazah Dokter &amp; transkrip" in source and "&amp;amp;" not in source
    assert tree.xpath('//legend[normalize-space()="Practice"]')  # translated: no lang
    assert not tree.xpath('//legend[normalize-space()="Practice"]//*[@lang]')
    assert not tree.xpath('//label[@for="str_valid_until"]//*[@lang]')
    # attributes never carry markup
    assert 'lang=&#34;id&#34;' not in source and '="<span' not in source
