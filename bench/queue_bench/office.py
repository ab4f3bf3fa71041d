"""The app under test on a migrated database, its applicants and the three staff members, and
a staff member logged in through the Flask test client (password + TOTP, as people do)."""

from __future__ import annotations

import re
import secrets
import tempfile
from pathlib import Path

import pyotp
from sqlalchemy import text

from config import Config

ROOT = Path(__file__).resolve().parents[2]
STAFF = (("Verifikator", "DPMPTSP"), ("Tim Teknis", "DINKES"), ("Penandatangan", "DPMPTSP"))


class BenchConfig(Config):
    SECRET_KEY = "bench-queue-secret"
    CAPTCHA_TEST_ANSWER = "ABCDE"
    RATELIMIT_ENABLED = False
    OUTBOX_INPROCESS = False
    SQLALCHEMY_ENGINE_OPTIONS: dict = {}
    INSTANCE_PATH = tempfile.mkdtemp(prefix="bench-instance-")


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
    from app.services.user_admin import create_staff
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
