"""Catalogue names in the remaining console filters carry lang="id" on an English page where
the catalogue has no English for them (WCAG 3.1.2), through `lokal_html` as the queue's
permit and type filters do: the IKM report's permit and agency filters, the Laporan screen's
agency and permit filters and the queue's agency filter ("CODE — name", only the name
marked). Indonesian pages mark nothing."""

from __future__ import annotations

import copy

import pytest

from app.services import catalogue_store
from catalogue import DEFINITIONS
from tests.backoffice_helpers import staff_client
from tests.integration.test_i4_lang_of_parts import _marked, _tree

PERMIT_CODE, PERMIT = "SIP-DOKTER", "Surat Izin Praktik Dokter"
AGENCY_CODE, AGENCY = "DINKES", "Dinas Kesehatan Provinsi Kalimantan Timur"
# page, role, the permit filter's id, the agency filter's id
PAGES = [("/admin/ikm/", "Helpdesk", "f-permit", "f-agency"),
         ("/admin/laporan/", "Pimpinan", "f-izin", "f-instansi"),
         ("/admin/antrian/", "Verifikator", "f-permit", "f-agency")]


@pytest.fixture
def catalogue(app):
    """The sample catalogue with SIP-DOKTER and DINKES named only in Indonesian."""
    data, issues, assets = catalogue_store.read_source(DEFINITIONS)
    assert issues == []
    data = copy.deepcopy(data)
    next(p for p in data["permits"] if p["code"] == PERMIT_CODE)["name"] = {"id": PERMIT}
    next(a for a in data["agencies"] if a["code"] == AGENCY_CODE)["name"] = {"id": AGENCY}
    catalogue_store.publish(data, assets, source="uji", issues=[])


def _options(page, select_id: str) -> dict[str, tuple[str, list[str]]]:
    """A filter's options: value -> (its text, the texts in it marked lang="id")."""
    return {o.get("value"): (" ".join(o.text_content().split()), _marked(o))
            for o in page.xpath(f'//select[@id="{select_id}"]/option')}


@pytest.mark.parametrize(("url", "role", "permit_id", "agency_id"), PAGES)
def test_english_filters_mark_only_the_untranslated_names(app, catalogue, url, role,
                                                          permit_id, agency_id):
    staff, _user = staff_client(app, role)
    page = _tree(staff, url + "?_l_=en")
    permits, agencies = _options(page, permit_id), _options(page, agency_id)
    assert permits[PERMIT_CODE] == (PERMIT, [PERMIT])
    assert not any(marked for code, (_t, marked) in permits.items() if code != PERMIT_CODE)
    assert agencies[AGENCY_CODE] == (f"{AGENCY_CODE} — {AGENCY}", [AGENCY])
    assert not any(marked for code, (_t, marked) in agencies.items() if code != AGENCY_CODE)
    assert agencies["DPMPTSP"][0] == \
        "DPMPTSP — Investment and One-Stop Service Office of East Kalimantan Province"
    assert permits[""][0] and agencies[""][0]  # "all" stays first, unmarked


@pytest.mark.parametrize(("url", "role", "permit_id", "agency_id"), PAGES)
def test_indonesian_filters_carry_no_language_marks(app, catalogue, url, role, permit_id,
                                                    agency_id):
    staff, _user = staff_client(app, role)
    page = _tree(staff, url)
    for select_id in (permit_id, agency_id):
        select = page.xpath(f'//select[@id="{select_id}"]')[0]
        assert len(select.xpath("./option")) > 2 and not select.xpath(".//*[@lang]"), select_id
    assert _options(page, permit_id)[PERMIT_CODE][0] == PERMIT
    assert _options(page, agency_id)[AGENCY_CODE][0] == f"{AGENCY_CODE} — {AGENCY}"
