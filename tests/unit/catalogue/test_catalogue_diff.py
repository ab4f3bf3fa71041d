"""Comparing two catalogue versions before publishing."""

from __future__ import annotations

from catalogue import Catalogue, diff
from tests.unit.catalogue.catalogue_builders import sample, sample_dict


def test_identical_catalogues_have_no_changes():
    result = diff(sample(), Catalogue(sample_dict()))
    assert result.is_empty and result.summary() == "Tidak ada perubahan."


def test_changes_are_listed_per_permit_field_requirement_and_table():
    data = sample_dict()
    permits = {p["code"]: p for p in data["permits"]}
    sip = permits["SIP-DOKTER"]
    fields = sip["form"]["sections"][0]["fields"]
    fields[1]["label"] = {"id": "Nomor STR (16 digit)"}
    fields.append({"key": "sip_lama", "type": "text", "label": {"id": "Nomor SIP Lama"}})
    del fields[0]
    sip["requirements"] = [r for r in sip["requirements"] if r["key"] != "pas_foto"]
    sip["fee"] = 100000
    rs = permits["IZOP-RS"]
    group = next(f for f in rs["form"]["sections"][0]["fields"] if f["type"] == "group")
    group["fields"].append({"key": "sip_number", "type": "text", "label": {"id": "Nomor SIP"}})
    data["permits"] = [p for p in data["permits"] if p["code"] != "SIPI"]
    data["permits"].append({**permits["SIUP-PERIKANAN"], "code": "SIUP-BUDIDAYA"})
    data["agencies"][1]["name"] = {"id": "Dinas Kesehatan Prov. Kaltim"}
    data["lookups"][0]["rows"] = data["lookups"][0]["rows"][:-2]
    data["holidays"].append({"date": "2026-11-27", "name": "Pilkada", "kind": "national"})

    result = diff(sample(), Catalogue(data))
    assert result.permits.added == ("SIUP-BUDIDAYA",)
    assert result.permits.removed == ("SIPI",)
    assert set(result.permits.changed) == {"SIP-DOKTER", "IZOP-RS"}
    changes = {c.code: c for c in result.permit_changes}
    assert changes["SIP-DOKTER"].fields.added == ("sip_lama",)
    assert changes["SIP-DOKTER"].fields.removed == ("doctor_nik",)
    assert changes["SIP-DOKTER"].fields.changed == ("str_number",)
    assert changes["SIP-DOKTER"].requirements.removed == ("pas_foto",)
    assert changes["SIP-DOKTER"].attributes == ("fee",)
    assert changes["IZOP-RS"].fields.added == ("medical_staff.sip_number",)
    assert result.agencies.changed == ("DINKES",)
    [table] = result.lookup_changes
    assert (table.name, table.rows_before, table.rows_after) == ("faskes", 21, 19)
    assert result.holidays.added == ("2026-11-27",)
    summary = result.summary()
    # the admin's words first, the key after (docs/catalogue.md: labels, not keys)
    copied, removed = permits["SIUP-PERIKANAN"]["name"]["id"], permits["SIPI"]["name"]["id"]
    assert f"Izin ditambah (1): {copied} (SIUP-BUDIDAYA)" in summary
    assert f"Izin dihapus (1): {removed} (SIPI)" in summary
    assert "Instansi diubah (1): Dinas Kesehatan Prov. Kaltim (DINKES)" in summary
    assert "Hari libur ditambah (1): Pilkada (2026-11-27)" in summary
    assert "isian ditambah: Nomor SIP Lama (sip_lama)" in summary
    assert "Izin SIP-DOKTER: Retribusi diubah;" in summary
    assert "persyaratan dihapus: Pas Foto 4x6 Latar Merah (pas_foto)" in summary
    assert "Tabel faskes: 21 -> 19 baris" in summary
