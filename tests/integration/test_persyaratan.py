"""Persyaratan: the public requirements page, read from the current published version."""

from __future__ import annotations

import re

import pytest

import catalogue as cat_lib
from app.services import catalogue_store as store
from tests.backoffice_helpers import page_text
from tests.catalogue_helpers import SAMPLE, publish_sample, reset_catalogue, unseen_catalogue


@pytest.fixture(autouse=True)
def clean_catalogue(app):
    reset_catalogue()
    yield
    reset_catalogue()


def listed_codes(response) -> list[str]:
    return re.findall(r'data-permit="([^"]+)"', response.get_data(as_text=True))


def test_without_a_published_catalogue_the_page_says_so(client):
    response = client.get("/persyaratan")
    assert response.status_code == 200
    assert "Katalog perizinan belum diterbitkan" in page_text(response)
    assert client.get("/persyaratan/SIP-DOKTER").status_code == 404


def test_the_portal_links_to_the_page(client):
    html = client.get("/").get_data(as_text=True)
    assert 'href="/persyaratan"' in html
    assert "Dokumen, biaya, dan lama proses tiap izin" in page_text(client.get("/"))


def test_lists_every_sample_permit_ten_per_page_without_login(client):
    publish_sample()
    first = client.get("/persyaratan")
    assert first.status_code == 200
    shown = page_text(first)
    assert "Menampilkan 1–10 dari 15 jenis izin" in shown
    assert "Katalog versi 1" in shown
    second = client.get("/persyaratan?hal=2")
    assert "Menampilkan 11–15 dari 15 jenis izin" in page_text(second)
    codes = listed_codes(first) + listed_codes(second)
    assert sorted(codes) == sorted(p["code"] for p in cat_lib.load_folder(SAMPLE).permits)
    assert "Surat Izin Praktik Dokter" in shown + page_text(second)


def test_search_and_filters_narrow_the_list(client):
    publish_sample()
    assert listed_codes(client.get("/persyaratan?q=praktik+dokter")) == ["SIP-DOKTER"]
    # agency names and sector names are searched too
    assert set(listed_codes(client.get("/persyaratan?q=perhubungan"))) == {
        "IZIN-ANGSUS", "IZIN-TRAYEK-AKDP"}
    assert set(listed_codes(client.get("/persyaratan?instansi=DINKES"))) == {
        "IZOP-RS", "SIP-DOKTER", "SIP-PERAWAT"}
    assert set(listed_codes(client.get("/persyaratan?bidang=KELAUTAN"))) == {
        "SIPI", "SIUP-PERIKANAN"}
    assert listed_codes(client.get("/persyaratan?instansi=DINKES&q=perawat")) == [
        "SIP-PERAWAT"]
    empty = client.get("/persyaratan?q=kapal+selam")
    assert "Tidak ada jenis izin yang cocok dengan pencarian Anda." in page_text(empty)
    # the filters only offer agencies and sectors that have permits
    html = client.get("/persyaratan").get_data(as_text=True)
    assert '<option value="DINKES">' in html and '<option value="BAPENDA">' not in html


def test_detail_shows_requirements_for_each_application_type(client):
    publish_sample()
    response = client.get("/persyaratan/SIP-DOKTER")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    panes = dict(re.findall(r'data-application-type="([a-z_]+)">(.*?)</table>', html, re.S))
    assert list(panes) == ["baru", "perpanjangan", "perubahan", "pencabutan"]
    keys = {t: re.findall(r'data-requirement="([a-z_]+)"', body) for t, body in panes.items()}
    assert keys["baru"] == ["ktp", "str", "ijazah", "rekom_idi", "pas_foto", "pernyataan"]
    # the permit being renewed is chosen from the system: no scan of it is asked for
    assert keys["perpanjangan"] == ["ktp", "str", "rekom_idi", "pas_foto", "pernyataan"]
    assert "ijazah" not in keys["pencabutan"]
    shown = page_text(response)
    # each row: the phone's line under the name, then the wide screen's columns
    assert "Ijazah Dokter Wajib PDF · maks. 5 MB PDF 5 MB Wajib" in shown
    # jpeg is jpg, as uploads say
    assert "Scan KTP Wajib PDF, JPG, PNG · maks. 2 MB PDF, JPG, PNG 2 MB Wajib" in shown
    assert "Lama proses 5 hari kerja" in shown
    assert "Biaya / retribusi Gratis" in shown
    assert "Masa berlaku 5 tahun" in shown
    assert "Undang-Undang Nomor 17 Tahun 2023 tentang Kesehatan" in shown
    # the routing in plain words, with the permit's own agency named
    assert "Verifikasi Berkas Oleh Verifikator — Dinas Penanaman Modal" in shown
    assert "Rekomendasi Teknis Oleh Tim Teknis — Dinas Kesehatan Provinsi Kalimantan Timur" \
        in shown
    assert "dikembalikan ke pemohon untuk diperbaiki" in shown and "izin diterbitkan" in shown


def test_parallel_steps_and_permanent_validity_are_explained(client):
    publish_sample()
    shown = page_text(client.get("/persyaratan/IUIPHHK"))
    assert "Berlaku tanpa batas waktu" in shown
    assert "bersamaan" in shown


def test_requirement_template_is_downloaded_from_the_published_version(client):
    publish_sample()
    html = client.get("/persyaratan/SIP-DOKTER").get_data(as_text=True)
    assert 'href="/persyaratan/SIP-DOKTER/templat/pernyataan"' in html
    response = client.get("/persyaratan/SIP-DOKTER/templat/pernyataan")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == \
        "attachment; filename=surat-pernyataan.pdf"
    assert response.mimetype == "application/pdf"
    assert response.data == (SAMPLE / "templates" / "surat-pernyataan.pdf").read_bytes()
    text_file = client.get("/persyaratan/IZIN-PENELITIAN/templat/proposal")
    assert text_file.headers["Content-Disposition"].startswith("attachment;")
    # a requirement without a template, an unknown one, another permit's key
    for url in ("/persyaratan/SIP-DOKTER/templat/ktp", "/persyaratan/SIP-DOKTER/templat/x",
                "/persyaratan/SIPA/templat/pernyataan", "/persyaratan/NOPE/templat/ktp"):
        assert client.get(url).status_code == 404, url


def test_unknown_permit_is_not_found(client):
    publish_sample()
    response = client.get("/persyaratan/TIDAK-ADA")
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in page_text(response)


def test_a_new_version_replaces_what_the_public_sees(client):
    publish_sample()
    data = unseen_catalogue()
    store.publish(data, {}, source="uji")
    assert listed_codes(client.get("/persyaratan")) == ["IZIN-MENARA-TELKOM"]
    shown = page_text(client.get("/persyaratan/IZIN-MENARA-TELKOM"))
    assert "Biaya / retribusi Rp 2.750.000" in shown
    assert "Masa berlaku 2 tahun 6 bulan" in shown
    assert "Lama proses 7 hari kerja" in shown
    assert "Izin Awal Sebelumnya Wajib PDF · maks. 2 MB PDF 2 MB Wajib" in shown
    assert "Persetujuan Warga Sekitar Opsional PDF, JPG · maks. 5 MB PDF, JPG 5 MB Opsional" \
        in shown
    assert "Penilaian Lapangan Oleh Penilai Menara — Dinas Komunikasi dan Informatika dan " \
        "Satuan Polisi Pamong Praja bersamaan" in shown
    assert client.get("/persyaratan/SIP-DOKTER").status_code == 404


def test_the_listing_shows_the_fee_in_the_readers_language(app, client):
    """Each card's fee as the detail page says it: "Free" in English, "Gratis" in Indonesian."""
    publish_sample()
    assert "Gratis" in page_text(client.get("/persyaratan"))
    english = page_text(client.get("/persyaratan?_l_=en"))
    assert "Free" in english and "Gratis" not in english


def test_a_send_back_reads_as_such_and_english_roles_say_what_they_do(client):
    publish_sample()
    shown = page_text(client.get("/persyaratan/IUIPHHK"))
    assert "dikembalikan ke Verifikasi Berkas" in shown
    assert "lanjut ke Verifikasi Berkas" not in shown
    assert "lanjut ke Rekomendasi Teknis dan Lingkungan" in shown  # forwarding stays so
    client.get("/bahasa/en", headers={"Referer": "http://localhost/"})
    english = page_text(client.get("/persyaratan/IUIPHHK"))
    assert "back to Document Verification" in english
    assert "By Verifikator (Checks completeness) — " in english
