"""The routing-step editor refuses a post whose CSRF token is wrong or missing in the project's
own words, in the reader's language, never in the CSRF library's, and saves nothing."""

from __future__ import annotations

import re

import pytest

from app.backoffice.catalogue_step_form import StepForm
from app.services import catalogue_console
from app.services.catalogue_console import KINDS
from tests.backoffice_helpers import page_text
from tests.catalogue_helpers import csrf, publish_sample
from tests.integration.catalogue_console.test_catalogue_draft import start_draft

STEP = "/admin/katalog/atur/alur/rekomendasi-paralel/langkah/_baru"
EXPIRED = {"id": "Formulir sudah kedaluwarsa atau tidak sah. Muat ulang halaman lalu coba lagi.",
           "en": "The form has expired or is invalid. Reload the page and try again."}
NO_ACTION = {"id": "Pilih minimal satu tindakan beserta tujuannya.",
             "en": "Choose at least one action with its target."}
STEP_DATA = {"key": "cek_ulang", "name_id": "Cek Ulang", "role": "Verifikator",
             "scope": "office", "action": ["lanjut"], "target": ["@issued"]}


def form_errors(response) -> list[str]:
    return [re.sub(r"\s+", " ", e).strip() for e in re.findall(
        r"data-form-error>(.*?)</div>", response.get_data(as_text=True), re.S)]


def step_keys() -> list[str]:
    routing = catalogue_console.draft_item(KINDS["alur"], "rekomendasi-paralel")
    return [s["key"] for s in routing["steps"]]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_wrong_token_is_refused_in_the_projects_words(admin, lang):
    publish_sample()
    start_draft(admin)
    response = admin.post(f"{STEP}?_l_={lang}", data={"csrf_token": "salah", **STEP_DATA})
    assert response.status_code == 400
    assert EXPIRED[lang] in page_text(response)
    assert "CSRF" not in page_text(response)
    assert "cek_ulang" not in step_keys()


def test_the_form_checking_its_own_token_says_the_projects_words(app):
    """Where the form checks its token itself (the request's check did not pass it: a view
    exempted from it, or that check switched off), the step page gets the project's words,
    not the CSRF library's."""
    with app.test_request_context(STEP, method="POST", data={"csrf_token": "salah"}):
        form = StepForm()
        assert not form.validate()
        assert form.csrf_token.errors == [EXPIRED["id"]]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_step_pages_own_refusal_reads_in_the_readers_language(admin, lang):
    """The step form's refusals above its fields (no action chosen) are marked texts the
    page shows through `pesan`, like the CSRF message in the same place."""
    publish_sample()
    start_draft(admin)
    response = admin.post(f"{STEP}?_l_={lang}", data={
        "csrf_token": csrf(admin, STEP), **STEP_DATA, "action": [""], "target": [""]})
    assert form_errors(response) == [NO_ACTION[lang]]
    assert "cek_ulang" not in step_keys()
