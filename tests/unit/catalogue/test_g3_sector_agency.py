"""A permit's sector (Bidang) belongs to the permit's own agency (Dinas): the catalogue's check
says so where the permit names the sector, whatever the catalogue came from."""

from __future__ import annotations

from catalogue import validate
from tests.unit.catalogue.catalogue_builders import make_catalogue_dict


def _paths(data) -> dict[str, str]:
    return {i.path: i.message for i in validate(data)}


def test_a_permit_under_another_agencys_sector_is_an_issue_on_its_sector():
    data = make_catalogue_dict()
    data["permits"][0]["agency"] = "DPUPR"  # its sector WISATA is DISPAR's
    assert _paths(data) == {
        "permits[0].sector": "Bidang 'WISATA' milik instansi DISPAR, bukan DPUPR. "
                             "Pilih bidang milik instansi izin ini."}

    data["sectors"].append({"code": "JALAN", "name": {"id": "Jalan"}, "agency": "DPUPR"})
    data["permits"][0]["sector"] = "JALAN"  # DPUPR's own sector
    assert validate(data) == []

    data["permits"][0]["agency"] = "ENTAH"  # an unknown agency is told once, by its own issue
    assert list(_paths(data)) == ["permits[0].agency"]
