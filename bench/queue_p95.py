"""Benchmark: the verifier grid "Antrian Saya" with 1,000,000 applications (target p95 <= 200 ms).

Fills a database migrated with the project's own migrations with N applications in realistic
statuses (mostly issued, some in process at every step of the sample catalogue's routings,
some in revision, rejected, cancelled, expired, drafts), their open tasks and the closed tasks
of the steps they went through, by bulk insert (sqlite3 executemany / PostgreSQL COPY). Then
logs three staff members in (password + TOTP, as people do) and requests their "Antrian Saya"
through the Flask test client: pages, sorts, filters, searches. Every SQL statement a request
runs is recorded and replayed afterwards straight on the DBAPI connection, which gives the raw
SQL time behind the page and the ratio of the two.

    .venv/bin/python bench/queue_p95.py [--rows 1000000] [--requests 200]
        [--sqlite /tmp/eptsp-queue-bench.db] [--pg postgresql+psycopg://...] [--reuse]
        [--no-sqlite] [--no-docs]
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import re
import secrets
import statistics
import string
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pyotp  # noqa: E402
from sqlalchemy import event, text  # noqa: E402

from bench.docs_section import write_section  # noqa: E402
from config import Config  # noqa: E402

HEADING = "## Verifier queue: Antrian Saya at 1,000,000 applications"
TARGET_MS = 200.0
STATUS_WEIGHTS = (("issued", 820), ("in_process", 60), ("revision", 15), ("rejected", 40),
                  ("cancelled", 25), ("expired", 10), ("draft", 30))
STAFF = (("Verifikator", "DPMPTSP"), ("Tim Teknis", "DINKES"), ("Penandatangan", "DPMPTSP"))
FIRST = ("Siti", "Andi", "Budi", "Dewi", "Rina", "Agus", "Yusuf", "Rahmat", "Nur", "Eka",
         "Fajar", "Gita", "Hendra", "Indah", "Joko", "Kartika", "Lestari", "Made", "Putri",
         "Wahyu")
LAST = ("Aminah", "Wijaya", "Santoso", "Saputra", "Lestari", "Hidayat", "Pratama", "Kusuma",
        "Siregar", "Nasution", "Hasibuan", "Rahman", "Setiawan", "Susanti", "Gunawan")
COMPANIES = ("PT Maju Jaya", "CV Borneo Sejahtera", "PT Mahakam Energi", "PT Kaltim Medika",
             "CV Samarinda Abadi", "PT Etam Sentosa", "Koperasi Nelayan Bontang")
RESI_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
FILLS = Path(tempfile.gettempdir()) / "eptsp-queue-bench-fills.json"  # fill times, for --reuse


class BenchConfig(Config):
    SECRET_KEY = "bench-queue-secret"
    CAPTCHA_TEST_ANSWER = "ABCDE"
    RATELIMIT_ENABLED = False
    OUTBOX_INPROCESS = False
    SQLALCHEMY_ENGINE_OPTIONS: dict = {}
    INSTANCE_PATH = tempfile.mkdtemp(prefix="bench-instance-")


# data ------------------------------------------------------------------------------------
def resi_for(i: int) -> str:
    """Distinct, random-looking 12-symbol receipts: an odd multiplier permutes 2^60."""
    value = (i * 0x9E3779B97F4A7C1 + 0x5DEECE66D) % (1 << 60)
    return "".join(RESI_ALPHABET[(value >> (5 * k)) & 31] for k in range(12))


def sqlite_ts(moment: datetime | None) -> str | None:
    return None if moment is None else moment.strftime("%Y-%m-%d %H:%M:%S.%f")


class Generator:
    """Rows for the application and application_task tables from the published catalogue."""

    def __init__(self, cat, version_id: int, version_number: int, applicant_ids: list[int],
                 staff_ids: list[int], today: date, seed: int = 20261123):
        self.rng = random.Random(seed)
        self.cat = cat
        self.version_id, self.version_number = version_id, version_number
        self.applicants, self.staff = applicant_ids, staff_ids
        self.today = today
        self.now = datetime.now(UTC).replace(tzinfo=None)
        self.permits = cat.permits
        self.routings = {p["code"]: cat.routing(p["routing"]) for p in self.permits}
        self.seq = {p["code"]: 0 for p in self.permits}
        statuses, weights = zip(*STATUS_WEIGHTS, strict=True)
        self.statuses, self.weights = statuses, weights

    def agencies(self, step: dict, permit: dict) -> list[str]:
        found = step.get("agencies") or [step.get("agency")]
        resolved = []
        for code in found:
            code = permit["agency"] if code == "@permit" else code
            if code not in resolved:
                resolved.append(code)
        return resolved

    def application(self, i: int) -> tuple[dict, list[dict]]:
        rng = self.rng
        permit = self.permits[rng.randrange(len(self.permits))]
        code = permit["code"]
        routing = self.routings[code]
        steps = routing["steps"]
        status = rng.choices(self.statuses, self.weights)[0]
        sla = int(permit.get("sla_working_days", 5))
        if status == "draft":
            submitted = None
        elif status == "in_process":  # within its SLA, mostly (see the late slice below)
            submitted = self.now - timedelta(days=rng.uniform(0, sla * 7 / 5),
                                             minutes=rng.randrange(600))
        elif status in ("revision", "expired"):
            submitted = self.now - timedelta(days=rng.uniform(8, 90))
        else:
            submitted = self.now - timedelta(days=rng.uniform(20, 5 * 365))
        kind = "badan_usaha" if rng.random() < 0.3 else "perorangan"
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        company = rng.choice(COMPANIES) if kind == "badan_usaha" else None
        identity = "".join(rng.choice(string.digits) for _ in range(16 if company is None
                                                                     else 15))
        app_type = rng.choice(permit["application_types"])
        row = {
            "uid": secrets.token_urlsafe(16), "applicant_id": rng.choice(self.applicants),
            "status": status, "catalogue_version_id": self.version_id,
            "catalogue_version_number": self.version_number, "permit_code": code,
            "permit_name": permit["name"]["id"][:300], "application_type": app_type,
            "agency_code": permit["agency"], "wizard_step": 5, "applicant_identity": identity,
            "applicant_name": name, "company_name": company, "resi": None,
            "registration_number": None, "submit_key": None, "submitted_at": submitted,
            "estimated_completion": None, "routing_state": None, "current_step": None,
            "revision_due": None, "revision_started_at": None, "revision_round": 0,
            "first_action_at": None, "closed_at": None, "lock_version": 1,
            "created_at": (submitted or self.now) - timedelta(hours=2),
            "updated_at": submitted or self.now,
            "data": json.dumps({
                "applicant": {"kind": kind, "name": name, "nik": identity if not company else "",
                              "npwp": identity if company else "", "phone": "081234567890",
                              "email": f"pemohon{i}@contoh.id",
                              "address": "Jl. Gajah Mada No. 2, Samarinda"},
                "company": {"name": company, "npwp": identity} if company else None,
                "location": {"province_code": "64", "regency_code": "64.72",
                             "district_code": "64.72.01", "village_code": "64.72.01.1003",
                             "street": "Jl. Gajah Mada", "number": str(i % 200),
                             "latitude": "-0.502106", "longitude": "117.153709"},
                "details": {"catatan": "Data uji kinerja"}, "documents": {},
                "declaration": True}),
        }
        tasks: list[dict] = []
        if submitted is None:
            return row, tasks
        day = submitted.date()
        self.seq[code] += 1
        row["resi"] = resi_for(i)
        row["registration_number"] = f"{self.seq[code]}/{code}/{day:%m}/{day:%Y}"
        row["estimated_completion"] = day + timedelta(days=sla * 7 // 5 + 1)
        position = 0
        if status == "in_process":
            position = rng.choices(range(len(steps)), [35, 45, 20] if len(steps) == 3
                                   else [60, 40])[0]
            closed_steps = position
        elif status == "issued":
            closed_steps = len(steps)
        elif status == "rejected":
            closed_steps = rng.randrange(len(steps)) + 1
        else:  # revision, expired, cancelled: ended at the first step
            closed_steps = 1
        when = submitted
        for step in steps[:closed_steps]:
            for agency in self.agencies(step, permit):
                when = when + timedelta(hours=rng.uniform(2, 40))
                tasks.append(self.task(step, agency, submitted, when, closed=True))
        if status == "in_process":
            step = steps[position]
            agencies = self.agencies(step, permit)
            done = agencies[:1] if len(agencies) > 1 and rng.random() < 0.4 else []
            for agency in agencies:
                opened = when
                tasks.append(self.task(step, agency, submitted, opened,
                                       closed=agency in done))
            row["current_step"] = step["key"]
            row["routing_state"] = json.dumps({
                "step": step["key"], "pending": [a for a in agencies if a not in done],
                "permit_agency": permit["agency"], "returned_from": None,
                "decisions": [[a, "lanjut"] for a in done]})
            if position:
                row["first_action_at"] = submitted + timedelta(hours=3)
            # a slice of the running ones are late, as in any office
            if rng.random() < 0.08:
                row["estimated_completion"] = self.today - timedelta(days=rng.randrange(1, 15))
        elif status in ("revision", "expired"):
            row["routing_state"] = json.dumps({"step": "@applicant", "pending": [],
                                               "permit_agency": permit["agency"],
                                               "returned_from": steps[0]["key"],
                                               "decisions": []})
            row["revision_round"] = 1
            row["revision_started_at"] = submitted + timedelta(days=1)
            row["revision_due"] = (self.today + timedelta(days=rng.randrange(1, 7))
                                   if status == "revision"
                                   else self.today - timedelta(days=rng.randrange(1, 60)))
            row["first_action_at"] = submitted + timedelta(hours=5)
        else:
            final = {"issued": "@issued", "rejected": "@rejected"}.get(status, "@cancelled")
            row["routing_state"] = json.dumps({"step": final, "pending": [],
                                               "permit_agency": permit["agency"],
                                               "returned_from": None, "decisions": []})
            row["closed_at"] = when + timedelta(hours=1)
            if status != "cancelled":
                row["first_action_at"] = submitted + timedelta(hours=4)
        return row, tasks

    def task(self, step: dict, agency: str, submitted: datetime, opened: datetime, *,
             closed: bool) -> dict:
        due = opened.date() + timedelta(days=int(step.get("sla_days", 1)) + 1)
        return {"step": step["key"], "role": step["role"], "agency_code": agency,
                "is_open": not closed, "opened_at": opened, "due_date": due,
                "closed_at": opened + timedelta(hours=6) if closed else None,
                "action": "lanjut" if closed else None,
                "actor_id": self.rng.choice(self.staff) if closed else None}


APP_COLUMNS = ("id", "uid", "applicant_id", "status", "catalogue_version_id",
               "catalogue_version_number", "permit_code", "permit_name", "application_type",
               "agency_code", "wizard_step", "data", "applicant_identity", "applicant_name",
               "company_name", "resi", "registration_number", "submit_key", "submitted_at",
               "estimated_completion", "routing_state", "current_step", "revision_due",
               "revision_started_at", "revision_round", "first_action_at", "closed_at",
               "lock_version", "created_at", "updated_at")
TASK_COLUMNS = ("application_id", "step", "role", "agency_code", "is_open", "opened_at",
                "due_date", "closed_at", "action", "actor_id")


def secondary_indexes():
    """The non-unique indexes of the two big tables, as the models declare them."""
    from app.models import Application, ApplicationTask

    return [i for table in (Application.__table__, ApplicationTask.__table__)
            for i in table.indexes if not i.unique]


def fill(engine, gen: Generator, rows: int, batch: int = 20_000) -> tuple[int, float]:
    """Bulk insert with the secondary indexes dropped, then rebuilt from the models (a bulk
    load is several times faster that way); returns (tasks inserted, seconds)."""
    started = time.perf_counter()
    with engine.begin() as conn:
        for index in secondary_indexes():
            index.drop(conn, checkfirst=True)
    tasks, _seconds = _insert(engine, gen, rows, batch, started)
    print(f"  rebuilding indexes ({time.perf_counter() - started:.0f} s)", flush=True)
    with engine.begin() as conn:
        for index in secondary_indexes():
            index.create(conn, checkfirst=True)
    if engine.dialect.name == "postgresql":  # what autovacuum would soon do
        raw = engine.raw_connection()
        try:
            connection = raw.driver_connection
            connection.rollback()
            connection.autocommit = True
            for table in ("application", "application_task"):
                connection.execute(f"VACUUM ANALYZE {table}")
            connection.autocommit = False
        finally:
            raw.close()
    return tasks, time.perf_counter() - started


def _insert(engine, gen: Generator, rows: int, batch: int, started: float):
    task_count = 0
    postgres = engine.dialect.name == "postgresql"
    raw = engine.raw_connection()
    try:
        cur = raw.cursor()
        if not postgres:
            cur.execute("PRAGMA synchronous=OFF")
            cur.execute("PRAGMA cache_size=-400000")
        app_sql = (f"INSERT INTO application ({', '.join(APP_COLUMNS)}) VALUES "
                   f"({', '.join('?' for _ in APP_COLUMNS)})")
        task_sql = (f"INSERT INTO application_task ({', '.join(TASK_COLUMNS)}) VALUES "
                    f"({', '.join('?' for _ in TASK_COLUMNS)})")
        for start in range(1, rows + 1, batch):
            apps, tasks = [], []
            for i in range(start, min(start + batch, rows + 1)):
                row, app_tasks = gen.application(i)
                row["id"] = i
                apps.append(row)
                for task in app_tasks:
                    task["application_id"] = i
                    tasks.append(task)
            task_count += len(tasks)
            if postgres:
                with cur.copy(f"COPY application ({', '.join(APP_COLUMNS)}) FROM STDIN") as cp:
                    for row in apps:
                        cp.write_row(tuple(row[c] for c in APP_COLUMNS))
                with cur.copy(f"COPY application_task ({', '.join(TASK_COLUMNS)}) "
                              "FROM STDIN") as cp:
                    for task in tasks:
                        cp.write_row(tuple(task[c] for c in TASK_COLUMNS))
            else:
                cur.executemany(app_sql, [tuple(_sqlite(row[c]) for c in APP_COLUMNS)
                                          for row in apps])
                cur.executemany(task_sql, [tuple(_sqlite(task[c]) for c in TASK_COLUMNS)
                                           for task in tasks])
            raw.commit()
            done = min(start + batch - 1, rows)
            if done % 200_000 < batch:
                print(f"  {done:>9,} applications, {task_count:,} tasks "
                      f"({time.perf_counter() - started:.0f} s)", flush=True)
        if postgres:
            cur.execute("SELECT setval('application_id_seq', %s)", (rows,))
            cur.execute("SELECT setval('application_task_id_seq', %s)", (task_count,))
        raw.commit()
    finally:
        raw.close()
    return task_count, time.perf_counter() - started


def _sqlite(value):
    if isinstance(value, datetime):
        return sqlite_ts(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


# the app and its users ---------------------------------------------------------------------
def prepare(url: str, upload_dir: str, *, fresh: bool):
    from flask_migrate import upgrade

    from app import create_app
    from app.extensions import db

    app = create_app(BenchConfig, SQLALCHEMY_DATABASE_URI=url, UPLOAD_DIR=upload_dir)
    with app.app_context():
        if fresh and url.startswith("postgresql"):
            with db.engine.begin() as conn:
                conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        upgrade(directory=str(ROOT / "migrations"))
        from app.cli import sync_roles

        sync_roles()
    return app


def setup_people(app, applicants: int = 300):
    """Applicants owning the applications and the three staff members (fresh passwords)."""
    from werkzeug.security import generate_password_hash

    from app.extensions import db
    from app.models import StaffProfile, User
    from app.services import catalogue_store
    from app.services.staff import create_staff
    from app.services.users import applicant_role
    from catalogue import DEFINITIONS

    with app.app_context():
        version = catalogue_store.current_version()
        if version is None:
            catalogue_store.import_path(DEFINITIONS)
            version = catalogue_store.current_version()
        role = applicant_role()
        ids = [u.id for u in db.session.query(User).filter(User.email.like("bench%"))]
        method = app.config["FAB_PASSWORD_HASH_METHOD"]
        hashed = generate_password_hash("Bench-Pemohon-9x", method=method)
        for n in range(len(ids), applicants):
            user = User(first_name=f"Pemohon {n}", last_name="", username=f"bench{n:06d}",
                        email=f"bench{n}@contoh.id", active=True, password=hashed)
            user.roles = [role]
            db.session.add(user)
        db.session.commit()
        ids = [u.id for u in db.session.query(User).filter(User.email.like("bench%"))]
        staff = []
        for role_name, agency in STAFF:
            email = f"staf.{role_name.lower().replace(' ', '')}.{agency.lower()}@bench.id"
            password = "Bench-" + secrets.token_urlsafe(8) + "9a"
            user = db.session.query(User).filter(User.email == email).one_or_none()
            if user is None:
                user, _ = create_staff(email, role_name, agency, name=f"{role_name} {agency}",
                                       password=password)
            else:
                user.password = generate_password_hash(password, method=method)
                profile = db.session.query(StaffProfile).filter_by(user_id=user.id).one()
                profile.totp_confirmed_at = None
                profile.totp_last_step = None
                db.session.commit()
            staff.append((email, password, role_name, agency, user.id))
        cat = catalogue_store.catalogue_of(version)
        return cat, version.id, version.number, ids, staff


def staff_client(app, email: str, password: str):
    client = app.test_client()
    client.get("/staff/login")
    client.get("/captcha/staff.png")
    html = client.get("/staff/login").get_data(as_text=True)
    client.get("/captcha/staff.png")
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)
    response = client.post("/staff/login", data={"csrf_token": token, "identity": email,
                                                 "password": password, "captcha": "ABCDE"})
    assert response.status_code == 302 and response.location.endswith("/staff/totp"), \
        response.get_data(as_text=True)[:300]
    html = client.get("/staff/totp").get_data(as_text=True)
    secret = re.search(r'id="totp-secret"[^>]*>([A-Z2-7]+)<', html).group(1)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)
    response = client.post("/staff/totp", data={"csrf_token": token,
                                                "code": pyotp.TOTP(secret).now()})
    assert response.status_code == 302, response.get_data(as_text=True)[:300]
    return client


# measuring ---------------------------------------------------------------------------------
def urls_for(app, role: str, agency: str, rng: random.Random, count: int) -> list[str]:
    """A mix of what people do in their queue: pages, sorts, filters, searches."""
    from app.extensions import db
    from app.models import Application, ApplicationTask

    with app.app_context():
        sample = db.session.execute(
            db.select(Application.resi, Application.applicant_name, Application.permit_code,
                      ApplicationTask.step)
            .join(ApplicationTask, ApplicationTask.application_id == Application.id)
            .where(ApplicationTask.is_open.is_(True), ApplicationTask.role == role,
                   ApplicationTask.agency_code == agency).limit(200)).all()
    today = datetime.now(UTC).date()
    found = []
    for n in range(count):
        pick = sample[rng.randrange(len(sample))] if sample else None
        kind = n % 12
        if kind == 0 or not pick:
            url = "/admin/antrian/"
        elif kind in (1, 2):
            url = f"/admin/antrian/?hal={rng.randrange(2, 40)}"
        elif kind == 3:
            url = f"/admin/antrian/?urut=tanggal&arah=turun&hal={rng.randrange(1, 20)}"
        elif kind == 4:
            url = f"/admin/antrian/?urut=tanggal&arah=naik&hal={rng.randrange(1, 10)}"
        elif kind == 5:
            url = f"/admin/antrian/?permit={pick.permit_code}"
        elif kind == 6:
            url = "/admin/antrian/?terlambat=1"
        elif kind == 7:
            url = f"/admin/antrian/?step={pick.step}&urut=sla&arah=turun"
        elif kind == 8:
            url = f"/admin/antrian/?q={pick.resi}"
        elif kind == 9:
            url = f"/admin/antrian/?q={pick.applicant_name.split()[-1].lower()}"
        elif kind == 10:
            url = (f"/admin/antrian/?dari={today - timedelta(days=14)}&sampai={today}"
                   f"&urut=sla")
        else:
            url = f"/admin/antrian/?jenis=perpanjangan&hal={rng.randrange(1, 4)}"
        found.append(url)
    return found


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[k]


def measure(app, clients: list, urls: list[list[str]]) -> dict:
    """Times each request and records its SQL; then replays the SQL on the DBAPI."""
    from app.extensions import db

    with app.app_context():
        engine = db.engine
    captured: list[tuple[str, object]] = []

    def record(_conn, _cursor, statement, parameters, _context, executemany):
        if not executemany:
            captured.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", record)
    views, statements, codes = [], [], []
    try:
        for client, client_urls in zip(clients, urls, strict=True):
            client.get(client_urls[0])  # warm the templates and the connection
        for round_ in range(max(len(u) for u in urls)):
            for client, client_urls in zip(clients, urls, strict=True):
                if round_ >= len(client_urls):
                    continue
                captured.clear()
                started = time.perf_counter()
                response = client.get(client_urls[round_])
                views.append((time.perf_counter() - started) * 1000)
                codes.append(response.status_code)
                statements.append([(s, p) for s, p in captured
                                   if s.lstrip().upper().startswith(("SELECT", "WITH"))])
    finally:
        event.remove(engine, "before_cursor_execute", record)
    raw = engine.raw_connection()
    sql_ms = []
    try:
        cur = raw.cursor()
        for batch in statements:
            started = time.perf_counter()
            for statement, parameters in batch:
                cur.execute(statement, parameters)
                cur.fetchall()
            sql_ms.append((time.perf_counter() - started) * 1000)
        raw.rollback()
    finally:
        raw.close()
    bad = [c for c in codes if c != 200]
    if bad:
        raise SystemExit(f"{len(bad)} requests failed: {bad[:5]}")
    return {"view": views, "sql": sql_ms, "statements": statistics.mean(map(len, statements))}


def run_backend(label: str, url: str, args) -> dict:
    upload_dir = tempfile.mkdtemp(prefix="bench-queue-")
    fresh = not args.reuse
    if label == "SQLite" and fresh:
        path = Path(url.removeprefix("sqlite:///"))
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    print(f"== {label}: {url}", flush=True)
    app = prepare(url, upload_dir, fresh=fresh)
    cat, version_id, version_number, applicant_ids, staff = setup_people(app)
    from app.extensions import db
    from app.services import calendar

    with app.app_context():
        existing = db.session.scalar(text("SELECT count(*) FROM application"))
        today = calendar.today()
        engine = db.engine
    fills = json.loads(FILLS.read_text()) if FILLS.exists() else {}
    fill_seconds = fills.get(url) if existing == args.rows else None
    if existing < args.rows:
        if existing:
            raise SystemExit(f"{label}: {existing:,} rows present; run without --reuse")
        gen = Generator(cat, version_id, version_number, applicant_ids,
                        [s[4] for s in staff], today)
        print(f"  filling {args.rows:,} applications ...", flush=True)
        _tasks, fill_seconds = fill(engine, gen, args.rows)
        FILLS.write_text(json.dumps({**fills, url: fill_seconds}))
    with app.app_context():
        total_tasks = db.session.scalar(text("SELECT count(*) FROM application_task"))
        open_tasks = db.session.execute(text(
            "SELECT role, agency_code, count(*) FROM application_task WHERE is_open "
            "GROUP BY role, agency_code ORDER BY 3 DESC")).all()
    clients = [staff_client(app, email, password) for email, password, *_ in staff]
    rng = random.Random(7)
    per = args.requests // len(clients)
    urls = [urls_for(app, role, agency, rng, per) for _e, _p, role, agency, _id in staff]
    result = measure(app, clients, urls)
    queue_sizes = {f"{r} {a}": n for r, a, n in open_tasks}
    all_urls = [["/admin/permohonan/", "/admin/permohonan/?hal=7",
                 "/admin/permohonan/?status=issued&hal=3", "/admin/permohonan/?permit=SIPA",
                 "/admin/permohonan/?terlambat=1"] * 4]
    semua = measure(app, clients[:1], all_urls)
    return {"label": label, "fill_seconds": fill_seconds, "tasks": total_tasks,
            "open": queue_sizes, "queue": result, "semua": semua,
            "staff": [f"{r} {a}" for _e, _p, r, a, _i in staff]}


def summarise(result: dict) -> dict:
    view, sql = result["queue"]["view"], result["queue"]["sql"]
    return {"p50": percentile(view, 50), "p95": percentile(view, 95), "max": max(view),
            "sql_p50": percentile(sql, 50), "sql_p95": percentile(sql, 95),
            "ratio": percentile(view, 95) / max(percentile(sql, 95), 0.001),
            "semua_p95": percentile(result["semua"]["view"], 95),
            "semua_sql_p95": percentile(result["semua"]["sql"], 95),
            "n": len(view), "statements": result["queue"]["statements"]}


def report(results: list[dict], args) -> str:
    lines = [
        f"{args.rows:,} applications (82 % issued, 6 % in process at every step of the sample "
        "catalogue's routings, the rest in revision, rejected, cancelled, expired or draft) "
        "with their open and closed tasks; three staff members logged in with password + TOTP; "
        f"{args.requests} requests of `/admin/antrian/` through the Flask test client (first "
        "pages and pages up to 40, sorted by SLA or submission date either way, filtered by "
        "permit, step, overdue, date range or application type, searched by resi or name); "
        "every SQL "
        "statement of each request replayed on the DBAPI connection for the raw SQL time. "
        f"Python {platform.python_version()} on {platform.machine()}; "
        f"`.venv/bin/python bench/queue_p95.py`, {date.today():%Y-%m-%d}.",
        "",
        "| database | p50 (ms) | p95 (ms) | max (ms) | target | raw SQL p50 (ms) | raw SQL p95 "
        "(ms) | ratio p95 page / p95 SQL | fill (s) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for result in results:
        s = summarise(result)
        fill_s = f"{result['fill_seconds']:.0f}" if result["fill_seconds"] else "?"
        lines.append(f"| {result['label']} | {s['p50']:.1f} | {s['p95']:.1f} | {s['max']:.1f} "
                     f"| <= {TARGET_MS:.0f} ms | {s['sql_p50']:.1f} | {s['sql_p95']:.1f} | "
                     f"{s['ratio']:.2f}x | {fill_s} |")
    lines.append("")
    for result in results:
        s = summarise(result)
        sizes = ", ".join(f"{k}: {v:,}" for k, v in result["open"].items()
                          if k in result["staff"])
        lines.append(
            f"{result['label']}: {result['tasks']:,} task rows; open queues of the measured "
            f"staff {sizes}; {s['statements']:.1f} SELECTs per page (session check, user, "
            f"roles, count, page, summary strip). \"Semua Permohonan\" (every application, "
            f"count capped at 10,000) p95 {s['semua_p95']:.1f} ms (raw SQL "
            f"{s['semua_sql_p95']:.1f} ms).")
    lines += [
        "",
        "How the page stays flat: \"Antrian Saya\" reads running applications in the order "
        "shown from `ix_application_running` (partial: status 'in_process' only, covering the "
        "grid's filter columns) and probes each for an open task of the person's role and "
        "agency in `ix_task_open_probe` (partial: open tasks only), stopping at the page; the "
        "queue total and the per-step strip are counted on `ix_task_queue_step` alone; counts "
        "stop at 10,001. Sorting is offered only where an index gives the order (SLA and date "
        "in the queue; date, resi, registration number and status in \"Semua\"), so no "
        "request sorts a whole result. SQLite runs with its defaults (no ANALYZE statistics, "
        "2 MB page cache); PostgreSQL 15 ran with `shared_buffers=512MB` and `fsync=off` after "
        "`VACUUM ANALYZE`. The gap between page and SQL is Flask, the server-side session "
        "check, Flask-AppBuilder's permission look-ups for the menu, Jinja rendering and the "
        "per-row SLA computation. Timings vary with machine load (other suites share the "
        "2 CPUs); the ratio is measured in the same run.",
    ]
    return "\n".join(lines)




def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=201)
    parser.add_argument("--sqlite", default=str(Path(tempfile.gettempdir())
                                                / "eptsp-queue-bench.db"))
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument("--pg", help="PostgreSQL URL, e.g. postgresql+psycopg://user@host/db")
    parser.add_argument("--reuse", action="store_true",
                        help="keep an already filled database (same --rows)")
    parser.add_argument("--no-docs", action="store_true", help="do not touch benchmarks.md")
    args = parser.parse_args()
    results = []
    if not args.no_sqlite:
        results.append(run_backend("SQLite", f"sqlite:///{args.sqlite}", args))
    if args.pg:
        results.append(run_backend("PostgreSQL", args.pg, args))
    text_ = report(results, args)
    print()
    print(text_)
    if not args.no_docs and args.rows >= 1_000_000:
        write_section(HEADING, text_)
    worst = max(summarise(r)["p95"] for r in results)
    return 0 if worst <= TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
