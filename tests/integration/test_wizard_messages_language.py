"""An applicant reading in English sees the form engine's messages in English: under a wizard
step's fields and in Validasi Data's list of what still stops submission. The Indonesian
pages and the REST API keep saying them in Indonesian."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Application
from app.services import applications as apps
from catalogue import DEFINITIONS, load_folder
from tests.api_helpers import bearer, staff_with_token
from tests.backoffice_helpers import page_text
from tests.helpers import make_applicant, make_submitted, publish_catalogue
from tests.wizard_client import (
    LAST_POST,
    english,
    field_errors,
    logged_in_draft,
    post_step,
    review_url,
)

SAMPLE = load_folder(DEFINITIONS)


@pytest.fixture
def draft(app, client):
    """SIP-DOKTER's draft with every step filled; the detail step's answers are LAST_POST."""
    return logged_in_draft(app, client, SAMPLE.permit("SIP-DOKTER"))


def post_wrong_details(client, uid: str):
    """Step 5 with the STR number left empty and the practice order above its maximum (3)."""
    data = [(k, v) for k, v in LAST_POST if k not in ("str_number", "practice_order")]
    response = post_step(client, uid, "detail", [*data, ("practice_order", "7")])
    assert response.status_code == 200, response.status_code
    return field_errors(response)


def test_an_english_wizard_step_names_the_mistakes_in_english(client, draft):
    english(client)
    errors = post_wrong_details(client, draft)
    assert errors["str_number"] == ["This field is required."]
    assert errors["practice_order"] == ["The value must be at most 3."]


def test_the_indonesian_wizard_step_keeps_the_indonesian_messages(client, draft):
    errors = post_wrong_details(client, draft)
    assert errors["str_number"] == ["Wajib diisi."]
    assert errors["practice_order"] == ["Nilai maksimal 3."]


def _break_stored_details(uid: str) -> None:
    """A draft saved earlier (autosave keeps what was typed) that no longer passes."""
    draft = db.session.scalar(select(Application).where(Application.uid == uid))
    draft.data = {**draft.data, "details": {
        **draft.data["details"], "str_number": "", "practice_order": 7}}
    draft.wizard_step = apps.REVIEW_STEP  # Validasi Data opens once step 5 was passed
    db.session.commit()


def test_validasi_data_in_english_lists_the_problems_in_english(client, draft):
    _break_stored_details(draft)
    english(client)
    text = page_text(client.get(review_url(draft)))
    assert "This field is required." in text and "The value must be at most 3." in text
    assert "Wajib diisi" not in text and "Nilai maksimal" not in text


def test_validasi_data_in_indonesian_lists_the_problems_in_indonesian(client, draft):
    _break_stored_details(draft)
    text = page_text(client.get(review_url(draft)))
    assert "Wajib diisi." in text and "Nilai maksimal 3." in text


def test_the_api_answers_in_indonesian_whatever_the_session_reads(app, client):
    """The REST API has no language choice: a browser session set to English changes nothing."""
    publish_catalogue(app)
    _staff, token = staff_with_token(app)
    person, _ = make_applicant(app)
    application = make_submitted(app, person, "SIP-DOKTER")
    english(client)
    url = f"/api/v1/permohonan/{application.uid}/tindakan?_l_=en"
    answer = client.post(url, headers=bearer(token), json={"note": "x"})
    assert answer.status_code == 400
    assert answer.get_json()["errors"] == {"action": ["Wajib diisi."],
                                           "lock_version": ["Wajib diisi."]}


@pytest.mark.parametrize(("language", "said"), [
    ("en", "{} must be uploaded."), ("id", "{} wajib diunggah.")])
def test_a_missing_document_is_named_in_the_readers_language(client, draft, language, said):
    """The documents' checks say what forms_schema says about files, in the page's language,
    with the document's name in that language too."""
    stored = db.session.scalar(select(Application).where(Application.uid == draft))
    covered = apps.file_fields(apps.form_definition(stored))
    requirement = next(r for r in apps.requirements_for(apps.permit_of(stored), "baru")
                       if r.get("required", True) and r["key"] not in covered
                       and not stored.data.get("documents", {}).get(r["key"]))
    stored.wizard_step = apps.REVIEW_STEP
    db.session.commit()
    if language == "en":
        english(client)
    text = page_text(client.get(review_url(draft)))
    assert requirement["name"]["en"] != requirement["name"]["id"]
    # the document named as the page names it (it was the Indonesian name in English text)
    assert said.format(requirement["name"][language]) in text
