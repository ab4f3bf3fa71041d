"""Benchmark: the staff IKM report ("Laporan IKM") over 1,000,000 survey responses
(target p95 <= 1 s), as a ratio to the raw SQL behind the page.

Fills a database migrated with the project's own migrations with N issued applications spread
over 36 months and the sample catalogue's permits, one survey response each (answers drawn per
unsur around a realistic mean, age, education, occupation, a suggestion on one in four), and
the monthly counters the service keeps with each response, computed by the same function
(`Questionnaire.tally_keys`), and the monthly "closed" report counters the transitions
keep (app/reports/summary.py); all by bulk insert (sqlite3 executemany / PostgreSQL COPY).
Then a Helpdesk member logs in (password + TOTP) and requests `/admin/ikm/` through the Flask
test client for years, semesters, quarters and months, for the whole office, one permit or
one Dinas. Every SQL statement of each request is replayed on the DBAPI connection for the
raw SQL time behind the page (bench/queue_p95.measure). A check at the end computes a year's
NRR per unsur straight from the stored answers (JSON) and compares them with the report's.

    .venv/bin/python bench/ikm_report_p95.py [--rows 1000000] [--requests 120]
        [--sqlite /tmp/eptsp-ikm-bench.db] [--no-sqlite] [--pg URL | --no-pg] [--reuse]
        [--no-docs]

Without --pg a throwaway PostgreSQL server (bench/harness/services.py) is started for the run.
"""

from __future__ import annotations

import json
import random
import secrets
import sys
import tempfile
import time
from collections import Counter
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import text  # noqa: E402

from app.services import calendar  # noqa: E402
from bench.harness import cli  # noqa: E402
from bench.harness.bulk import raw_cursor, reset_sequences, write_rows  # noqa: E402
from bench.harness.cli import start_fresh  # noqa: E402
from bench.harness.timing import vacuum_analyze  # noqa: E402
from bench.ikm_report_text import HEADING, TARGET_MS, report, summarise  # noqa: E402
from bench.queue_bench.data import resi_for  # noqa: E402
from bench.queue_bench.measure import measure  # noqa: E402
from bench.queue_bench.office import prepare, staff_client  # noqa: E402

MONTHS = 36
FIRST_MONTH = date(2024, 1, 1)
BATCH = 20_000
APP_COLUMNS = ("id", "uid", "applicant_id", "status", "catalogue_version_id",
               "catalogue_version_number", "permit_code", "permit_name", "application_type",
               "agency_code", "wizard_step", "data", "applicant_identity", "applicant_name",
               "resi", "registration_number", "submitted_at", "closed_at", "revision_round",
               "lock_version", "created_at", "updated_at")
RESPONSE_COLUMNS = ("id", "application_id", "version_id", "answers", "channel", "permit_code",
                    "agency_code", "month", "suggestion", "submitted_at")
TALLY_COLUMNS = ("month", "permit_code", "agency_code", "version_id", "field", "value", "n")
CLOSED_COLUMNS = ("grain", "basis", "day", "agency_code", "permit_code", "application_type",
                  "region_code", "status", "work_days", "on_time", "count")
SUGGESTIONS = ("Proses cepat, terima kasih.", "Informasi biaya mohon diperjelas.",
               "Ruang tunggu kurang nyaman.", "Petugas ramah dan membantu.",
               "Notifikasi email sangat membantu.")


def month_start(k: int) -> date:
    return date(FIRST_MONTH.year + (FIRST_MONTH.month - 1 + k) // 12,
                (FIRST_MONTH.month - 1 + k) % 12 + 1, 1)


class Generator:
    """An issued application, its response and the response's counter keys."""

    def __init__(self, cat, version_id: int, version_number: int, survey_version_id: int,
                 questionnaire, applicant_ids: list[int], seed: int = 20261206):
        self.rng = random.Random(seed)
        self.cat, self.q = cat, questionnaire
        self.version_id, self.version_number = version_id, version_number
        self.survey_version_id = survey_version_id
        self.applicants = applicant_ids
        self.permits = cat.permits
        self.weights = [1 + (n * 7) % 11 for n in range(len(self.permits))]
        scored = [item.field for index in questionnaire.indices for item in index.items]
        # each question's own lean, so unsur differ the way real surveys do
        self.means = {field: 2.6 + (n * 37 % 13) / 10 for n, field in enumerate(scored)}
        self.scored = scored

    def answer(self, field: str) -> str:
        value = round(self.rng.gauss(self.means[field], 0.7))
        return str(min(4, max(1, value)))

    def rows(self, i: int) -> tuple[tuple, tuple, list, tuple]:
        rng = self.rng
        permit = rng.choices(self.permits, self.weights)[0]
        k = rng.randrange(MONTHS)
        month = month_start(k)
        closed = datetime(month.year, month.month, rng.randint(1, 27), rng.randint(1, 14),
                          rng.randrange(60))
        submitted = closed - timedelta(days=rng.randint(3, 20))
        answered = closed + timedelta(hours=rng.randint(1, 48))
        answers = {field: self.answer(field) for field in self.scored}
        answers.update({"jenis_kelamin": rng.choice("LP"), "usia": rng.randint(18, 70),
                        "pendidikan": rng.choice(("sma", "d1_d3", "d4_s1", "d4_s1", "s2")),
                        "pekerjaan": rng.choice(("pns", "swasta", "wirausaha", "lainnya")),
                        "saran": rng.choice(SUGGESTIONS) if rng.random() < 0.25 else None,
                        "komentar": None, "pernyataan": True})
        code = permit["code"]
        app = (i, secrets.token_hex(8) + f"{i:016x}", rng.choice(self.applicants), "issued",
               self.version_id, self.version_number, code, permit["name"]["id"][:300],
               permit["application_types"][0], permit["agency"], 5, "{}", f"{i:016d}",
               f"Pemohon {i}", resi_for(i), f"{i}/{code}/{closed:%m}/{closed:%Y}", submitted,
               closed, 0, 1, submitted, closed)
        response = (i, i, self.survey_version_id, json.dumps(answers), "portal", code,
                    permit["agency"], month, answers["saran"], answered)
        keys = [(month, code, permit["agency"], self.survey_version_id, f, v)
                for f, v in self.q.tally_keys(answers)]
        local = calendar.local_date(closed)
        return app, response, keys, ("m", "closed", date(local.year, local.month, 1),
                                     permit["agency"], code, permit["application_types"][0], "",
                                     "issued", 0, True)


def fill(engine, gen: Generator, rows: int) -> float:
    """In an app context (the office's time zone decides the month of a closing)."""
    started = time.perf_counter()
    counts: Counter = Counter()
    closed: Counter = Counter()
    with raw_cursor(engine) as (raw, cur, postgres):
        for start in range(1, rows + 1, BATCH):
            apps, responses = [], []
            for i in range(start, min(start + BATCH, rows + 1)):
                app, response, keys, closing = gen.rows(i)
                apps.append(app)
                responses.append(response)
                counts.update(keys)
                closed[closing] += 1
            write_rows(cur, postgres, "application", APP_COLUMNS, apps)
            write_rows(cur, postgres, "survey_response", RESPONSE_COLUMNS, responses)
            raw.commit()
            done = min(start + BATCH - 1, rows)
            if done % 200_000 < BATCH:
                print(f"  {done:>9,} applications and responses "
                      f"({time.perf_counter() - started:.0f} s)", flush=True)
        tallies = [(*key, n) for key, n in counts.items()]
        write_rows(cur, postgres, "survey_tally", TALLY_COLUMNS, tallies)
        write_rows(cur, postgres, "report_count", CLOSED_COLUMNS,
               [(*key, n) for key, n in closed.items()])
        reset_sequences(cur, postgres, ("application", "survey_response"))
        raw.commit()
        print(f"  {len(tallies):,} counter rows", flush=True)
    vacuum_analyze(engine, ("application", "survey_response", "survey_tally", "report_count"))
    return time.perf_counter() - started


def setup(app, applicants: int = 200):
    """The catalogue, the sample questionnaire, applicants owning the applications and a
    Helpdesk member of the office (fresh password)."""
    from werkzeug.security import generate_password_hash

    from app.extensions import db
    from app.models import StaffProfile, User
    from app.services import catalogue_store
    from app.services.user_admin import create_staff
    from app.services.users import applicant_role
    from app.survey import store
    from catalogue import DEFINITIONS

    with app.app_context():
        if catalogue_store.current_version() is None:
            catalogue_store.import_path(DEFINITIONS)
        version = catalogue_store.current_version()
        survey = store.current_version() or store.import_path(store.SAMPLE)
        method = app.config["FAB_PASSWORD_HASH_METHOD"]
        have = db.session.query(User).filter(User.email.like("ikmbench%")).count()
        hashed = generate_password_hash("Bench-Pemohon-9x", method=method)
        for n in range(have, applicants):
            user = User(first_name=f"Pemohon {n}", last_name="", username=f"ikmb{n:06d}",
                        email=f"ikmbench{n}@contoh.id", active=True, password=hashed)
            user.roles = [applicant_role()]
            db.session.add(user)
        db.session.commit()
        ids = [u.id for u in db.session.query(User).filter(User.email.like("ikmbench%"))]
        email = "helpdesk.ikm@bench.id"
        password = "Bench-" + secrets.token_urlsafe(8) + "9a"
        user = db.session.query(User).filter(User.email == email).one_or_none()
        if user is None:
            create_staff(email, "Helpdesk", "DPMPTSP", name="Helpdesk IKM", password=password)
        else:
            user.password = generate_password_hash(password, method=method)
            profile = db.session.query(StaffProfile).filter_by(user_id=user.id).one()
            profile.totp_confirmed_at = profile.totp_last_step = None
            db.session.commit()
        gen = Generator(catalogue_store.catalogue_of(version), version.id, version.number,
                        survey.id, store.questionnaire_of(survey), ids)
        return gen, email, password


def urls(gen: Generator, count: int) -> list[str]:
    rng = random.Random(11)
    permits = [p["code"] for p in gen.permits]
    agencies = sorted({p["agency"] for p in gen.permits})
    found = []
    for n in range(count):
        year = rng.choice((2024, 2025, 2026))
        kind = n % 8
        if kind in (0, 1, 2):
            url = f"/admin/ikm/?periode=tahun&tahun={year}"
        elif kind == 3:
            url = f"/admin/ikm/?periode=semester&tahun={year}&ke={rng.randint(1, 2)}"
        elif kind == 4:
            url = f"/admin/ikm/?periode=triwulan&tahun={year}&ke={rng.randint(1, 4)}"
        elif kind == 5:
            url = f"/admin/ikm/?periode=bulan&tahun={year}&ke={rng.randint(1, 12)}"
        elif kind == 6:
            url = f"/admin/ikm/?periode=tahun&tahun={year}&permit={rng.choice(permits)}"
        else:
            url = f"/admin/ikm/?periode=tahun&tahun={year}&agency={rng.choice(agencies)}"
        found.append(url)
    return found


def direct_check(app, year: int) -> dict:
    """A year's NRR per unsur straight from the answers (JSON), against the report's."""
    from app.extensions import db
    from app.survey import report, store
    from app.survey.periods import Period

    with app.app_context(), app.test_request_context():
        q = store.questionnaire_of(store.current_version())
        fields = [(item.code, item.field) for item in q.graded.items]
        postgres = db.engine.dialect.name == "postgresql"
        expr = "(answers->>'{f}')::int" if postgres else \
            "CAST(json_extract(answers, '$.{f}') AS INTEGER)"
        sql = ("SELECT count(*), " + ", ".join(f"sum({expr.format(f=f)})" for _c, f in fields)
               + " FROM survey_response WHERE month >= :a AND month < :b")
        started = time.perf_counter()
        row = db.session.execute(text(sql), {"a": date(year, 1, 1),
                                             "b": date(year + 1, 1, 1)}).one()
        direct_ms = (time.perf_counter() - started) * 1000
        n = row[0]
        direct = {code: str((Decimal(total) / n).quantize(Decimal("0.01"), ROUND_HALF_UP))
                  for (code, _f), total in zip(fields, row[1:], strict=True)}
        found = report.build(Period("tahun", year, 1))
        shown = {item.code: str(Decimal(item.nrr.numerator) / Decimal(item.nrr.denominator))
                 for item in found.ikm.items}
        shown = {c: str(Decimal(v).quantize(Decimal("0.01"), ROUND_HALF_UP))
                 for c, v in shown.items()}
        if shown != direct or found.respondents != n:
            raise SystemExit(f"report disagrees with the answers: {shown} != {direct}")
        return {"respondents": n, "direct_ms": direct_ms,
                "ikm": str(found.ikm.score.converted_2), "grade": found.ikm.score.grade.letter}


def run_backend(label: str, url: str, args) -> dict:
    start_fresh(url, args.reuse)
    print(f"== {label}: {url}", flush=True)
    app = prepare(url, tempfile.mkdtemp(prefix="bench-ikm-"), fresh=not args.reuse)
    gen, email, password = setup(app)
    from app.extensions import db

    with app.app_context():
        existing = db.session.scalar(text("SELECT count(*) FROM survey_response"))
        engine = db.engine
    fill_seconds = None
    if existing < args.rows:
        if existing:
            raise SystemExit(f"{label}: {existing:,} responses present; run without --reuse")
        print(f"  filling {args.rows:,} applications and responses ...", flush=True)
        with app.app_context():
            fill_seconds = fill(engine, gen, args.rows)
    with app.app_context():
        tallies = db.session.scalar(text("SELECT count(*) FROM survey_tally"))
    client = staff_client(app, email, password)
    result = measure(app, [client], [urls(gen, args.requests)])
    check = direct_check(app, 2025)
    return {"label": label, "fill_seconds": fill_seconds, "tallies": tallies,
            "result": result, "check": check}


def main() -> int:
    args = cli.parser(__doc__, sqlite_file="eptsp-ikm-bench.db", requests=120).parse_args()
    results, versions = cli.run_each(args, run_backend)
    return cli.finish(args, HEADING, report(results, args, versions),
                      max(summarise(r)["p95"] for r in results), TARGET_MS)


if __name__ == "__main__":
    sys.exit(main())
