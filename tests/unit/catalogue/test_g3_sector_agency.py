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
    found = _paths(data)
    assert found == {"permits[0].sector": "Bidang 'WISATA' milik instansi DISPAR, bukan DPUPR. "
                                          "Pilih bidang milik instansi izin ini."}


def test_a_permit_under_its_own_agencys_sector_is_fine():
    data = make_catalogue_dict()
    data["sectors"].append({"code": "JALAN", "name": {"id": "Jalan"}, "agency": "DPUPR"})
    data["permits"][0].update(agency="DPUPR", sector="JALAN")
    assert validate(data) == []


def test_an_unknown_sector_or_agency_is_told_once_by_its_own_issue():
    data = make_catalogue_dict()
    data["permits"][0]["sector"] = "ENTAH"
    assert list(_paths(data)) == ["permits[0].sector"]
    data = make_catalogue_dict()
    data["permits"][0]["agency"] = "ENTAH"
    assert list(_paths(data)) == ["permits[0].agency"]
