"""A certificate template that would hold a web worker's memory or CPU (a huge string, nested
loops over big ranges) is refused where the catalogue admin types it: the preview says why in
Indonesian, saving keeps what was typed and stores nothing, and publishing is refused; all
stopped by the limit that names the cause (its size, its steps), not by the child's timeout:
the refusal's words say which limit fired, so no test here depends on the machine's speed."""

from __future__ import annotations

import copy
import html as html_lib
import re

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import CatalogueDraft
from tests.catalogue_helpers import csrf, version_count
from tests.integration.catalogue_console.test_catalogue_draft import form_values
from tests.integration.catalogue_console.test_certificate_editor import (  # noqa: F401 (fixture)
    PREVIEW,
    URL,
    draft_certificate,
    editor,
)

HUGE_STRING = "<p>{{ 'a' * 10**10 }}</p>"
NESTED_LOOPS = ("<p>{% for i in range(100000) %}{% for j in range(100000) %}{{ j }}"
                "{% endfor %}{% endfor %}</p>")
HEAVY = {"huge-string": (HUGE_STRING, "Templat melampaui batas ukuran"),
         "nested-loops": (NESTED_LOOPS, "Templat melampaui batas 100000 langkah")}


@pytest.mark.parametrize(("source", "words"), HEAVY.values(), ids=HEAVY)
def test_the_preview_refuses_a_template_past_the_limits_by_its_cause(editor, source, words):  # noqa: F811
    token = csrf(editor, URL.format(code="IZOP-RS"))
    response = editor.post(PREVIEW.format(code="IZOP-RS"), data={
        "csrf_token": token, "certificate_mode": "inline", "certificate_template": source})
    assert response.status_code == 422
    assert words in html_lib.unescape(response.get_data(as_text=True))


def test_saving_a_template_past_the_limits_is_refused_and_what_was_typed_kept(editor):  # noqa: F811
    url = URL.format(code="IZOP-RS")
    values = form_values(editor.get(url).get_data(as_text=True))
    values.update(certificate_mode="inline", certificate_template=NESTED_LOOPS)
    response = editor.post(url, data=values)
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "Belum disimpan" in html
    text_tag = re.search(r'<textarea[^>]*name="certificate_template"[^>]*>', html).group(0)
    assert "is-invalid" in text_tag and "Templat melampaui batas 100000 langkah" in html
    assert NESTED_LOOPS in html_lib.unescape(html)  # what was typed is still in the editor
    assert draft_certificate("IZOP-RS") == "certificate-generic.html"


def test_publishing_a_draft_holding_such_a_template_is_refused(editor):  # noqa: F811
    """A draft may hold one the form never saw (an older draft): publishing renders each
    template new to the draft under the limits, and publishes nothing."""
    draft = db.session.scalar(select(CatalogueDraft))
    content = copy.deepcopy(draft.content)
    permit = next(p for p in content["permits"] if p["code"] == "IZOP-RS")
    permit["certificate"] = {"template": HUGE_STRING}
    draft.content = content
    db.session.commit()
    response = editor.post("/admin/katalog/draf/terbitkan", data={
        "csrf_token": csrf(editor, "/admin/katalog/draf/")}, follow_redirects=True)
    said = html_lib.unescape(response.get_data(as_text=True))
    assert "Templat sertifikat izin IZOP-RS tidak dapat diterbitkan" in said
    assert "melampaui batas ukuran" in said
    assert version_count() == 1


def test_a_normal_template_is_saved_and_published(editor):  # noqa: F811
    url = URL.format(code="IZOP-RS")
    values = form_values(editor.get(url).get_data(as_text=True))
    template = "<p>{% for i in range(3) %}{{ permit_number }} {{ 'x' * 3 }}{% endfor %}</p>"
    values.update(certificate_mode="inline", certificate_template=template)
    assert editor.post(url, data=values).status_code == 302
    assert draft_certificate("IZOP-RS") == template
    response = editor.post("/admin/katalog/draf/terbitkan", data={
        "csrf_token": csrf(editor, "/admin/katalog/draf/")})
    assert response.status_code == 302 and version_count() == 2
