"""Laporan's count tables show every column: at 1366 px no card cuts off its last column
(Kedaluwarsa), and at 390 px each row is a small card with every figure under its name,
not two columns and a sideways scroll."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.test_office import reading_the_report, shots

# for every count table: its cells a reader cannot see without scrolling inside the card
HIDDEN_CELLS = """() => [...document.querySelectorAll('.report-table')].flatMap(table => {
    const box = table.closest('.card').getBoundingClientRect();
    return [...table.querySelectorAll('tbody tr[data-key] td')]
        .filter(td => { const r = td.getBoundingClientRect();
                        return r.width === 0 || r.left < box.left - 1 || r.right > box.right + 1; })
        .map(td => `${table.id} ${td.closest('tr').dataset.key} ${td.dataset.col || 'name'}`);
})"""


@pytest.mark.parametrize("width", [1366, 390])
def test_every_column_of_every_count_table_is_in_sight(app, live_server, new_page, snap,
                                                       width):
    page = reading_the_report(live_server, new_page, f"kepala.tabel{width}@contoh.id")
    page.set_viewport_size({"width": width, "height": 900})
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    assert page.evaluate(HIDDEN_CELLS) == []
    expired = page.locator("#table-types tr[data-key] [data-col=expired]").first
    expect(expired).to_be_visible()
    if width == 390:  # each figure says what it is
        expect(page.locator("#table-permits tr[data-key='SIUP-PERIKANAN'] [data-col=issued]")) \
            .to_have_attribute("data-label", "Selesai")
    shots(page, snap, f"laporan-tabel-{width}")
