"""Liveness probe for load balancers and monitoring: `GET /healthz`.

Answers `{"status": "ok"}` after one `SELECT 1` (and a Redis PING when REDIS_URL is set), so a
200 means this process can reach what every request may need; a database or Redis it cannot
reach gives 503 with `{"status": "error"}` (no details: the route is public; the log names the
part). No session, template or login is involved.
"""

from __future__ import annotations

from flask import current_app, jsonify
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from .. import redis_client
from ..extensions import db, limiter
from .routes import bp


def _database_ok() -> bool:
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        db.session.rollback()
        current_app.logger.exception("health check: database unreachable")
        return False
    return True


@bp.get("/healthz")
@limiter.exempt
def healthz():
    if _database_ok() and redis_client.reachable():
        response = jsonify(status="ok")
    else:
        response = jsonify(status="error")
        response.status_code = 503
    response.headers["Cache-Control"] = "no-store"
    return response
