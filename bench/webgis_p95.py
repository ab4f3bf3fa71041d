"""Benchmark: the WebGIS map's data endpoint with 1,000,000 issued permits (target p95 <= 300 ms).

Fills a database migrated with the project's own migrations with N issued permits of the
sample catalogue's mapped permit types (their applications, the issued_permit rows and their
map points; 65 % around the regency capitals of the office's province, the rest spread over
it; years 2019-2026), by bulk insert (sqlite3 executemany / PostgreSQL COPY), then counts the
grid cells with the app's own `permit_map.recount_cells`. Then asks `/webgis/data` for the
viewports a visitor's map would ask for (a 1366 x 700 map from the whole province down to
street level, panned around towns and the countryside, 40 % with a filter) through the Flask
test client; every SQL statement of a request is recorded and replayed straight on the DBAPI
connection, which gives the raw SQL time behind the endpoint and the ratio of the two.

    .venv/bin/python bench/webgis_p95.py [--rows 1000000] [--requests 300]
        [--sqlite /tmp/eptsp-webgis-bench.db] [--no-sqlite]
        [--pg postgresql+psycopg://... | --no-pg] [--reuse] [--no-docs]

Without --pg a throwaway PostgreSQL is started and removed (bench/harness/services.py).
"""

from __future__ import annotations

import json
import math
import random
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import text  # noqa: E402

from bench.harness import cli  # noqa: E402
from bench.harness.bulk import raw_cursor, reset_sequences, write_rows  # noqa: E402
from bench.harness.cli import start_fresh  # noqa: E402
from bench.harness.timing import SelectRecorder, vacuum_analyze  # noqa: E402
from bench.queue_bench.office import prepare  # noqa: E402
from bench.webgis_text import HEADING, MAP_H, MAP_W, TARGET_MS, report, summarise  # noqa: E402

FILLS = Path(tempfile.gettempdir()) / "eptsp-webgis-bench-fills.json"
APP_COLUMNS = ("id", "uid", "applicant_id", "status", "catalogue_version_id",
               "catalogue_version_number", "permit_code", "permit_name", "application_type",
               "agency_code", "wizard_step", "data", "applicant_identity", "applicant_name",
               "revision_round", "lock_version", "created_at", "updated_at", "closed_at")
PERMIT_COLUMNS = ("id", "application_id", "permit_code", "number", "year", "seq", "token",
                  "holder_name", "holder_identity", "issued_at", "valid_from", "signer_name")
POINT_COLUMNS = ("id", "permit_id", "band", "y", "x", "permit_code", "agency_code", "sector_code",
                 "regency_code", "year")


# data ------------------------------------------------------------------------------------
class Generator:
    """Issued permits of the mapped permit types, placed like a province's permits are."""

    def __init__(self, cat, version_id: int, version_number: int, applicant_id: int,
                 regencies: list[str], bounds: tuple[float, ...], seed: int = 11):
        self.rng = random.Random(seed)
        self.permits = [p for p in cat.permits if p.get("map")]
        self.version = (version_id, version_number)
        self.applicant_id = applicant_id
        self.regencies = regencies
        self.bounds = bounds
        # a town per regency: evenly spread over the province, densest first
        lat0, lng0, lat1, lng1 = bounds
        self.towns = [(lat0 + (lat1 - lat0) * (0.15 + 0.7 * self.rng.random()),
                       lng0 + (lng1 - lng0) * (0.15 + 0.7 * self.rng.random()),
                       0.03 + 0.12 * self.rng.random(), code) for code in regencies]
        self.weights = [1 / (k + 1) for k in range(len(self.towns))]
        self.seq: dict[tuple[str, int], int] = {}

    def place(self) -> tuple[float, float, str]:
        lat0, lng0, lat1, lng1 = self.bounds
        if self.rng.random() < 0.65:
            lat, lng, sigma, code = self.rng.choices(self.towns, self.weights)[0]
            lat = min(max(self.rng.gauss(lat, sigma), lat0), lat1)
            lng = min(max(self.rng.gauss(lng, sigma), lng0), lng1)
            return lat, lng, code
        lat, lng = self.rng.uniform(lat0, lat1), self.rng.uniform(lng0, lng1)
        nearest = min(self.towns, key=lambda t: (t[0] - lat) ** 2 + (t[1] - lng) ** 2)
        return lat, lng, nearest[3]  # the regency of the nearest town

    def rows(self, i: int) -> tuple[tuple, tuple, tuple]:
        from app.services.permit_map import BAND, encode

        permit = self.permits[i % len(self.permits)]
        year = self.rng.choice(range(2019, 2027))
        key = (permit["code"], year)
        self.seq[key] = self.seq.get(key, 0) + 1
        issued = datetime(year, 1, 1) + timedelta(minutes=self.rng.randrange(525_000))
        lat, lng, regency = self.place()
        y, x = encode(lat, lng)
        number = f"{self.seq[key]:06d}/{permit['code']}/DPMPTSP/{year}"
        application = (i, f"bench{i:012d}", self.applicant_id, "issued", *self.version,
                       permit["code"], permit["name"]["id"], "baru", permit["agency"], 5, "{}",
                       "", "", 0, 1, issued, issued, issued)
        issued_row = (i, i, permit["code"], number, year, self.seq[key], f"tok{i:020d}",
                      "", "", issued, issued.date(), "Bench")
        point = (i, i, y // BAND, y, x, permit["code"], permit["agency"], permit["sector"],
                 regency, year)
        return application, issued_row, point


def secondary_indexes():
    from app.models import Application, IssuedPermit, PermitMapPoint

    return [index for model in (Application, IssuedPermit, PermitMapPoint)
            for index in model.__table__.indexes]


def fill(app, gen: Generator, rows: int, batch: int = 20_000) -> float:
    """Bulk insert with the secondary indexes dropped and rebuilt, then the cells counted by
    the app's own code; returns seconds."""
    from app.extensions import db
    from app.services import permit_map

    started = time.perf_counter()
    with app.app_context():
        engine = db.engine
    with engine.begin() as conn:
        for index in secondary_indexes():
            index.drop(conn, checkfirst=True)
    tables = (("application", APP_COLUMNS), ("issued_permit", PERMIT_COLUMNS),
              ("permit_map_point", POINT_COLUMNS))
    with raw_cursor(engine) as (raw, cur, postgres):
        for start in range(1, rows + 1, batch):
            chunk = [gen.rows(i) for i in range(start, min(start + batch, rows + 1))]
            for k, (table, columns) in enumerate(tables):
                write_rows(cur, postgres, table, columns, [row[k] for row in chunk])
            raw.commit()
            if start // batch % 10 == 0:
                print(f"  {start + len(chunk) - 1:,} rows "
                      f"({time.perf_counter() - started:.0f} s)", flush=True)
        reset_sequences(cur, postgres, ("application", "issued_permit", "permit_map_point"))
        raw.commit()
    print(f"  rebuilding indexes ({time.perf_counter() - started:.0f} s)", flush=True)
    with engine.begin() as conn:
        for index in secondary_indexes():
            index.create(conn, checkfirst=True)
    with app.app_context():
        permit_map.recount_cells()
        db.session.commit()
    vacuum_analyze(engine, ("application", "issued_permit", "permit_map_point",
                            "permit_map_cell"))
    return time.perf_counter() - started


# requests ----------------------------------------------------------------------------------
def viewport(lat: float, lng: float, zoom: int) -> tuple[float, float, float, float]:
    """The bbox a MAP_W x MAP_H map shows at this centre and zoom (Web Mercator)."""
    scale = 256 * 2 ** zoom
    cx = (lng + 180) / 360 * scale
    sin = math.sin(math.radians(lat))
    cy = (0.5 - math.log((1 + sin) / (1 - sin)) / (4 * math.pi)) * scale

    def lat_at(py: float) -> float:
        n = math.pi - 2 * math.pi * py / scale
        return math.degrees(math.atan(math.sinh(n)))

    west = (cx - MAP_W / 2) / scale * 360 - 180
    east = (cx + MAP_W / 2) / scale * 360 - 180
    return lat_at(cy + MAP_H / 2), west, lat_at(cy - MAP_H / 2), east


def urls_for(gen: Generator, rng: random.Random, count: int) -> list[str]:
    """Zoom levels weighted as people use a map (overview first, then down to the street),
    centres around towns or anywhere in the province; 40 % with one or two filters."""
    zooms = list(range(6, 19))
    weights = [6, 8, 8, 8, 8, 7, 7, 7, 7, 6, 5, 4, 3]
    permits = gen.permits
    found = []
    for n in range(count):
        zoom = rng.choices(zooms, weights)[0]
        lat, lng, _code = gen.place()
        south, west, north, east = viewport(lat, lng, zoom)
        query = f"bbox={south:.5f},{west:.5f},{north:.5f},{east:.5f}&zoom={zoom}"
        kind = n % 10
        permit = rng.choice(permits)
        if kind == 1:
            query += f"&izin={permit['code']}"
        elif kind == 3:
            query += f"&instansi={permit['agency']}"
        elif kind == 5:
            query += f"&tahun={rng.randrange(2019, 2027)}"
        elif kind == 7:
            query += f"&wilayah={rng.choice(gen.regencies)}&bidang={permit['sector']}"
        found.append("/webgis/data?" + query)
    return found


def measure(app, urls: list[str]) -> dict:
    """Times each request and records its SQL; then replays the SQL on the DBAPI."""
    from app.extensions import db

    with app.app_context():
        engine = db.engine
    client = app.test_client()
    client.get(urls[0])  # warm the connection and the catalogue
    views, statements, sizes = [], [], []
    with SelectRecorder(engine) as recorder:
        for url in urls:
            recorder.take()
            started = time.perf_counter()
            response = client.get(url)
            views.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                raise SystemExit(f"{url}: {response.status_code}")
            body = response.get_json()
            sizes.append(len(body["clusters"]) + len(body["points"]))
            statements.append(recorder.take())
    return {"view": views, "sql": recorder.replay(statements), "markers": sizes}


def run_backend(label: str, url: str, args) -> dict:
    from app.extensions import db
    from app.models import User
    from app.services import catalogue_store
    from catalogue import DEFINITIONS

    start_fresh(url, args.reuse)
    print(f"== {label}: {url}", flush=True)
    app = prepare(url, tempfile.mkdtemp(prefix="bench-webgis-"), fresh=not args.reuse)
    from app import regions

    with app.app_context():
        version = catalogue_store.current_version()
        if version is None:
            catalogue_store.import_path(DEFINITIONS)
            version = catalogue_store.current_version()
        user = db.session.query(User).filter(User.email == "bench.webgis@contoh.id").first()
        if user is None:
            user = User(first_name="Pemohon", last_name="", username="benchwebgis",
                        email="bench.webgis@contoh.id", active=True, password="x")
            db.session.add(user)
            db.session.commit()
        province = app.config["OFFICE_PROVINCE"]
        gen = Generator(catalogue_store.catalogue_of(version), version.id, version.number,
                        user.id, [r.code for r in regions.children(province)],
                        app.config["OFFICE_BOUNDS"])
        existing = db.session.scalar(text("SELECT count(*) FROM permit_map_point"))
    fills = json.loads(FILLS.read_text()) if FILLS.exists() else {}
    fill_seconds = fills.get(url) if existing == args.rows and args.reuse else None
    if existing != args.rows or not args.reuse:
        if existing:
            raise SystemExit(f"{label}: {existing:,} points present; use a fresh database")
        print(f"  filling {args.rows:,} issued permits ...", flush=True)
        fill_seconds = fill(app, gen, args.rows)
        FILLS.write_text(json.dumps({**fills, url: fill_seconds}))
    with app.app_context():
        cells = db.session.scalar(text("SELECT count(*) FROM permit_map_cell"))
        per_level = db.session.execute(text(
            "SELECT level, count(*) FROM permit_map_cell GROUP BY level ORDER BY level")).all()
    urls = urls_for(gen, random.Random(7), args.requests)
    result = measure(app, urls)
    return {"label": label, "fill_seconds": fill_seconds, "cells": cells,
            "per_level": [n for _level, n in per_level], **result}


def main() -> int:
    args = cli.parser(__doc__, sqlite_file="eptsp-webgis-bench.db", requests=300).parse_args()
    results, versions = cli.run_each(args, run_backend)
    return cli.finish(args, HEADING, report(results, args, versions),
                      max(summarise(r)["p95"] for r in results), TARGET_MS)


if __name__ == "__main__":
    sys.exit(main())
