"""The in-process bounds on a catalogue template (app/documents/limits.py), as issuance meets
them: a template that passed the console on sample answers cannot grow past the limits on a
real applicant's answers, and the shipped sample catalogue's templates print exactly what
Jinja's plain sandbox prints, and the same PDF bytes in the bounded child issuance prints
them in (app/documents/bounded.py)."""

from __future__ import annotations

import pytest
from jinja2 import FileSystemLoader
from jinja2.sandbox import SandboxedEnvironment

from app.documents.certificate import (
    _certificate_context,
    render_certificate,
    render_certificate_limited,
)
from app.documents.dates import tanggal, tanggal_waktu
from app.documents.render import (
    PDF_TEMPLATES,
    TemplateTooHeavy,
    render_pdf_template,
    render_template_string_sandboxed,
)
from tests.unit.test_documents import DEFINITIONS, _permit, certificate_context, receipt_context

REFUSED = {
    "huge-string": ("{{ 'a' * 10**10 }}", "batas ukuran"),
    "nested-loops": ("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}"
                     "{% endfor %}", "langkah"),
    "huge-power": ("{{ 7 ** (10 ** 9) }}", "batas ukuran"),
    "format-width": ("{{ '%0999999999d' % 1 }}{{ '{:>999999999}'.format(1) }}", "batas ukuran"),
    "method-width": ("{{ 'a'.center(10**9) }}", "batas ukuran"),
    "filter-width": ("{{ 'a' | center(999999999) }}", "batas ukuran"),
    "list-printed": ("{{ ['x' * 1000000] * 1000 }}", "batas ukuran"),
    "doubling-macro": ("{% macro f(n) %}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}"
                       "{% endmacro %}{{ f(60) }}", "langkah"),
}


@pytest.mark.parametrize(("source", "words"), REFUSED.values(), ids=REFUSED)
def test_a_template_past_a_limit_is_refused_by_that_limit(source, words):
    """The refusal names the limit that fired (size, steps), so it was stopped by the check,
    not by running until the clock ran out; no assertion here depends on the machine's speed."""
    with pytest.raises(TemplateTooHeavy) as refused:
        render_template_string_sandboxed(source, {})
    assert words in refused.value.message


def test_the_applicants_answers_cannot_grow_a_template_past_the_limits():
    """Fine on the console's sample (10), refused on an answer of 100000."""
    source = ("{% for i in range(data.n) %}{% for j in range(data.n) %}.{% endfor %}"
              "{% endfor %}{{ 'ab' * data.n }}")
    assert render_template_string_sandboxed(source, {"data": {"n": 10}}) == "." * 100 + "ab" * 10
    with pytest.raises(TemplateTooHeavy):
        render_template_string_sandboxed(source, {"data": {"n": 100000}})
    with pytest.raises(TemplateTooHeavy):
        render_template_string_sandboxed("{{ 'ab' * data.n }}", {"data": {"n": 10**8}})


def test_ordinary_arithmetic_loops_and_filters_are_unchanged():
    source = ("{{ 'ab' * 3 }} {{ 2 ** 10 }} {{ '%05d' % 42 }} {{ '{:>4}'.format(7) }} "
              "{{ 'a' ~ 'b' }} {% for i in range(3) %}{{ loop.index }}{% endfor %} "
              "{{ [1, 2] | join(', ') }} {{ 'x' | center(5) }}| "
              "{{ 'NIK 6472010101900001 %s' % 1 }}")
    assert render_template_string_sandboxed(source, {}) == (
        "ababab 1024 00042    7 ab 123 1, 2   x  | NIK 6472010101900001 1")


def _plain(loader=None) -> SandboxedEnvironment:
    env = SandboxedEnvironment(autoescape=True, loader=loader)
    env.filters.update(tanggal=tanggal, tanggal_waktu=tanggal_waktu)
    return env


@pytest.mark.parametrize("code", ["IZIN-ANGSUS", "SIP-DOKTER", "IZIN-PENELITIAN"])
def test_the_sample_catalogues_templates_print_as_in_the_plain_sandbox(code):
    permit = _permit(code)
    spec = permit["certificate"]["template"]
    source = spec if "<" in spec else (DEFINITIONS / "templates" / spec).read_text()
    ctx = _certificate_context(certificate_context(code, data={"title": "Judul", "x": "1"}))
    assert render_template_string_sandboxed(source, ctx) == \
        _plain().from_string(source).render(ctx)
    own = _plain(FileSystemLoader(PDF_TEMPLATES))
    assert render_pdf_template("certificate_generic.html", ctx) == \
        own.get_template("certificate_generic.html").render(ctx)
    receipt = {"office_address": "", "government": "", "logo_data_uri": "",
               "printed_at": None, **receipt_context()}
    assert render_pdf_template("receipt.html", receipt) == \
        own.get_template("receipt.html").render(receipt)


@pytest.mark.parametrize("code", ["IZIN-ANGSUS", "SIP-DOKTER", "IZIN-PENELITIAN"])
def test_the_sample_catalogues_certificates_print_the_same_bytes_in_the_bounded_child(code):
    """Issuance prints in the child (render_certificate_limited) what it printed in-process."""
    permit = _permit(code)
    spec = permit["certificate"]["template"]
    source = spec if "<" in spec else (DEFINITIONS / "templates" / spec).read_text()
    ctx = certificate_context(code, data={"title": "Judul", "x": "1"})
    assert render_certificate_limited(source, ctx) == render_certificate(source, ctx)
