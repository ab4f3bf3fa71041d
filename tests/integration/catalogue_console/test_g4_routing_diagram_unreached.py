"""The routing diagram marks a step no path from the first step reaches, as the step list's
checks above it say in words: its box is dashed grey with "tidak terjangkau" and a <title>
saying why; the steps of a sound routing carry no such mark."""

from __future__ import annotations

import re

from tests.backoffice_helpers import page_text
from tests.catalogue_helpers import publish_sample
from tests.integration.catalogue_console.test_catalogue_draft import start_draft
from tests.integration.catalogue_console.test_catalogue_routing_editor import (
    new_routing,
    save_step,
)


def boxes(svg: str) -> dict[str, str]:
    """Each step's drawing by the step's name (its numbered bold label)."""
    found = {}
    for part in re.findall(r'<g class="step[^"]*">.*?</g>', svg):
        name = re.search(r'font-weight="bold"[^>]*>\d+\. ([^<]+)</text>', part)
        if name:
            found[name.group(1)] = part
    return found


def test_an_unreachable_step_is_drawn_dashed_and_worded(admin):
    publish_sample()
    start_draft(admin)
    editor = new_routing(admin)
    first = editor + "langkah/_baru"
    save_step(admin, first, [("tolak", "@rejected")], key="verifikasi", name_id="Verifikasi")
    save_step(admin, first, [("terbitkan", "@issued")], key="tte", name_id="Tanda Tangan")
    assert "'tte' dapat menerbitkan izin, tetapi belum dapat dicapai" in page_text(
        admin.get(editor))
    drawn = boxes(admin.get(editor + "diagram.svg").get_data(as_text=True))
    assert 'stroke-dasharray="6 4"' in drawn["Tanda Tangan"]
    assert ">tidak terjangkau</text>" in drawn["Tanda Tangan"]
    assert "<title>Tidak terjangkau: tidak ada jalan dari langkah pertama" in drawn[
        "Tanda Tangan"]
    assert "terjangkau" not in drawn["Verifikasi"]
    assert "stroke-dasharray" not in drawn["Verifikasi"]

    admin.get("/bahasa/en", headers={"Referer": "http://localhost/"})
    english = boxes(admin.get(editor + "diagram.svg").get_data(as_text=True))
    assert ">unreachable</text>" in english["Tanda Tangan"]


def test_a_sound_routing_has_no_unreachable_mark(admin):
    publish_sample()
    start_draft(admin)
    svg = admin.get("/admin/katalog/atur/alur/rekomendasi-paralel/diagram.svg").get_data(
        as_text=True)
    assert len(boxes(svg)) >= 3
    assert "terjangkau" not in svg and "stroke-dasharray" not in svg


def test_a_version_that_does_not_exist_draws_nothing(admin):
    """?versi= names a published version; one naming none is not found, never the draft's
    (or the version in force's) drawing passed off as it."""
    publish_sample()
    start_draft(admin)
    diagram = "/admin/katalog/atur/alur/rekomendasi-paralel/diagram.svg"
    assert len(boxes(admin.get(diagram + "?versi=1").get_data(as_text=True))) >= 3
    for unknown in ("999", "abc"):
        assert admin.get(f"{diagram}?versi={unknown}").status_code == 404, unknown
