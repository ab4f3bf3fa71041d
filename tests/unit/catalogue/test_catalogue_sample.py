"""The shipped sample catalogue is complete, valid and identical to its Excel twin."""

from __future__ import annotations

from datetime import date

from catalogue import dump_folder, load_xlsx, validate, validate_folder
from catalogue.references import iter_form_fields
from tests.unit.catalogue.catalogue_builders import SAMPLE_DIR, SAMPLE_XLSX, sample

FIELD_TYPES = {"text", "textarea", "number", "decimal", "date", "select", "multiselect", "radio",
               "boolean", "email", "phone", "nik", "npwp", "nib", "region", "geopoint",
               "lookup", "group", "file"}


def test_sample_folder_has_no_issues():
    assert validate_folder(SAMPLE_DIR) == []
    assert validate(sample()) == []


def test_excel_twin_matches_the_json_documents():
    assert load_xlsx(SAMPLE_XLSX).to_dict() == sample().to_dict()


def test_sample_is_realistic_for_kalimantan_timur():
    cat = sample()
    kinds = {a["kind"] for a in cat.agencies}
    assert cat.agency("DPMPTSP")["kind"] == "dpmptsp"
    assert len([a for a in cat.agencies if a["kind"] != "dpmptsp"]) >= 6 and "badan" in kinds
    assert len(cat.permits) >= 12
    assert sum(p["fee"] == 0 for p in cat.permits) > len(cat.permits) / 2
    faskes = cat.lookup("faskes")
    assert len(faskes["rows"]) >= 20
    assert {c["key"] for c in faskes["columns"]} >= {"code", "name", "address", "owner",
                                                      "person_in_charge", "lat", "lng"}
    assert all(-3 < row["lat"] < 3 and 114 < row["lng"] < 119 for row in faskes["rows"])


def test_sample_forms_use_every_field_type_together():
    used = {f["type"] for p in sample().permits for _, f in iter_form_fields(p["form"])}
    assert used >= FIELD_TYPES


def test_faskes_lookup_is_conditional_like_the_design_example():
    form = sample().permit("SIP-DOKTER")["form"]
    faskes = next(f for _, f in iter_form_fields(form) if f["type"] == "lookup")
    assert faskes["table"] == "faskes"
    assert faskes["visible_if"] == faskes["required_if"] == "practice_kind == 'non_mandiri'"


def test_routings_cover_front_office_technical_and_parallel():
    cat = sample()
    shapes = set()
    for routing in cat.routings:
        steps = routing["steps"]
        if any("agencies" in s for s in steps):
            assert any("@permit" in s["agencies"] and "DLH" in s["agencies"]
                       for s in steps if "agencies" in s)
            shapes.add("parallel")
        elif any(s.get("agency") == "@permit" for s in steps):
            shapes.add("technical")
        else:
            shapes.add("front-office")
    assert shapes == {"parallel", "technical", "front-office"}
    assert {p["routing"] for p in cat.permits} == {r["code"] for r in cat.routings}


def test_2026_holidays_follow_the_skb():
    cat = sample()
    days = {h["date"]: h["kind"] for h in cat.holidays}
    for day in ("2026-01-01", "2026-01-16", "2026-02-17", "2026-03-19", "2026-03-21",
                "2026-04-03", "2026-05-01", "2026-05-14", "2026-05-27", "2026-05-31",
                "2026-06-01", "2026-06-16", "2026-08-17", "2026-08-25", "2026-12-25"):
        assert days[day] == "national", day
    assert [d for d, k in days.items() if k == "cuti_bersama"]
    assert date(2026, 3, 23) in cat.holiday_dates()


def test_templates_referenced_by_the_sample_exist():
    templates = SAMPLE_DIR / "templates"
    assert (templates / "certificate-generic.html").read_text().count("{{") > 3
    assert (templates / "surat-pernyataan.pdf").read_bytes().startswith(b"%PDF-")
    for permit in sample().permits:
        for req in permit["requirements"]:
            if "template_file" in req:
                assert (SAMPLE_DIR / req["template_file"]).is_file()


def test_importing_the_twin_rewrites_the_shipped_json_byte_for_byte(tmp_path):
    dump_folder(load_xlsx(SAMPLE_XLSX), tmp_path)
    shipped = sorted(p.relative_to(SAMPLE_DIR) for p in SAMPLE_DIR.rglob("*.json"))
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*.json")) == shipped
    for rel in shipped:
        assert (tmp_path / rel).read_bytes() == (SAMPLE_DIR / rel).read_bytes(), rel


def test_a_revocation_asks_only_for_what_giving_up_a_permit_needs():
    """Giving up a school's or a mine's permit does not ask the holder for a feasibility
    study, a curriculum, a work plan or an environmental document again: the shipped
    permits restrict those to the application types that build or change the activity."""
    from catalogue import REVOCATION, requirements_for

    cat = sample()
    planning = {"sertifikat_tanah", "denah", "studi_kelayakan", "kurikulum", "peta", "dokling",
                "rencana_kerja", "bahan_baku", "data_siswa", "data_guru", "stnk", "kir", "pool"}
    revoking = [t["code"] for t in cat.application_types if t.get("effect") == REVOCATION]
    offered = [(p["code"], t) for p in cat.permits for t in p["application_types"]
               if t in revoking]
    assert len(offered) >= 5
    for code, kind in offered:
        asked = {r["key"] for r in requirements_for(cat.permit(code), kind)}
        assert asked and not asked & planning, (code, sorted(asked & planning))
