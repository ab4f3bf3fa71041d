"""Health probe for load balancers and monitoring: `GET /healthz`.

A 200 means this process can serve: its database answers one `SELECT 1`. Redis (REDIS_URL) is
reported but does not decide the status code, because the app keeps serving without it (rate
limits fall back to each process's memory, captcha answers to the database: see
`redis_client.unreachable`); a load balancer taking every web node out on a Redis blip would turn
it into a full outage. So the body says what is degraded and the code says whether to send
traffic here:

- `{"status": "ok", "database": "ok", "redis": "ok"}` (200); `"redis": "not configured"` without
  REDIS_URL;
- `{"status": "degraded", "database": "ok", "redis": "unreachable"}` (200);
- `{"status": "error", "database": "unreachable", ...}` (503).

`GET /healthz?strict=1` answers 503 on anything but `"ok"`, for a monitor that should page when
Redis is gone. No error details (the route is public; the log names the failure). No session,
template or login is involved.
"""

from __future__ import annotations

from flask import current_app, jsonify, request
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from .. import redis_client
from ..extensions import db, limiter
from .routes import bp


def _database_state() -> str:
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        db.session.rollback()
        current_app.logger.exception("health check: database unreachable")
        return "unreachable"
    return "ok"


def _redis_state() -> str:
    if redis_client.client() is None:
        return "not configured"
    return "ok" if redis_client.reachable() else "unreachable"


@bp.get("/healthz")
@limiter.exempt
def healthz():
    database, redis = _database_state(), _redis_state()
    if database != "ok":
        status = "error"
    else:
        status = "degraded" if redis == "unreachable" else "ok"
    strict = request.args.get("strict", "0") not in ("", "0")
    response = jsonify(status=status, database=database, redis=redis)
    if status == "error" or (strict and status != "ok"):
        response.status_code = 503
    response.headers["Cache-Control"] = "no-store"
    return response
