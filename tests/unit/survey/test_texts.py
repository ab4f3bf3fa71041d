"""The service's refusals are shown translated: every one of them is in the extracted list."""

from __future__ import annotations

from app.survey import responses, web


def test_every_refusal_of_the_service_is_marked_for_translation():
    marked = {text._args[0] for text in web.MSGIDS}
    refusals = {responses.NOT_FINISHED, responses.ALREADY, responses.NO_QUESTIONNAIRE,
                responses.UNKNOWN_VERSION, responses.NOT_FOUND}
    assert refusals <= marked
