"""Validasi Data and the wizard's inputs in a real browser: a placeholder reads as a hint,
not as a value; Kirim without the declaration says so where the page opens; Ubah comes back."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.test_account_journeys import scripts_ready

PLACEHOLDER_AND_TEXT = """el => {
  const rgb = c => c.match(/[\\d.]+/g).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map(v => v / 255)
      .map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)
      .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  const over = (c, bg) => c.length > 3 && c[3] < 1  // an rgba colour as seen on bg
      ? c.slice(0, 3).map((v, i) => v * c[3] + bg[i] * (1 - c[3])) : c.slice(0, 3);
  const bg = rgb(getComputedStyle(el).backgroundColor);
  const hint = over(rgb(getComputedStyle(el, '::placeholder').color), bg);
  const text = over(rgb(getComputedStyle(el).color), bg);
  const ratio = (a, b) => (Math.max(lum(a), lum(b)) + 0.05) / (Math.min(lum(a), lum(b)) + 0.05);
  return {onBackground: ratio(hint, bg), fromText: ratio(hint, text)};
}"""


def test_placeholders_are_muted_hints_yet_readable(app, page, at_review, snap):
    page.goto(f"/permohonan/{at_review}/langkah/detail")
    scripts_ready(page)
    page.fill("[data-field=practice_point] [data-geo=lat]", "")
    date_box = page.locator("#str_valid_until[data-dmy=text]")
    date_box.fill("")
    for box in (page.locator("[data-field=practice_point] [data-geo=lat]"), date_box):
        assert box.get_attribute("placeholder")
        seen = box.evaluate(PLACEHOLDER_AND_TEXT)
        assert seen["onBackground"] >= 4.5, seen  # WCAG AA for the hint itself
        assert seen["fromText"] >= 2.0, seen  # and not mistaken for something typed
    page.set_viewport_size({"width": 390, "height": 844})
    page.locator("[data-field=practice_point]").scroll_into_view_if_needed()
    snap(page, "placeholders-390")


def test_sending_without_the_declaration_opens_on_the_problem(app, page, at_review, snap):
    page.goto(f"/permohonan/{at_review}/validasi")
    page.click("#wizard-submit")
    expect(page).to_have_url(re.compile(r"/validasi$"))
    alert = page.locator("#declaration-alert")
    expect(alert).to_contain_text("Centang pernyataan kebenaran data sebelum mengirim")
    expect(alert).to_be_in_viewport()  # where the page opens, not three screens down
    snap(page, "declaration-missing")
    alert.locator("a[href='#declaration']").click()
    expect(page.locator("#declaration")).to_be_in_viewport()
    page.check("#declaration")
    page.click("#wizard-submit")
    expect(page).to_have_url(re.compile(r"/permohonan(#declaration)?$"))  # sent


def test_ubah_then_lanjut_comes_back_to_validasi_data(app, page, at_review):
    page.goto(f"/permohonan/{at_review}/validasi")
    page.click("a[data-edit-step=lokasi]")
    expect(page).to_have_url(re.compile(r"/langkah/lokasi\?kembali=validasi$"))
    scripts_ready(page)
    page.fill("#street", "Jl. Sudah Diubah")
    page.fill("#rt", "abc")
    page.click("#wizard-next")  # refused: the error, the typed value, the way back kept
    expect(page.locator("[data-error-for=rt]")).to_contain_text("RT berupa angka")
    expect(page.locator("#rt")).to_have_value("abc")
    scripts_ready(page)
    page.fill("#rt", "5")
    page.click("#wizard-next")
    expect(page).to_have_url(re.compile(r"/validasi$"))
    expect(page.locator("#answers-location")).to_contain_text("Jl. Sudah Diubah")
