"""Liveness probe for load balancers and monitoring: `GET /healthz`.

Answers `{"status": "ok"}` after one `SELECT 1`, so a 200 means this process can reach its
database; a database it cannot reach gives 503 with `{"status": "error"}` (no details: the
route is public). No session, template or login is involved.
"""

from __future__ import annotations

from flask import current_app, jsonify
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from ..extensions import db, limiter
from .routes import bp


@bp.get("/healthz")
@limiter.exempt
def healthz():
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        db.session.rollback()
        current_app.logger.exception("health check: database unreachable")
        response = jsonify(status="error")
        response.status_code = 503
    else:
        response = jsonify(status="ok")
    response.headers["Cache-Control"] = "no-store"
    return response
