"""Kebijakan Privasi: what the service collects, why, how long (the retention settings), the
applicant's rights and whom to ask. Public; the numbers and the contact come from
configuration, so the page never disagrees with what `flask privacy purge` does."""

from __future__ import annotations

from flask import current_app, render_template

from ..services import portal_content
from .routes import bp


@bp.get("/privasi")
def privacy():
    config = current_app.config
    contact = config.get("PRIVACY_CONTACT_EMAIL") or portal_content.contact().get("email", "")
    return render_template(
        "portal/privacy.html", contact_email=contact,
        draft_days=config["RETENTION_DRAFT_DAYS"],
        account_days=config["RETENTION_ABANDONED_ACCOUNT_DAYS"],
        outbox_days=config["RETENTION_OUTBOX_DAYS"],
        visitor_chat_days=config["RETENTION_VISITOR_CHAT_DAYS"],
        visitor_complaint_days=config["RETENTION_VISITOR_COMPLAINT_DAYS"],
        audit_ip_days=config["RETENTION_AUDIT_IP_DAYS"],
        notice_version=config["PRIVACY_NOTICE_VERSION"],
        session_hours=config["SESSION_MAX_HOURS"],
        session_days=config["RETENTION_SESSION_DAYS"], code_days=config["RETENTION_CODE_DAYS"],
        response_hours=config["PRIVACY_RESPONSE_HOURS"])
