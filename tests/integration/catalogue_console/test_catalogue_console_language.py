"""The catalogue console's editors speak the reader's language: every form's labels, the
refusals next to a field, the page title and the messages after a save, in English after
/bahasa/en (what the admins type stays as typed)."""

from __future__ import annotations

import pytest

from app.backoffice import (
    catalogue_draft,
    catalogue_forms,
    catalogue_permit_forms,
    catalogue_small_forms,
)
from app.backoffice.catalogue_step_form import StepForm
from tests.backoffice_helpers import page_text
from tests.catalogue_helpers import csrf, publish_sample

NOT_SAVED_EN = ("Not saved yet. Some entries need correcting: the message is written under "
                "each of them.")

URL = "/admin/katalog/draf/izin/SIPA/persyaratan/_baru"


@pytest.fixture
def english_draft(admin):
    publish_sample()
    admin.post("/admin/katalog/draf/mulai",
               data={"csrf_token": csrf(admin, "/admin/katalog/draf/")})
    admin.get("/bahasa/en", headers={"Referer": "http://localhost/"})
    return admin


def test_the_requirement_editor_in_english(english_draft):
    admin = english_draft
    text = page_text(admin.get(URL))
    for words in ("Add requirement", "Key", "Requirement name", "Description",
                  "Upload required", "File formats",
                  "Maximum size (MB)", "Applies to application types", "Download template",
                  "— No template —", "New", "Renewal"):
        assert words in text, words
    for words in ("Add requirements", "Kunci", "Nama persyaratan", "Keterangan",
                  "Wajib diunggah", "Format berkas", "Ukuran maksimal", "Berlaku untuk",
                  "Templat unduhan", "Tanpa templat", "Perpanjangan"):
        assert words not in text, words

    refused = admin.post(URL, data={"csrf_token": csrf(admin, URL), "key": "foto_sumur",
                                    "name_id": "", "max_mb": "dua"})
    text = page_text(refused)
    for words in (NOT_SAVED_EN,
                  "The name (in Indonesian) is required.",
                  "Choose at least one file format.",
                  "Must be a number, e.g. 2 or 2.5."):
        assert words in text, words
    for words in ("Belum disimpan", "Nama (bahasa Indonesia)", "Pilih minimal",
                  "Harus berupa angka"):
        assert words not in text, words
    assert 'value="foto_sumur"' in refused.get_data(as_text=True)  # nothing typed is lost

    saved = admin.post(URL, data={"csrf_token": csrf(admin, URL), "key": "foto_sumur",
                                  "name_id": "Foto Sumur", "formats": ["jpg"], "max_mb": "3"})
    assert saved.status_code == 302
    text = page_text(admin.get(saved.location))
    assert "Requirement saved in the draft." in text and "Edit requirement" in text


@pytest.mark.parametrize("form_class", [
    catalogue_forms.AgencyForm, catalogue_forms.SectorForm, catalogue_forms.HolidayForm,
    catalogue_forms.RoutingForm, catalogue_forms.LookupForm, catalogue_permit_forms.PermitForm,
    catalogue_permit_forms.RequirementForm, catalogue_small_forms.ApplicationTypeForm,
    catalogue_small_forms.ActionForm, catalogue_small_forms.RoleForm, StepForm,
    catalogue_draft.PublishForm])
def test_every_catalogue_form_label_is_translated(app, form_class):
    """Each label of every catalogue form is marked and has its English text."""
    from flask_babel import force_locale

    with app.test_request_context("/"), force_locale("en"):
        form = form_class(meta={"csrf": False})
        untranslated = [f.label.text for f in form
                        if f.name != "csrf_token" and f.label.text
                        and str(f.label.text) == str(_indonesian(app, f))]
    assert untranslated == []


def _indonesian(app, field):
    from flask_babel import force_locale

    with force_locale("id"):
        return str(field.label.text)


def test_the_field_editor_names_each_language_copy_in_its_heading(admin):
    import re

    publish_sample()
    url = "/admin/katalog/susun/izin/SIP-DOKTER/isian/faskes"
    admin.post("/admin/katalog/draf/mulai",
               data={"csrf_token": csrf(admin, "/admin/katalog/draf/")})

    def labels() -> list[str]:
        html = admin.get(url).get_data(as_text=True)
        return re.findall(r'<label class="form-label fw-semibold" for="(?:label|help|placeholder)'
                          r'_(?:id|en)">([^<]+)</label>', html)

    assert labels() == ["Label (Indonesia)", "Label (English)", "Teks bantuan (Indonesia)",
                        "Teks bantuan (English)", "Contoh isian (Indonesia)",
                        "Contoh isian (English)"]
    admin.get("/bahasa/en", headers={"Referer": "http://localhost/"})
    assert labels() == ["Label (Indonesian)", "Label (English)", "Help text (Indonesian)",
                        "Help text (English)", "Placeholder (Indonesian)",
                        "Placeholder (English)"]


def test_the_permit_editors_lists_name_dinas_bidang_and_routing_in_english(english_draft):
    html = english_draft.get("/admin/katalog/draf/izin/SIP-DOKTER").get_data(as_text=True)
    assert ">DINKES — Provincial Health Office<" in html
    assert ">KESEHATAN — Health<" in html
    assert "Dinas Kesehatan Provinsi" not in html.split('name="agency"')[1].split("</select>")[0]
