"""WebGIS Perizinan: a mapped permit type's permits appear on the map when issued (in the
issuing transaction), leave it when revoked, are found by viewport and filters, and a popup
says what the permit is without saying whose it is."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html
from sqlalchemy import func, select

from app import casework
from app.extensions import db
from app.models import PermitMapCell, PermitMapPoint
from app.services import permit_map, revocation
from tests.helpers import (
    make_applicant,
    make_staff,
    make_submitted,
    walk_routing,
)

PROVINCE = "bbox=-2.6,113.8,2.6,119.1"


pytestmark = pytest.mark.usefixtures("catalogue")


def issued(app, permit_code: str = "SIP-DOKTER", **extra):
    user, data = make_applicant(app, **extra)
    application = make_submitted(app, user, permit_code)
    return walk_routing(app, application), data


def point_of(application) -> tuple[float, float]:
    lat, lng = application.data["details"]["practice_point"].split(",")
    return float(lat), float(lng)


def test_an_issued_permit_of_a_mapped_type_is_on_the_map(app, client):
    application, person = issued(app)
    assert application.status == "issued"
    point = db.session.scalar(select(PermitMapPoint))
    assert point.permit_id == application.permit.id
    assert (point.permit_code, point.agency_code, point.sector_code) == (
        "SIP-DOKTER", "DINKES", "KESEHATAN")
    assert point.regency_code == application.data["location"]["regency_code"]
    assert point.year == application.permit.year
    lat, lng = point_of(application)
    assert permit_map.decode(point.y, point.x) == pytest.approx((lat, lng), abs=1e-6)
    # one pre-counted cell per level holds it
    assert db.session.scalar(select(func.count()).select_from(PermitMapCell)) == len(
        permit_map.LEVELS)
    overview = client.get(f"/webgis/data?{PROVINCE}&zoom=7").get_json()
    assert overview["total"] == 1 and overview["clusters"][0][2] == 1
    near = f"bbox={lat - 0.002},{lng - 0.004},{lat + 0.002},{lng + 0.004}&zoom=17"
    street = client.get(f"/webgis/data?{near}").get_json()
    assert street["clusters"] == [] and len(street["points"]) == 1
    point_id, at_lat, at_lng, sector = street["points"][0]
    assert (at_lat, at_lng) == pytest.approx((lat, lng), abs=1e-6) and sector == "KESEHATAN"
    popup = client.get(f"/webgis/izin/{point_id}")
    info = popup.get_json()
    assert info["permit"] == "Surat Izin Praktik Dokter"
    assert info["number"] == application.permit.number and info["agency"]
    assert info["region"]
    body = popup.get_data(as_text=True)
    for private in (person["nik"], person["name"], application.applicant_name,
                    application.permit.holder_name):
        assert private not in body


def test_a_type_that_is_not_mapped_stays_off_the_map(app, client):
    application, _ = issued(app, "IZIN-PENELITIAN")
    assert application.status == "issued"
    assert db.session.scalar(select(func.count()).select_from(PermitMapPoint)) == 0
    assert client.get(f"/webgis/data?{PROVINCE}&zoom=7").get_json()["total"] == 0


def test_a_revoked_permit_leaves_the_map(app, client):
    application, _ = issued(app)
    point_id = db.session.scalar(select(PermitMapPoint.id))
    office = make_staff(app, "Super Admin", "DPMPTSP")
    revocation.revoke(application, casework.actor_for(office), "Izin dipalsukan")
    assert db.session.scalar(select(func.count()).select_from(PermitMapPoint)) == 0
    assert db.session.scalar(select(func.count()).select_from(PermitMapCell)) == 0
    assert client.get(f"/webgis/data?{PROVINCE}&zoom=7").get_json()["total"] == 0
    assert client.get(f"/webgis/izin/{point_id}").status_code == 404


def test_filters_and_zoom_levels_count_the_same_permits(app, client):
    first, _ = issued(app, "SIP-DOKTER")
    second, _ = issued(app, "SIPA")
    year = first.permit.year
    for zoom in (6, 9, 12, 14, 17):
        data = client.get(f"/webgis/data?{PROVINCE}&zoom={zoom}").get_json()
        assert data["total"] == 2, zoom
    def total(query: str) -> int:
        return client.get(f"/webgis/data?{PROVINCE}&zoom=8&{query}").get_json()["total"]

    assert total("izin=SIPA") == 1 and total("izin=SIP-DOKTER") == 1
    assert total("instansi=DINKES") == 1
    assert total("bidang=KESEHATAN") == 1
    assert total(f"tahun={year}") == 2 and total(f"tahun={year - 1}") == 0
    regency = first.data["location"]["regency_code"]
    assert total(f"wilayah={regency}") == 2 and total("wilayah=64.01") == 0
    page = client.get("/webgis").get_data(as_text=True)
    assert 'value="SIP-DOKTER"' in page and f'value="{year}"' in page
    assert 'value="IZIN-PENELITIAN"' not in page  # not a mapped type
    # a shared address opens the map with its filters chosen
    shared = client.get(f"/webgis?izin=SIP-DOKTER&tahun={year}").get_data(as_text=True)
    assert '<option value="SIP-DOKTER" selected>' in shared
    assert f'<option value="{year}" selected>' in shared
    assert " selected>" not in page


@pytest.mark.parametrize("query", ["bbox=1,2,3&zoom=5", "bbox=a,b,c,d&zoom=5",
                                   "bbox=3,100,1,110&zoom=5", "zoom=5",
                                   "bbox=nan,100,1,110&zoom=5"])
def test_a_malformed_viewport_is_refused_with_a_reason(client, query):
    response = client.get(f"/webgis/data?{query}")
    assert response.status_code == 400 and response.get_json()["error"]


def test_rebuild_puts_earlier_permits_on_the_map(app, runner):
    issued(app)
    issued(app, "SIPA")
    before = sorted(db.session.execute(select(PermitMapCell.level, PermitMapCell.cy,
                                              PermitMapCell.cx, PermitMapCell.count)).all())
    db.session.execute(PermitMapCell.__table__.delete())
    db.session.execute(PermitMapPoint.__table__.delete())
    db.session.commit()
    result = runner.invoke(args=["webgis", "rebuild"])
    assert "2 izin ada di peta." in result.output
    after = sorted(db.session.execute(select(PermitMapCell.level, PermitMapCell.cy,
                                             PermitMapCell.cx, PermitMapCell.count)).all())
    assert after == before and len(after) >= len(permit_map.LEVELS)


NOTICE = "'ZZZ' tidak dikenal; filter diabaikan, menampilkan semua."


@pytest.mark.parametrize("name, what", [("izin", "Jenis Izin"), ("instansi", "Dinas/Badan"),
                                        ("bidang", "Bidang"), ("tahun", "Tahun Terbit"),
                                        ("wilayah", "Kabupaten/Kota")])
def test_an_unknown_filter_is_said_on_the_map_and_refused_by_its_data(client, name, what):
    """A shared address naming nothing opens the whole map and says so (the select on
    "Semua"); the data names the filter and the values it knows, as the API does."""
    page = lxml_html.fromstring(client.get(f"/webgis?{name}=ZZZ").get_data())
    assert f"{what} {NOTICE}" in " ".join(page.text_content().split())
    assert page.xpath(f'//select[@name="{name}"]//option[@selected]') == []
    response = client.get(f"/webgis/data?{PROVINCE}&zoom=8&{name}=ZZZ")
    assert response.status_code == 400
    said = response.get_json()["errors"][name]
    assert said[0] == f"{what} 'ZZZ' tidak dikenal."
    if name == "izin":
        assert "SIP-DOKTER" in said[1]


def test_any_year_may_be_asked_of_the_map_data(client):
    response = client.get(f"/webgis/data?{PROVINCE}&zoom=8&tahun=1999&izin=SIP-DOKTER")
    assert response.status_code == 200 and response.get_json()["total"] == 0
