"""Where an issue sits reads in the reader's language: the words of its location (the kind of
item, "persyaratan", "langkah", a property's name) are translated on the English console
pages, the codes stay as the catalogue writes them."""

from __future__ import annotations

import re

from app.services import catalogue_console as console
from tests.catalogue_helpers import csrf, publish_sample

IZIN, ALUR = console.KINDS["izin"], console.KINDS["alur"]


def _draft_with_three_issues(admin) -> None:
    """A requirement asking for a format nobody can upload, a step for an unknown role and an
    unknown token in a permit number: each in another kind of place."""
    publish_sample()
    admin.post("/admin/katalog/draf/mulai",
               data={"csrf_token": csrf(admin, "/admin/katalog/draf/")})
    sipa = console.draft_item(IZIN, "SIPA")
    key = sipa["requirements"][0]["key"]
    console.save_child(IZIN, "SIPA", "requirements", "key", key,
                       dict(sipa["requirements"][0], formats=["docx"]), None)
    routing = console.draft_item(ALUR, "rekomendasi-teknis")
    step = next(s for s in routing["steps"] if s["key"] == "verifikasi")
    step["role"] = "Juru Kunci"
    console.save_item(ALUR, "rekomendasi-teknis", routing, None)
    sipi = console.draft_item(IZIN, "SIPI")
    console.save_item(IZIN, "SIPI", dict(sipi, permit_number="{nomor}/SIPI"), None)


def _locations(admin, url: str) -> list[str]:
    html = admin.get(url).get_data(as_text=True)
    table = html[html.index('id="issues"'):]
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", cell)).strip() for cell in
            re.findall(r'<td class="small issue-where">(.*?)</td>', table, flags=re.S)]


def test_the_issue_list_words_each_location_in_the_readers_language(admin):
    _draft_with_three_issues(admin)
    key = console.draft_item(IZIN, "SIPA")["requirements"][0]["key"]

    indonesian = _locations(admin, "/admin/katalog/draf/")
    assert f"Jenis Izin SIPA › persyaratan {key} › formats[0]" in indonesian
    assert "Alur rekomendasi-teknis › langkah verifikasi › role" in indonesian
    assert "Jenis Izin SIPI › Format nomor izin (permit_number)" in indonesian

    english = _locations(admin, "/admin/katalog/draf/?_l_=en")
    assert f"Permit type SIPA › requirement {key} › formats[0]" in english
    assert "Workflow rekomendasi-teknis › step verifikasi › role" in english
    assert "Permit type SIPI › Permit number format (permit_number)" in english

    admin.get("/bahasa/en", headers={"Referer": "http://localhost/"})  # the language switch
    assert _locations(admin, "/admin/katalog/draf/") == english


def test_a_requirements_issue_on_the_permit_page_reads_in_english(admin):
    _draft_with_three_issues(admin)
    key = console.draft_item(IZIN, "SIPA")["requirements"][0]["key"]
    html = admin.get("/admin/katalog/draf/izin/SIPA?_l_=en").get_data(as_text=True)
    row = re.search(rf'<tr data-requirement="{key}".*?</tr>', html, flags=re.S).group(0)
    assert "Applicants cannot upload files of format &#39;docx&#39;" in row
    assert "tidak dapat diunggah" not in row


def test_the_location_keeps_its_parts_for_any_language(app):
    """The issue carries the words and the codes apart; Indonesian outside a request (the
    CLI, a service called by a script)."""
    issue = console.LocatedIssue("x", (console.Place(IZIN.label, "SIPA"),
                                       console.Place("Retribusi", "fee", bracketed=True)))
    assert issue.where == "Jenis Izin SIPA › Retribusi (fee)"
    with app.test_request_context("/"):
        assert issue.where_in("en") == "Permit type SIPA › Fee (fee)"
