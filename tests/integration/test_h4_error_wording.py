"""A wizard step that comes back with errors says where to look in words, not by colour
(WCAG 1.4.1): "the message is written under each field", and each field it means does
carry such a message, which a screen reader also reaches."""

from __future__ import annotations

from lxml import html as lxml_html

from catalogue import DEFINITIONS, load_folder
from tests.helpers import (
    csrf_from,
    login,
    make_applicant,
    make_finished,
    publish_catalogue,
    publish_questionnaire,
)
from tests.survey_helpers import answers, posted
from tests.wizard_client import fill_and_submit, post_step

MESSAGE = "Ada isian yang perlu diperbaiki: pesannya tertulis di bawah setiap isian tersebut."


def test_a_step_with_errors_points_at_the_messages_not_at_red(app, client):
    publish_catalogue(app)
    user, data = make_applicant(app)
    assert login(client, data["nik"]).status_code == 302
    uid = fill_and_submit(client, app, load_folder(DEFINITIONS).permit("SIP-DOKTER"), "baru",
                          submit=False)
    response = post_step(client, uid, "detail", {"str_number": "12"})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert MESSAGE in page and "merah" not in page
    tree = lxml_html.fromstring(page)
    invalid = {e.get("name") for e in tree.xpath('//*[contains(@class, "is-invalid")][@name]')}
    assert "str_number" in invalid
    for name in invalid:  # words under each field, a document's in its own box
        message = tree.xpath(
            f'//*[@data-doc-slot="{name[4:]}"]//*[contains(@class, "invalid-feedback")]'
            if name.startswith("doc-") else f'//*[@data-error-for="{name}"]')
        assert message and message[0].text_content().strip(), name


def test_a_survey_with_a_missing_answer_points_at_its_message(app, client):
    publish_catalogue(app)
    publish_questionnaire(app)
    user, data = make_applicant(app)
    assert login(client, data["nik"]).status_code == 302
    url = f"/permohonan/{make_finished(app, user).uid}/ikm"
    values = answers()
    del values["q_waktu"]
    token = csrf_from(client.get(url).get_data(as_text=True))
    response = client.post(url, data={"csrf_token": token, "_version": "1", **posted(values)})
    page = response.get_data(as_text=True)
    assert "Survey belum terkirim. " + MESSAGE in page and "merah" not in page
    assert 'data-error-for="q_waktu">Wajib diisi.' in page
