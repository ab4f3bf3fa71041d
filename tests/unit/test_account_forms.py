"""Registration, profile and the wizard's fixed steps are form definitions (app/forms): valid
for forms_schema's own schema, built from one declaration per shared field, and cleaned by
the same engine as a permit form."""

from __future__ import annotations

import io
import json

import pytest

from app import forms
from app.forms import i18n
from forms_schema import FormDefinitionError, validate_form_definition

EXPECTED = {"register_perorangan", "register_badan_usaha", "profile_perorangan",
            "profile_badan_usaha", "wizard_applicant", "wizard_company", "wizard_location",
            "complaint_applicant", "complaint_visitor", "privacy_erasure", "chat_visitor",
            "complaint_track", "resi_lookup", "complaint_contact_code", "staff_preferences",
            "staff_account"}
ADDRESS = {"address": "Jl. Juanda No. 7", "province_code": "64", "regency_code": "64.72",
           "district_code": "64.72.01", "village_code": "64.72.01.1003",
           "phone": "+62 812-3456-7890", "postal_code": "75131"}


def test_every_form_is_a_valid_definition():
    assert set(forms.names()) == EXPECTED
    for name in forms.names():
        assert validate_form_definition(forms.definition(name)) == [], name


def test_each_shared_field_is_declared_once_and_used():
    shared = json.loads((forms.DEFINITIONS / "fields.json").read_text())
    used = {entry["use"] for name in forms.names()
            for section in json.loads((forms.DEFINITIONS / f"{name}.json").read_text())[
                "sections"] for entry in section["fields"] if "use" in entry}
    assert used == set(shared)


def test_the_admins_staff_form_is_the_staffs_own_but_for_its_help_texts():
    """Pengguna offers an account's choices from staff_account, and the service checks them
    with staff_preferences (services.staff.checked_preferences): one field list, one rule;
    only the words addressed to the reader differ (an admin is not the account's "Anda")."""
    from app.services import staff

    def without_help(name):
        return [{k: v for k, v in field.items() if k != "help"}
                for section in forms.definition(name)["sections"] for field in section["fields"]]

    assert without_help(staff.ACCOUNT_FORM) == without_help(staff.PREFERENCES_FORM)
    helps = [f.get("help", {}).get("id", "") for s in forms.definition(staff.ACCOUNT_FORM)[
        "sections"] for f in s["fields"]]
    assert helps and all("Anda" not in text for text in helps)


def test_the_kind_decides_which_fields_apply():
    assert {"nik", "gender", "birth_date"} <= set(forms.keys("register_perorangan"))
    assert not {"nik", "gender"} & set(forms.keys("register_badan_usaha"))
    assert {"company_name", "pic_nik", "npwp"} <= set(forms.keys("register_badan_usaha"))
    # identity is fixed once registered: the profile forms never offer it
    for name in ("profile_perorangan", "profile_badan_usaha"):
        assert not {"nik", "npwp", "email"} & set(forms.keys(name))


def test_registration_and_profile_share_one_rule_per_field():
    """The same shared declaration, so profile refuses what registration refuses."""
    register = {f["key"]: f for s in forms.definition("register_perorangan")["sections"]
                for f in s["fields"]}
    profile = {f["key"]: f for s in forms.definition("profile_perorangan")["sections"]
               for f in s["fields"]}
    for key in ("gender", "birth_date", "education", "province_code", "village_code",
                "postal_code"):
        assert register[key] == profile[key], key
    assert profile["birth_date"]["max"] == "today"


def test_overrides_change_one_key_and_null_removes_one(monkeypatch):
    plain = forms._field({"use": "name"})
    assert plain["key"] == "name" and plain["required"] is True
    assert forms._field({"use": "name", "label": {"id": "Nama Lengkap"}})["label"] == {
        "id": "Nama Lengkap"}
    assert "max_length" not in forms._field({"use": "name", "max_length": None})
    assert forms._field({"use": "company_name", "key": "name"})["key"] == "name"
    with pytest.raises(KeyError):
        forms._field({"use": "tidak_ada"})


def test_a_broken_definition_fails_loudly_with_every_issue(tmp_path, monkeypatch):
    (tmp_path / "fields.json").write_text('{"name": {"type": "text"}}')
    (tmp_path / "rusak.json").write_text(json.dumps({"sections": [{"title": {"id": "X"},
        "fields": [{"use": "name", "type": "teks"}, {"key": "a", "type": "region",
                                                      "within": "name"}]}]}))
    monkeypatch.setattr(forms, "DEFINITIONS", tmp_path)
    forms._shared.cache_clear()
    forms._definition.cache_clear()
    try:
        with pytest.raises(FormDefinitionError) as caught:
            forms.definition("rusak")
        messages = [issue.message for issue in caught.value.issues]
        assert any("'teks' tidak dikenal" in m for m in messages)
        assert any("harus merujuk field wilayah" in m for m in messages)
    finally:
        forms._shared.cache_clear()
        forms._definition.cache_clear()


def test_clean_uses_the_engine_and_the_database_step_only_on_passing_fields():
    seen = []

    def also(clean):
        seen.append(dict(clean))
        return {"phone": ["sudah dipakai"], "postal_code": ["tidak dipanggil"]}

    clean, errors = forms.clean("wizard_applicant",
                                {**ADDRESS, "postal_code": "7513", "email": "A@Contoh.id"},
                                also=also)
    assert clean == {"phone": "081234567890", "email": "A@Contoh.id"}
    assert errors == {"postal_code": ["Kode pos harus 5 digit angka"],
                      "phone": ["sudah dipakai"]}
    assert seen == [clean]


def test_texts_are_extracted_for_the_catalogue_and_localised_at_render_time():
    raw = (forms.DEFINITIONS / "wizard_company.json").read_bytes()
    found = [(line, text) for line, _f, text, _c in
             i18n.extract_definitions(io.BytesIO(raw), None, None, None)]
    assert (3, "Data Perusahaan") in found and any(t == "13 digit, jika ada"
                                                       for _l, t in found)
    shared = list(i18n.texts(json.loads((forms.DEFINITIONS / "fields.json").read_text())))
    assert {"Jenis Kelamin", "Perempuan", "-Pilih-", "Tidak Sekolah"} <= set(shared)
    assert "Nama wajib diisi" in shared  # the checks write it, a page shows it translated
    english = i18n.localised(forms.definition("profile_perorangan"), "en", str.upper)
    gender = english["sections"][0]["fields"][1]
    assert gender["label"] == {"id": "Jenis Kelamin", "en": "JENIS KELAMIN"}
    assert gender["options"][1]["label"]["en"] == "PEREMPUAN"
    assert gender["required_message"] == {"id": "Jenis Kelamin wajib dipilih",
                                          "en": "JENIS KELAMIN WAJIB DIPILIH"}
