"""Renewals in the catalogue's data: the renewal window (`renewal_window_days_before`,
`renewal_grace_days_after`) is checked, travels through the Excel workbook, is set on the
sample's renewable permits; and the sample does not ask a renewal or an amendment for a scan
of the permit that the applicant picks from the system."""

from __future__ import annotations

import copy
from datetime import date

from catalogue import (
    AMENDMENT,
    RENEWAL,
    Catalogue,
    RenewalWindow,
    dump_xlsx,
    load_xlsx,
    renewal_window,
    requirements_for,
    validate,
)
from catalogue.workbook_layout import PERMITS
from tests.unit.catalogue.catalogue_builders import sample, sample_dict


def _issues(data: dict, code: str) -> list[str]:
    index = [p["code"] for p in data["permits"]].index(code)
    return [i.message for i in validate(data)
            if str(i.path).startswith(f"permits[{index}].renewal_")]


def test_the_window_is_counted_from_the_permits_last_day():
    window = RenewalWindow(days_before=90, days_after=0)
    ends = date(2031, 12, 6)
    assert window.opens(ends) == date(2031, 9, 7) and window.closes(ends) == ends
    assert not window.admits(ends, date(2031, 9, 6))
    assert window.admits(ends, date(2031, 9, 7)) and window.admits(ends, ends)
    assert not window.admits(ends, date(2031, 12, 7))
    assert RenewalWindow().admits(ends, date(2026, 1, 1)), "nothing set: no limit"
    assert window.admits(None, date(2026, 1, 1)), "a permit that never ends has no window"
    assert renewal_window({"renewal_grace_days_after": 30}) == RenewalWindow(None, 30)


def test_the_checks_refuse_a_window_that_cannot_apply():
    data = sample_dict()
    doctor = next(p for p in data["permits"] if p["code"] == "SIP-DOKTER")
    assert doctor["renewal_window_days_before"] == 90 and _issues(data, "SIP-DOKTER") == []
    doctor["renewal_window_days_before"] = 0
    doctor["renewal_grace_days_after"] = -1
    assert len(_issues(data, "SIP-DOKTER")) == 2, "at least one day before; never negative"

    data = sample_dict()
    no_renewal = next(p for p in data["permits"] if p["code"] == "PERTEK-AIR-LIMBAH")
    no_renewal["validity"] = {"years": 1}
    no_renewal["renewal_window_days_before"] = 30
    assert _issues(data, "PERTEK-AIR-LIMBAH") == [
        "Batas waktu perpanjangan hanya berlaku untuk izin yang melayani jenis permohonan "
        "perpanjangan."]
    forever = next(p for p in data["permits"] if p["code"] == "SIP-PERAWAT")
    forever["validity"] = None
    assert _issues(data, "SIP-PERAWAT") == [
        "Batas waktu perpanjangan memerlukan masa berlaku: izin ini berlaku tanpa batas waktu."]


def test_the_window_travels_through_the_workbook(tmp_path):
    data = sample_dict()
    doctor = next(p for p in data["permits"] if p["code"] == "SIP-DOKTER")
    doctor["renewal_grace_days_after"] = 14
    path = tmp_path / "katalog.xlsx"
    dump_xlsx(Catalogue.adopt(copy.deepcopy(data)), path)
    back = load_xlsx(path).permit("SIP-DOKTER")
    assert (back["renewal_window_days_before"], back["renewal_grace_days_after"]) == (90, 14)
    assert "renewal_window_days_before" in PERMITS.headers, "its own column, not `extra`"


def test_the_samples_renewable_permits_have_a_window():
    cat = sample()
    renewing = {t["code"] for t in cat.application_types if t.get("effect") == RENEWAL}
    renewable = [p for p in cat.permits if renewing & set(p["application_types"])
                 and p.get("validity")]
    assert len(renewable) >= 10
    for permit in renewable:
        window = renewal_window(permit)
        assert window.days_before and window.days_after == 0, permit["code"]


def test_a_renewal_or_amendment_does_not_ask_for_a_scan_of_the_permit_it_acts_on():
    """The applicant picks the permit from those the system issued them (step 1); the
    verifier sees it on the case page, so a scan of it is only one more upload."""
    cat = sample()
    acting = {t["code"] for t in cat.application_types
              if t.get("effect") in (RENEWAL, AMENDMENT)}
    offered = [(p, t) for p in cat.permits for t in p["application_types"] if t in acting]
    assert len(offered) >= 15
    for permit, kind in offered:
        names = [r["name"]["id"].lower() for r in requirements_for(permit, kind)]
        assert not [n for n in names if "izin lama" in n], (permit["code"], kind)
