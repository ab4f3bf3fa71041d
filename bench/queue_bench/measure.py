"""The timed part: a realistic mix of queue requests per staff member, each timed through the
Flask test client, and its SQL replayed straight on the DBAPI connection."""

from __future__ import annotations

import random
import secrets
import statistics
import time
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

from sqlalchemy import event


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


def as_opened(client, url: str) -> str:
    """A search as the grid is opened after its POSTed search form: the term waits in the
    client's session and the URL carries only its id (app/backoffice/search_terms.py)."""
    from app.backoffice.search_terms import SESSION_KEY

    parts = urlsplit(url)
    query = parse_qs(parts.query)
    if "q" not in query:
        return url
    token = secrets.token_urlsafe(9)
    with client.session_transaction() as session:
        session[SESSION_KEY] = [*session.get(SESSION_KEY, [])[-7:], [token, query["q"][0]]]
    return f"{parts.path}?cari={token}"


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
                url = as_opened(client, client_urls[round_])
                captured.clear()
                started = time.perf_counter()
                response = client.get(url)
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
