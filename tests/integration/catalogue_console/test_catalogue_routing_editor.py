"""The routing editor as a catalogue admin uses it: a new routing opens in the step editor,
steps are added forwards (an action may point at a step still to be written), the checks say
what the routing graph really finds, and the page names things in the reader's language."""

from __future__ import annotations

import re

from tests.backoffice_helpers import page_text
from tests.catalogue_helpers import csrf, publish_sample
from tests.integration.catalogue_console.test_catalogue_draft import start_draft

EDITOR = "/admin/katalog/atur/alur/rekomendasi-paralel/"


def test_the_english_editor_names_steps_and_actions_in_english(admin):
    publish_sample()
    start_draft(admin)
    admin.get("/bahasa/en", headers={"Referer": "http://localhost/"})
    text = page_text(admin.get(EDITOR))
    assert "Document Verification" in text and "Approval and Electronic Signature" in text
    assert "Verifikasi Berkas" not in text
    assert "Forward → " in text  # the action's English name
    form = page_text(admin.get(EDITOR + "langkah/_baru"))
    assert "Document Verification (verifikasi)" in form


def test_a_new_routing_opens_in_its_step_editor(admin):
    publish_sample()
    start_draft(admin)
    url = "/admin/katalog/draf/alur/_baru"
    saved = admin.post(url, data={"csrf_token": csrf(admin, url), "code": "izin-cepat",
                                  "name_id": "Izin Cepat", "steps_json": "[]"})
    assert saved.status_code == 302
    assert saved.location.endswith("/admin/katalog/atur/alur/izin-cepat/")
    text = page_text(admin.get(saved.location))
    assert "Alur izin-cepat dibuat di draf. Tambahkan langkah-langkahnya." in text
    assert "Tambahkan minimal satu langkah" in text


def new_routing(admin, code: str = "izin-cepat") -> str:
    url = "/admin/katalog/draf/alur/_baru"
    admin.post(url, data={"csrf_token": csrf(admin, url), "code": code,
                          "name_id": "Izin Cepat", "steps_json": "[]"})
    return f"/admin/katalog/atur/alur/{code}/"


def save_step(admin, url: str, actions: list[tuple[str, str]], **fields):
    data = {"csrf_token": csrf(admin, url), "role": "Verifikator", "scope": "office",
            "action": [a for a, _ in actions], "target": [t for _, t in actions], **fields}
    return admin.post(url, data=data)


def test_an_action_may_point_at_a_step_written_next(admin):
    publish_sample()
    start_draft(admin)
    editor = new_routing(admin)
    first = editor + "langkah/_baru"
    assert "Langkah baru… (isi kuncinya di bawah)" in page_text(admin.get(first))
    saved = save_step(admin, first, [("lanjut", "_baru"), ("tolak", "@rejected")],
                      key="verifikasi", name_id="Verifikasi Berkas", new_key="kajian",
                      new_name="Kajian Teknis")
    assert saved.status_code == 302
    assert saved.location.endswith(first + "?kunci=kajian&nama=Kajian+Teknis")
    opened = admin.get(saved.location)
    assert "Sekarang lengkapi langkah baru kajian." in page_text(opened)
    html = opened.get_data(as_text=True)
    assert 'value="kajian"' in html and 'value="Kajian Teknis"' in html

    done = save_step(admin, first, [("terbitkan", "@issued"), ("kembalikan", "verifikasi")],
                     key="kajian", name_id="Kajian Teknis")
    assert done.location.endswith(editor)
    text = page_text(admin.get(editor))
    assert "Verifikasi Berkas verifikasi" in text and "Teruskan → Kajian Teknis" in text
    assert "Kajian Teknis kajian" in text and " · hari kerja" not in text
    assert "masalah harus diperbaiki" not in text


def test_a_new_step_target_needs_a_key_not_taken(admin):
    publish_sample()
    start_draft(admin)
    editor = new_routing(admin)
    first = editor + "langkah/_baru"
    refused = save_step(admin, first, [("lanjut", "_baru")], key="verifikasi",
                        name_id="Verifikasi")
    assert refused.status_code == 200
    assert "Isi kunci langkah baru yang dipilih sebagai tujuan." in page_text(refused)
    taken = save_step(admin, first, [("lanjut", "_baru")], key="verifikasi",
                      name_id="Verifikasi", new_key="verifikasi")
    assert "Langkah dengan kunci ini sudah ada" in page_text(taken)


def test_the_checks_say_what_the_graph_finds_in_words(admin):
    publish_sample()
    start_draft(admin)
    editor = new_routing(admin)
    first = editor + "langkah/_baru"
    save_step(admin, first, [("tolak", "@rejected")], key="verifikasi", name_id="Verifikasi")
    save_step(admin, first, [("terbitkan", "@issued")], key="tte", name_id="Tanda Tangan")
    text = page_text(admin.get(editor))
    assert "Langkah 'tte' dapat menerbitkan izin, tetapi belum dapat dicapai dari langkah " \
        "pertama 'verifikasi'." in text
    assert "@issued" not in text and "@rejected" not in text


def test_the_permits_own_agency_is_named_in_words(admin):
    publish_sample()
    start_draft(admin)
    text = page_text(admin.get(EDITOR))
    assert "Paralel: Dinas pemilik izin, DLH" in text and "@permit" not in text
    detail = page_text(admin.get("/admin/katalog/alur/rekomendasi-paralel"))
    assert "Paralel: Dinas pemilik izin, DLH" in detail and "@permit" not in detail
    form = page_text(admin.get(EDITOR + "langkah/1"))
    assert "Dinas pemilik izin" in form and "@permit" not in form


def test_a_long_label_on_a_backward_arrow_fits_the_diagram(admin):
    publish_sample()
    start_draft(admin)
    svg = admin.get(EDITOR + "diagram.svg").get_data(as_text=True)
    left = float(re.search(r'viewBox="(-?[\d.]+) ', svg).group(1))
    label = re.search(r'<text x="(\d+)"[^>]*text-anchor="end"[^>]*>(Kembalikan[^<]*)</text>',
                      svg)
    assert label.group(2) == "Kembalikan ke Verifikasi"
    assert int(label.group(1)) - len(label.group(2)) * 6 >= left
