"""Builders and browser-like helpers shared by the tests."""

from __future__ import annotations

import re
from datetime import timedelta

from config import TestConfig

PASSWORD = "Tebak-Ini-9x"
CAPTCHA = TestConfig.CAPTCHA_TEST_ANSWER


def deliver(app) -> int:
    """Run the outbox worker once, as `flask worker --once` would."""
    from app.notify.worker import process_due

    return process_due()


def csrf_from(html: str) -> str:
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html)
    assert match, "page has no CSRF token"
    return match.group(1)


def get_form(client, url: str, captcha_key: str | None = None) -> str:
    """Open a form page like a browser: the page, then its captcha image."""
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    if captcha_key:
        assert client.get(f"/captcha/{captcha_key}.png").status_code == 200
    return csrf_from(response.get_data(as_text=True))


NIK_COUNTER = iter(range(1, 10_000))


def new_nik(day: int = 15, month: int = 5, year: int = 90) -> str:
    return f"647201{day:02d}{month:02d}{year:02d}{next(NIK_COUNTER):04d}"


def make_applicant(app, *, kind: str = "perorangan", email: str | None = None,
                   password: str = PASSWORD, phone: str = "081234567890", **extra):
    """An applicant created through the registration service (code included)."""
    from app.extensions import db
    from app.models import EmailCode, utcnow
    from app.services import codes, registration

    email = email or f"user{next(NIK_COUNTER)}@contoh.id"
    data = {
        "kind": kind, "password": password, "password_confirm": password,
        "address": "Jl. Juanda No. 7", "province_code": "64", "regency_code": "64.72",
        "district_code": "64.72.01", "village_code": "64.72.01.1003", "phone": phone,
        "postal_code": "75131", "email": email, "email_code": "123456",
    }
    if kind == "perorangan":
        data.update(nik=new_nik(), name="Siti Aminah, S.E.", gender="P",
                    birth_date="1990-05-15", education="S1")
    else:
        data.update(npwp=f"01234567890{next(NIK_COUNTER):04d}", company_name="PT Maju Jaya",
                    pic_name="Andi Wijaya", pic_nik=new_nik())
    data.update(extra)
    db.session.add(EmailCode(email=email, code_hash=codes.hash_code("123456", "register"),
                             expires_at=utcnow() + timedelta(minutes=15)))
    db.session.commit()
    user = registration.register_applicant(data)
    return user, data


def make_staff(app, role: str = "Verifikator", agency: str = "DPMPTSP",
               email: str | None = None, password: str = PASSWORD):
    from app.services.staff import create_staff

    email = email or f"staf{next(NIK_COUNTER)}@contoh.id"
    user, _ = create_staff(email, role, agency, name=f"{role} {agency}", password=password)
    return user


def login(client, identity: str, password: str = PASSWORD, next_url: str | None = None):
    token = get_form(client, "/masuk", "login")
    data = {"csrf_token": token, "identity": identity, "password": password,
            "captcha": CAPTCHA, "next": next_url or ""}
    return client.post("/masuk", data=data)


