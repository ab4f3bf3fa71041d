"""Cross-document validation: references, routing graphs, forms, formats, file locations."""

from __future__ import annotations

import json
from datetime import date

from catalogue import (
    Catalogue,
    add_working_days,
    allowed_actions,
    dump_folder,
    format_number,
    start,
    transition,
    validate,
    validate_folder,
)
from tests.unit.catalogue.catalogue_builders import make_catalogue_dict, sample, sample_dict


def messages(data) -> dict[str, str]:
    return {i.path: i.message for i in validate(data)}


def test_brand_new_catalogue_validates_and_its_routing_runs_end_to_end():
    data = make_catalogue_dict()
    assert validate(data) == []
    cat = Catalogue(data)
    permit = cat.permit("TDUP-HOMESTAY")
    routing = cat.permit_routing("TDUP-HOMESTAY")
    state = start(routing, permit["agency"])
    assert allowed_actions(routing, state, "Petugas Loket", "MPP") == [
        "terima", "kembalikan", "tolak"]
    state = transition(routing, state, "Petugas Loket", "MPP", "terima").state
    assert state.step == "survei" and state.pending == ("DISPAR", "DPUPR")
    step = transition(routing, state, "Surveyor", "DPUPR", "layak")
    assert step.outcome == "waiting" and step.state.pending == ("DISPAR",)
    state = transition(routing, step.state, "Surveyor", "DISPAR", "layak").state
    final = transition(routing, state, "Kepala Kantor", "MPP", "setujui")
    assert final.outcome == "issued" and final.state.finished
    number = format_number(permit["permit_number"], seq=12, date=date(2026, 8, 18),
                           agency=permit["agency"], permit=permit["code"])
    assert number == "556/00012/DISPAR/2026"
    assert add_working_days(date(2026, 8, 14), permit["sla_working_days"],
                            cat.holiday_dates()) == date(2026, 8, 21)


def test_unknown_references_are_each_reported():
    data = make_catalogue_dict()
    permit = data["permits"][0]
    permit["agency"] = "DINAS-X"
    permit["sector"] = "SEKTOR-X"
    permit["routing"] = "alur-x"
    permit["application_types"].append("baru")
    permit["requirements"][1]["applies_to"] = ["pencabutan"]
    permit["form"]["sections"][0]["fields"].append(
        {"key": "rs", "type": "lookup", "label": {"id": "RS"}, "table": "rumah_sakit"})
    permit["form"]["sections"][0]["fields"][2]["requirement"] = "foto_tidak_ada"
    data["sectors"][0]["agency"] = "ENTAH"
    data["routings"][0]["steps"][1]["agencies"] = ["@permit", "BAPPEDA"]
    data["routings"][0]["steps"][2]["role"] = "Bupati"
    found = messages(data)
    expected = {
        "permits[0].agency", "permits[0].sector", "permits[0].routing",
        "permits[0].application_types[2]", "permits[0].requirements[1].applies_to[0]",
        "permits[0].form.sections[0].fields[3].table",
        "permits[0].form.sections[0].fields[2].requirement", "sectors[0].agency",
        "routings[0].steps[1].agencies[1]", "routings[0].steps[2].role",
    }
    assert set(found) == expected
    assert found["routings[0].steps[2].role"] == "Peran 'Bupati' tidak ditemukan di katalog."


def test_duplicates_unknown_keys_formats_and_lookups():
    data = make_catalogue_dict()
    data["agencies"].append(dict(data["agencies"][0]))
    permit = data["permits"][0]
    permit["feee"] = 0
    permit["registration_number"] = "{seq/{year}"
    permit["permit_number"] = "NO/{year}"
    permit["requirements"].append(dict(permit["requirements"][0]))
    data["lookups"] = [{"name": "kamus", "title": {"id": "Kamus"}, "key_column": "kode",
                        "columns": [{"key": "kode", "label": {"id": "Kode"}}],
                        "rows": [{"kode": "A"}, {"kode": "A"}, {"kode": "B", "lain": 1}]}]
    found = messages(data)
    assert "lebih dari sekali" in found["agencies[3].code"]
    assert found["permits[0].feee"] == "Isian 'feee' tidak dikenal."
    assert "{" in found["permits[0].registration_number"]
    assert "{seq}" in found["permits[0].permit_number"]
    assert "lebih dari sekali" in found["permits[0].requirements[2].key"]
    assert "lebih dari satu baris" in found["lookups[0].rows[1].kode"]
    assert "tidak dikenal" in found["lookups[0].rows[2].lain"]


def _routing(steps: list[dict]) -> dict:
    data = make_catalogue_dict()
    data["routings"][0]["steps"] = steps
    return data


def _step(key, actions, **extra):
    return {"key": key, "name": {"id": key}, "role": "Surveyor", "agency": "MPP",
            "actions": actions, **extra}


def test_routing_graph_unreachable_dead_end_and_cycle_without_exit():
    data = _routing([
        _step("a", {"lanjut": "b", "tolak": "@rejected"}),
        _step("b", {"lanjut": "c"}),
        _step("c", {"lanjut": "b"}),
        _step("yatim", {"terbitkan": "@issued"}),
        _step("buntu", {"lanjut": "tidak_ada"}),
    ])
    found = messages(data)
    assert "tidak pernah dicapai" in found["routings[0].steps[3]"]
    assert "tidak pernah dicapai" in found["routings[0].steps[4]"]
    assert "berputar" in found["routings[0].steps[1].actions"]
    assert "berputar" in found["routings[0].steps[2].actions"]
    assert "tidak ada" in found["routings[0].steps[4].actions.lanjut"]
    assert found["routings[0].steps"] == ("Langkah 'yatim' dapat menerbitkan izin, tetapi "
                                          "belum dapat dicapai dari langkah pertama 'a'.")


def test_a_routing_without_an_issuing_action_says_so_in_words():
    data = _routing([_step("a", {"lanjut": "b", "tolak": "@rejected"}),
                     _step("b", {"tolak": "@rejected"})])
    found = messages(data)
    assert found["routings[0].steps"] == ("Belum ada langkah dengan tindakan yang menerbitkan "
                                          "izin.")
    assert not any("@" in message for message in found.values())


def test_cycle_with_an_exit_and_revision_back_edge_are_fine():
    data = _routing([
        _step("a", {"lanjut": "b", "revisi": "@applicant"}),
        _step("b", {"kembali": "a", "terbitkan": "@issued"}),
    ])
    assert validate(data) == []


def test_dead_end_step_and_parallel_step_with_two_exits():
    data = _routing([
        _step("a", {"lanjut": "p", "tolak": "@rejected"}),
        {"key": "p", "name": {"id": "p"}, "role": "Surveyor", "agencies": ["@permit", "DPUPR"],
         "actions": {"setuju": "@issued", "teruskan": "z"}},
        _step("z", {}),
    ])
    found = {i.path: i.message for i in validate(data) if "buntu" in i.message
             or "paralel" in i.message}
    assert "buntu" in found["routings[0].steps[2].actions"]
    assert "satu tujuan" in found["routings[0].steps[1].actions"]


def test_step_with_both_agency_and_agencies_or_neither():
    data = _routing([
        {"key": "a", "name": {"id": "a"}, "role": "Surveyor",
         "actions": {"terbitkan": "@issued"}},
    ])
    assert "agencies" in messages(data)["routings[0].steps[0].agency"]


def test_form_problems_come_from_the_form_engine_with_catalogue_paths():
    data = make_catalogue_dict()
    fields = data["permits"][0]["form"]["sections"][0]["fields"]
    fields[0]["type"] = "angka"
    fields[1]["visible_if"] = "kamar >"
    found = messages(data)
    assert "angka" in found["permits[0].form.sections[0].fields[0].type"]
    assert any(p.startswith("permits[0].form.sections[0].fields[1].visible_if") for p in found)


def test_folder_issues_name_the_file_and_path_inside_it(tmp_path):
    root = tmp_path / "katalog"
    dump_folder(sample(), root)
    sipa = root / "permits" / "SIPA.json"
    doc = json.loads(sipa.read_text())
    doc["fee"] = -5
    doc["requirements"][0]["template_file"] = "templates/hilang.pdf"
    sipa.write_text(json.dumps(doc))
    (root / "agencies.json").write_text('[{"code": "DPMPTSP",\n "name": }]')
    holidays = json.loads((root / "holidays" / "2026.json").read_text())
    holidays[2]["kind"] = "libur"
    (root / "holidays" / "2026.json").write_text(json.dumps(holidays))
    issues = validate_folder(root)
    located = {(i.source, i.row, i.path) for i in issues}
    assert ("permits/SIPA.json", None, "fee") in located
    assert ("permits/SIPA.json", None, "requirements[0].template_file") in located
    assert ("holidays/2026.json", None, "[2].kind") in located
    assert ("agencies.json", 2, "") in located


def test_sample_assets_are_checked_when_the_folder_is_known(tmp_path):
    root = tmp_path / "katalog"
    dump_folder(sample(), root)  # documents only: templates/ is not copied
    missing = {i.message for i in validate_folder(root)}
    assert any("certificate-generic.html" in m for m in missing)
    assert any("surat-pernyataan.pdf" in m for m in missing)
    assert validate(sample()) == []


def test_map_names_a_geopoint_field_of_the_form_outside_groups():
    data = sample_dict()
    permits = {p["code"]: p for p in data["permits"]}
    assert permits["SIP-DOKTER"]["map"] == {"field": "practice_point"}
    permits["SIP-DOKTER"]["map"] = {"field": "str_number"}  # a text field
    permits["SIPA"]["map"] = {"field": "tidak_ada"}
    permits["IUP-BATUAN"]["map"] = {"field": "coordinate"}  # a geopoint inside a group
    permits["IZOP-RS"]["map"] = {"field": "location", "zoom": 3}
    found = messages(data)
    index = {p["code"]: i for i, p in enumerate(data["permits"])}
    assert "harus berjenis geopoint" in found[f"permits[{index['SIP-DOKTER']}].map.field"]
    assert "tidak ada di formulir" in found[f"permits[{index['SIPA']}].map.field"]
    assert "tidak ada di formulir" in found[f"permits[{index['IUP-BATUAN']}].map.field"]
    assert any(path.startswith(f"permits[{index['IZOP-RS']}].map") for path in found)


def test_a_requirement_may_only_ask_for_formats_an_applicant_can_upload():
    """"pdf, docx" used to publish, and every .docx was then refused at the upload."""
    data = make_catalogue_dict()
    data["permits"][0]["requirements"][0]["formats"] = ["pdf", "docx"]
    data["permits"][0]["requirements"][1]["formats"] = ["xlsx"]
    found = messages(data)
    assert set(found) == {"permits[0].requirements[0].formats[1]"}
    message = found["permits[0].requirements[0].formats[1]"]
    assert message.startswith("Format berkas 'docx' tidak dapat diunggah pemohon; pilihan: pdf,")
    assert "kmz" in message and "xlsx" in message
