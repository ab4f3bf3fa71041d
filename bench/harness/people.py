"""Applicants with complete drafts and logged-in staff, prepared before a timed burst.

Drafts are built in this process by the tests' own builders (`tests/helpers.py`), then each
person logs in over HTTP with their own cookie jar, exactly as a browser would.
"""

from __future__ import annotations

import random
import re
import time
from dataclasses import dataclass, field

import pyotp

from .http import Browser, hidden_value

PERMITS = ("SIP-DOKTER", "SIPA", "IZIN-PENELITIAN")


@dataclass
class Applicant:
    identity: str
    password: str
    uid: str
    permit: str
    fields: list[tuple[str, str]]  # step 5 (Lanjut) as the browser posts it, without CSRF
    browser: Browser | None = None
    csrf: str = ""
    submit_key: str = ""


@dataclass
class Staff:
    email: str
    password: str
    uid: str  # the application this person acts on
    browser: Browser | None = None
    form: list[tuple[str, str]] = field(default_factory=list)


def unused_nik() -> str:
    """A valid NIK nobody has yet (`--pg` may point at a database that has applicants)."""
    from sqlalchemy import func, select

    from app.extensions import db
    from app.models import ApplicantProfile
    from tests.helpers import new_nik

    while True:
        nik = new_nik(day=random.randint(1, 28), month=random.randint(1, 12),
                      year=random.randint(60, 99))
        if not db.session.scalar(select(func.count()).where(ApplicantProfile.nik == nik)):
            return nik


def review_path(uid: str) -> str:
    """Validasi Data: where Kirim (the submission) is posted since step 5 leads there."""
    return f"/permohonan/{uid}/validasi"


def submit_fields(applicant: Applicant) -> list[tuple[str, str]]:
    """Kirim on Validasi Data as the browser posts it: token, submit key, declaration."""
    return [("csrf_token", applicant.csrf), ("_submit_key", applicant.submit_key),
            ("_declaration", "1")]


def drafts(app, count: int, tag: str) -> list[Applicant]:
    """`count` applicants, each with a complete draft that has reached Validasi Data, spread
    over three permits so several registration sequences are used and many applicants share
    one sequence row."""
    from app.extensions import db
    from app.services import applications as apps
    from tests.helpers import PASSWORD, fill_draft, make_applicant
    from tests.wizard_client import flatten

    found = []
    with app.app_context():
        for i in range(count):
            permit = PERMITS[i % len(PERMITS)]
            user, data = make_applicant(app, email=f"{tag}{i}.{time.time_ns()}@contoh.id",
                                        nik=unused_nik())
            draft = fill_draft(app, user, permit)
            documents = draft.data.get("documents") or {}
            fields = flatten(apps.form_definition(draft), draft.data.get("details") or {})
            fields += [(f"doc-{slot['key']}", documents.get(slot["key"], ""))
                       for slot in apps.document_slots(draft)]
            fields += [("_nav", "next")]
            apps.reach_review(draft)
            found.append(Applicant(data["nik"], PASSWORD, draft.uid, permit, fields))
            if (i + 1) % 50 == 0:
                print(f"  {i + 1} drafts ready", flush=True)
        db.session.remove()
    return found


def verifiers_with_work(app, count: int, tag: str) -> list[Staff]:
    """`count` Verifikator accounts of the office, each with one submitted application
    waiting at the verification step."""
    from app.extensions import db
    from app.services.user_admin import create_staff
    from tests.helpers import PASSWORD, make_applicant, make_submitted

    found = []
    with app.app_context():
        office = app.config["OFFICE_AGENCY"]
        for i in range(count):
            email = f"{tag}-verif{i}.{time.time_ns()}@contoh.id"
            create_staff(email, "Verifikator", office, name=f"Verifikator {i}",
                         password=PASSWORD)
            user, _data = make_applicant(app, email=f"{tag}-s{i}.{time.time_ns()}@contoh.id",
                                         nik=unused_nik())
            application = make_submitted(app, user, PERMITS[i % len(PERMITS)])
            found.append(Staff(email, PASSWORD, application.uid))
        db.session.remove()
    return found


def log_in_applicant(port: int, applicant: Applicant) -> None:
    """Log in, then open Validasi Data for its CSRF token and the submit key."""
    browser = Browser(port)
    status, _headers, page = browser.request("GET", "/masuk")
    assert status == 200, status
    status, headers, _body = browser.request("POST", "/masuk", [
        ("csrf_token", hidden_value(page, "csrf_token")), ("identity", applicant.identity),
        ("password", applicant.password), ("captcha", ""), ("next", "")])
    assert status == 302 and "/masuk" not in headers.get("Location", ""), \
        f"login of an applicant failed ({status})"
    status, _headers, page = browser.request("GET", review_path(applicant.uid))
    assert status == 200, f"Validasi Data of {applicant.uid}: {status}"
    applicant.browser = browser
    applicant.csrf = hidden_value(page, "csrf_token")
    applicant.submit_key = hidden_value(page, "_submit_key")


def log_in_staff(port: int, staff: Staff) -> None:
    """Password, then TOTP enrolment with the secret the page shows; then open the
    application's detail screen and fill its form: every document valid, forward."""
    browser = Browser(port)
    status, _h, page = browser.request("GET", "/staff/login")
    assert status == 200, status
    status, headers, _b = browser.request("POST", "/staff/login", [
        ("csrf_token", hidden_value(page, "csrf_token")), ("identity", staff.email),
        ("password", staff.password), ("captcha", "")])
    assert status == 302 and headers.get("Location", "").endswith("/staff/totp"), status
    status, _h, page = browser.request("GET", "/staff/totp")
    secret = re.search(rb'id="totp-secret"[^>]*>([A-Z2-7]+)<', page).group(1).decode()
    status, headers, _b = browser.request("POST", "/staff/totp", [
        ("csrf_token", hidden_value(page, "csrf_token")), ("code", pyotp.TOTP(secret).now())])
    assert status == 302 and headers.get("Location", "").endswith("/admin/"), status
    status, _h, page = browser.request("GET", f"/admin/antrian/{staff.uid}")
    assert status == 200, f"detail of {staff.uid}: {status}"
    keys = sorted(set(re.findall(rb'name="doc-([\w-]+)" value="valid"', page)))
    staff.form = [("csrf_token", hidden_value(page, "csrf_token")),
                  ("lock_version", hidden_value(page, "lock_version")),
                  ("action", "lanjut"), ("note", "")]
    staff.form += [(f"doc-{k.decode()}", "valid") for k in keys]
    staff.browser = browser
