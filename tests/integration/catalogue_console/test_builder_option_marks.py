"""The form builder's option lists that name catalogue items (the preview's application
types, the requirement a file field takes, the fields a rule may point at) name them in the
reader's language; an English page marks the ones the catalogue has only in Indonesian
lang="id" (WCAG 3.1.2, `lokal_html`), and an Indonesian page marks nothing."""

from __future__ import annotations

import copy

import pytest
from lxml import html as lxml_html

from app.services import catalogue_store
from catalogue import DEFINITIONS
from tests.integration.catalogue_console.test_catalogue_draft import start_draft

BUILDER = "/admin/katalog/susun/izin/SIPA/"
FILE_FIELD = "/admin/katalog/susun/izin/SIPA/isian/map_file"
RULE = "/admin/katalog/susun/izin/SIPA/aturan/form/_baru"
PAGES = ((BUILDER, "preview-type", "baru"), (FILE_FIELD, "requirement", "peta"),
         (RULE, "field", "debit"))


@pytest.fixture
def draft(admin):
    """A draft of the sample catalogue whose type "baru", SIPA's requirement "peta" and its
    field "debit" are written only in Indonesian: {option value: its Indonesian name}."""
    data, issues, assets = catalogue_store.read_source(DEFINITIONS)
    assert issues == []
    data = copy.deepcopy(data)
    permit = next(p for p in data["permits"] if p["code"] == "SIPA")
    kind = next(t for t in data["application_types"] if t["code"] == "baru")
    requirement = next(r for r in permit["requirements"] if r["key"] == "peta")
    field = next(f for s in permit["form"]["sections"] for f in s["fields"]
                 if f["key"] == "debit")
    for item, text in ((kind, "name"), (requirement, "name"), (field, "label")):
        item[text] = {"id": item[text]["id"]}
    catalogue_store.publish(data, assets, source="uji", issues=[])
    assert start_draft(admin).status_code == 302
    return {"baru": kind["name"]["id"], "peta": requirement["name"]["id"],
            "debit": field["label"]["id"]}


def _options(admin, url: str, select: str):
    response = admin.get(url)
    assert response.status_code == 200, url
    tree = lxml_html.fromstring(response.get_data())
    found = tree.xpath(f'//select[@id="{select}" or @name="{select}"]')
    assert found, (url, select)
    return {o.get("value"): o for o in found[0].xpath("./option")}


def _marked(option) -> list[str]:
    return [" ".join(e.text_content().split()) for e in option.xpath('.//*[@lang="id"]')]


@pytest.mark.parametrize(("url", "select", "untranslated"), PAGES)
def test_english_builder_options_mark_only_the_untranslated_names(admin, draft, url, select,
                                                                  untranslated):
    options = _options(admin, f"{url}?_l_=en", select)
    assert _marked(options[untranslated]) == [draft[untranslated]]
    others = {value: _marked(o) for value, o in options.items()
              if value and value != untranslated}
    assert others and not any(others.values()), others


def test_english_builder_options_read_english_where_the_catalogue_has_it(admin, draft):
    requirements = _options(admin, f"{FILE_FIELD}?_l_=en", "requirement")
    assert requirements["ktp"].text_content() == "Identity Card (ktp)"  # was "Scan KTP"
    fields = _options(admin, f"{RULE}?_l_=en", "field")
    assert fields["depth"].text_content() == "Well depth (m) (depth)"


@pytest.mark.parametrize(("url", "select", "untranslated"), PAGES)
def test_indonesian_builder_options_carry_no_language_marks(admin, draft, url, select,
                                                            untranslated):
    options = _options(admin, url, select)
    assert draft[untranslated] in options[untranslated].text_content()
    assert not any(o.xpath(".//*[@lang]") for o in options.values())
