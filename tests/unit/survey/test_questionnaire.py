"""The questionnaire document: the shipped sample and the checks that keep an invalid one
from being published."""

from __future__ import annotations

import copy
import json

import pytest

import forms_schema
from app.survey import questionnaire as q_lib
from app.survey.store import SAMPLE


@pytest.fixture
def sample() -> dict:
    return json.loads(SAMPLE.read_text(encoding="utf-8"))


def test_the_shipped_sample_is_valid_and_reproduces_the_manual(sample):
    assert q_lib.validate(sample) == []
    q = q_lib.Questionnaire(sample)
    assert [i.code for i in q.graded.items] == [f"U{n}" for n in range(1, 10)]
    assert q.field_label("q_persyaratan") == ("Bagaimana pendapat Saudara tentang kesesuaian "
                                              "persyaratan pelayanan dengan jenis pelayanannya?")
    assert [label for _v, label in q.options("q_persyaratan")] == [
        "Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"]
    assert [label for _v, label in q.options("q_biaya")] == [
        "Sangat mahal", "Cukup mahal", "Murah", "Sangat murah"]
    ipk = next(i for i in q.indices if i.key == "ipk")
    assert len(ipk.items) == 10
    assert [p.field for p in q.profile] == ["jenis_kelamin", "usia", "pendidikan", "pekerjaan"]
    sections = [s["key"] for s in sample["form"]["sections"]]
    assert sections == ["responden", "kepuasan", "persepsi_korupsi", "masukan"]
    # every question has an English text too
    for section in sample["form"]["sections"]:
        for field in section["fields"]:
            assert field["label"].get("en"), field["key"]


def test_answers_are_counted_by_value_and_age_by_group(sample):
    q = q_lib.Questionnaire(sample)
    answers = {"jenis_kelamin": "P", "usia": 34, "pendidikan": "d4_s1", "pekerjaan": "swasta",
               "q_persyaratan": "3", "k1": "4", "saran": "Lebih cepat", "pernyataan": True}
    keys = list(q.tally_keys(answers))
    assert ("*", "") in keys and ("q_persyaratan", "3") in keys and ("k1", "4") in keys
    assert ("usia", "30-39") in keys and ("jenis_kelamin", "P") in keys
    assert not any(field in ("saran", "pernyataan") for field, _v in keys)
    assert q.suggestion_text({"saran": " Lebih cepat ", "komentar": ""}) == "Lebih cepat"
    assert q.suggestion_text({"saran": "", "komentar": None}) is None


@pytest.mark.parametrize(("value", "group"), [(15, "0-19"), (19, "0-19"), (20, "20-29"),
                                              (59, "50-59"), (60, "60+"), (99, "60+")])
def test_age_groups(value, group):
    assert q_lib.bin_key(value, (20, 30, 40, 50, 60)) == group
    assert group in q_lib.bin_keys((20, 30, 40, 50, 60))


def _field(doc: dict, key: str) -> dict:
    return next(f for s in doc["form"]["sections"] for f in s["fields"] if f["key"] == key)


@pytest.mark.parametrize(("change", "expected"), [
    (lambda d: _field(d, "q_persyaratan")["options"].pop(), "empat pilihan bernilai 1, 2, 3, 4"),
    (lambda d: _field(d, "q_waktu").update(required=False), "harus wajib diisi dan selalu tampil"),
    (lambda d: d["indices"][0]["items"][0].update(field="tidak_ada"), "tidak ada pada formulir"),
    (lambda d: d["indices"][1].update(grading="permenpanrb-14-2017"), "tepat satu indeks"),
    (lambda d: d["indices"][1]["items"].append(dict(d["indices"][0]["items"][0], code="T9")),
     "sudah dipakai"),
    (lambda d: d["profile"][1].update(bins=[30, 20]), "bilangan bulat positif yang naik"),
    (lambda d: d["suggestions"].append("q_waktu"), "text atau textarea"),
    (lambda d: d["prefill"].update(usia={"source": "nik"}), "harus salah satu dari"),
    (lambda d: _field(d, "q_waktu").update(type="teks"), "tidak dikenal"),
    (lambda d: d["form"]["sections"][0]["fields"].append(
        {"key": "lampiran", "type": "file", "requirement": "x"}), "form."),
])
def test_invalid_documents_are_refused_with_the_place_and_reason(sample, change, expected):
    doc = copy.deepcopy(sample)
    change(doc)
    issues = q_lib.validate(doc)
    assert any(expected in issue for issue in issues), issues


def test_the_form_is_built_and_checked_by_the_permit_forms_engine(sample):
    q = q_lib.Questionnaire(sample)
    _clean, errors = forms_schema.clean_answers(q.form, {"q_waktu": "5"})
    assert errors["q_waktu"] == ["Pilihan tidak valid."]
    assert errors["pernyataan"] == ["Wajib diisi."] and "saran" not in errors
