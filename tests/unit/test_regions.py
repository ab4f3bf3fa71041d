import threading

import pytest

from app import regions


def test_counts_are_in_expected_ranges():
    provs = regions.provinces()
    assert len(provs) == 38
    regencies = [r for p in provs for r in regions.children(p.code)]
    assert 500 <= len(regencies) <= 530
    districts = [d for r in regencies for d in regions.children(r.code)]
    assert 7000 <= len(districts) <= 7500
    villages = sum(len(regions.children(d.code)) for d in districts)
    assert 80000 <= villages <= 90000


def test_kalimantan_timur_has_kota_samarinda():
    kaltim = regions.get("64")
    assert kaltim == regions.Region("64", "Kalimantan Timur", "province", None)
    names = [r.name for r in regions.children("64")]
    assert "Kota Samarinda" in names
    assert names == sorted(names, key=str.casefold)
    assert regions.get("64.72").parent == "64"


def test_village_path_runs_from_province_to_village():
    district = regions.children("64.72")[0]
    village = regions.children(district.code)[0]
    chain = regions.path(village.code)
    assert [r.level for r in chain] == ["province", "regency", "district", "village"]
    assert [r.code for r in chain] == ["64", "64.72", district.code, village.code]
    assert chain[1].name == "Kota Samarinda"
    assert regions.name(village.code) == village.name


@pytest.mark.parametrize(
    ("code", "expected"),
    [("64", "province"), ("64.72", "regency"), ("64.72.01", "district"),
     ("64.72.01.1001", "village"), ("6472", None), ("", None), ("64.72.1", None)],
)
def test_level_follows_code_shape(code, expected):
    assert regions.level(code) == expected


@pytest.mark.parametrize("code", ["99", "64.99", "64.72.99", "64.72.01.9999", "abc", "", "6"])
def test_unknown_codes(code):
    assert regions.get(code) is None
    assert regions.name(code) is None
    assert regions.path(code) == []
    assert regions.children(code) == []


def test_province_exists():
    assert regions.province_exists("64")
    assert regions.province_exists("11")
    assert not regions.province_exists("99")
    assert not regions.province_exists("64.72")
    assert not regions.province_exists("6")


def test_children_returns_a_copy():
    regions.children("64").clear()
    assert regions.children("64")


def test_concurrent_first_load_parses_once(monkeypatch):
    calls = []
    real_read = regions._read

    def counting_read(level_name):
        calls.append(level_name)
        return real_read(level_name)

    monkeypatch.setattr(regions, "_read", counting_read)
    monkeypatch.setattr(regions, "_cache", {})
    threads = [threading.Thread(target=regions.children, args=("64.72",)) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert calls == ["district"]
