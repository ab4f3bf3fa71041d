"""Configuration from environment variables, with embedded defaults that need no services.

Every setting can be overridden by an environment variable of the same name; the README lists
them. The defaults give a single-machine install: SQLite under ``instance/``, uploads under
``instance/``, mail printed to the log, limits kept in memory.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
INSTANCE_DIR = Path(os.environ.get("INSTANCE_PATH", BASE_DIR / "instance")).resolve()


def _env(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    return value if value not in (None, "") else default


def _bool(name: str, default: bool) -> bool:
    value = _env(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


# settings whose value cannot be read, with what they need: the entry point (run.py) refuses to
# start on any of them with one plain line each (app/config_check.py), not a traceback from the
# middle of this module; the default stands in meanwhile so the module still loads
UNREADABLE: dict[str, str] = {}


def _number(name: str, default, kind, need: str):
    value = _env(name)
    if value is None:
        return default
    try:
        return kind(value)
    except ValueError:
        UNREADABLE[name] = need
        return default


def _int(name: str, default: int) -> int:
    return _number(name, default, int, "harus bilangan bulat, mis. 50")


def _float(name: str, default: float) -> float:
    return _number(name, default, float, "harus angka, mis. 15")


def _float_tuple(name: str, default: str) -> tuple[float, ...]:
    return _number(name, tuple(float(part) for part in default.split(",")),
                   lambda value: tuple(float(part) for part in value.split(",")),
                   f"harus angka dipisah koma, mis. {default}")


class Config:
    APP_NAME = _env("APP_NAME", "E-PTSP")
    OFFICE_NAME = _env("OFFICE_NAME", "DPMPTSP Provinsi Kalimantan Timur")
    OFFICE_PROVINCE = _env("OFFICE_PROVINCE", "64")
    # south-west and north-east corners (lat,lng,lat,lng) of the office's province
    OFFICE_BOUNDS = _float_tuple("OFFICE_BOUNDS", "-2.6,113.8,2.6,119.1")
    MAP_TILE_URL = _env("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
    # the portal menu's "Website" (the office's own site) and the national OSS link;
    # empty = not shown
    OFFICE_WEBSITE_URL = _env("OFFICE_WEBSITE_URL", "https://dpmptsp.kaltimprov.go.id")
    OSS_URL = _env("OSS_URL", "https://oss.go.id")

    SECRET_KEY = _env("SECRET_KEY")  # generated into instance/ on first run when unset
    INSTANCE_PATH = str(INSTANCE_DIR)
    SQLALCHEMY_DATABASE_URI = _env("DATABASE_URL", f"sqlite:///{INSTANCE_DIR / 'eptsp.db'}")
    SQLALCHEMY_ENGINE_OPTIONS: dict = {"pool_pre_ping": True}
    # where uploaded and generated files live: "local" (UPLOAD_DIR) or "s3" (a bucket of any
    # S3-compatible service); credentials empty = boto3's own chain (AWS_* variables, role)
    STORAGE_BACKEND = _env("STORAGE_BACKEND", "local")
    UPLOAD_DIR = _env("UPLOAD_DIR", str(INSTANCE_DIR / "uploads"))
    S3_BUCKET = _env("S3_BUCKET")
    S3_ENDPOINT_URL = _env("S3_ENDPOINT_URL")  # empty = AWS; e.g. http://minio:9000
    S3_REGION = _env("S3_REGION")
    S3_ACCESS_KEY_ID = _env("S3_ACCESS_KEY_ID")
    S3_SECRET_ACCESS_KEY = _env("S3_SECRET_ACCESS_KEY")
    S3_PREFIX = _env("S3_PREFIX", "")
    UPLOAD_MAX_MB = _int("UPLOAD_MAX_MB", 50)
    # a closed complaint may be reopened by its complainant for this many days
    COMPLAINT_REOPEN_DAYS = _int("COMPLAINT_REOPEN_DAYS", 7)
    PHOTO_MAX_MB = _int("PHOTO_MAX_MB", 5)
    # a request body larger than the largest upload plus room for the form's other fields is
    # refused (413) before it is read; file parts are spooled to disk, never held in memory
    MAX_CONTENT_LENGTH = (max(UPLOAD_MAX_MB, PHOTO_MAX_MB) + 1) * 1024 * 1024

    # A certificate template is catalogue data: rendering it stops past these (README,
    # "Konfigurasi"; app/documents/limits.py). Memory bounds only the child process that checks
    # a template and prints a certificate PDF (app/documents/bounded.py). The
    # output counts embedded images too (a 2 MB photo is 2.8 M characters of base64).
    TEMPLATE_MAX_OUTPUT_CHARS = _int("TEMPLATE_MAX_OUTPUT_CHARS", 20_000_000)
    TEMPLATE_MAX_STEPS = _int("TEMPLATE_MAX_STEPS", 100_000)
    TEMPLATE_MAX_SECONDS = _float("TEMPLATE_MAX_SECONDS", 5.0)
    TEMPLATE_MAX_MEMORY_MB = _int("TEMPLATE_MAX_MEMORY_MB", 512)
    # a permit document that could not be produced is tried again after a delay that doubles
    # with each failure up to the maximum; after this many failures the catalogue admins are
    # told once (app/services/document_retries.py)
    DOCUMENT_RETRY_SECONDS = _int("DOCUMENT_RETRY_SECONDS", 900)
    DOCUMENT_RETRY_MAX_SECONDS = _int("DOCUMENT_RETRY_MAX_SECONDS", 6 * 3600)
    DOCUMENT_FAILURES_BEFORE_NOTICE = _int("DOCUMENT_FAILURES_BEFORE_NOTICE", 3)

    SMTP_URL = _env("SMTP_URL")  # smtp://user:pass@host:587?starttls=1 ; unset = log only
    MAIL_FROM = _env("MAIL_FROM", "E-PTSP <noreply@eptsp.local>")
    OUTBOX_INPROCESS = _bool("OUTBOX_INPROCESS", False)
    # Redis shared by every web and worker process: rate-limit counters and pending captcha
    # answers. Unset = embedded defaults (limits in memory, captcha answers in the database).
    REDIS_URL = _env("REDIS_URL")
    # names every key this install writes, so two installs (staging, production) can share one
    # Redis; also the rate limiter's key prefix there
    REDIS_KEY_PREFIX = _env("REDIS_KEY_PREFIX", "eptsp")
    # chat: with Redis a poll waits up to this long for a new message (long-poll)
    CHAT_LONGPOLL_SECONDS = _int("CHAT_LONGPOLL_SECONDS", 20)
    OUTBOX_MAX_ATTEMPTS = _int("OUTBOX_MAX_ATTEMPTS", 8)
    # who gets the monthly recap of the reports (comma-separated e-mail addresses; empty =
    # nobody); the outbox worker queues it once at the start of each month
    REPORT_RECIPIENTS = _env("REPORT_RECIPIENTS", "")
    WHATSAPP_GATEWAY_URL = _env("WHATSAPP_GATEWAY_URL")  # unset = no WhatsApp messages
    WHATSAPP_TOKEN = _env("WHATSAPP_TOKEN")
    WHATSAPP_TIMEOUT = _float("WHATSAPP_TIMEOUT", 15.0)  # seconds; keep well under the lease
    PUBLIC_BASE_URL = _env("PUBLIC_BASE_URL", "http://127.0.0.1:5000")
    OFFICE_AGENCY = _env("OFFICE_AGENCY", "DPMPTSP")  # catalogue code of the office itself
    # Survey IKM: rejected applications are surveyed too (issued ones always are)
    SURVEY_INCLUDE_REJECTED = _bool("SURVEY_INCLUDE_REJECTED", False)

    # reverse proxies in front of the app whose X-Forwarded-* headers are believed; 0 = none
    # (the client address is the socket's, so a forged header cannot dodge the rate limits)
    TRUSTED_PROXIES = _int("TRUSTED_PROXIES", 0)
    RATELIMIT_ENABLED = _bool("RATELIMIT_ENABLED", True)
    # unset = REDIS_URL when that is set (every process counts in one place), else memory
    RATELIMIT_STORAGE_URI = _env("RATELIMIT_STORAGE_URI")
    RATELIMIT_HEADERS_ENABLED = True
    # Redis gone at run time: each process counts in its own memory until Redis answers again
    # (Flask-Limiter retries it with back-off) instead of every limited page answering 500
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True
    # failed logins: a few are free per account and client address, then each further try
    # waits, the wait doubling up to the ceiling (no lock a stranger could trigger); from all
    # addresses together an account gets LOGIN_ACCOUNT_FAILURES_PER_HOUR before the same delays
    LOGIN_FREE_FAILURES = _int("LOGIN_FREE_FAILURES", 5)
    LOGIN_DELAY_SECONDS = _int("LOGIN_DELAY_SECONDS", 2)
    LOGIN_DELAY_MAX_SECONDS = _int("LOGIN_DELAY_MAX_SECONDS", 300)
    LOGIN_ACCOUNT_FAILURES_PER_HOUR = _int("LOGIN_ACCOUNT_FAILURES_PER_HOUR", 100)
    # failed logins from one client address across all accounts (password spraying), counted
    # in the rate limiter's storage; past it every login from that address waits
    LOGIN_ADDRESS_FAILURE_LIMIT = _env("LOGIN_ADDRESS_FAILURE_LIMIT", "20 per 10 minutes")
    # wrong authenticator codes of one staff account, whatever the address
    TOTP_FREE_FAILURES = _int("TOTP_FREE_FAILURES", 5)
    TOTP_DELAY_SECONDS = _int("TOTP_DELAY_SECONDS", 30)
    TOTP_DELAY_MAX_SECONDS = _int("TOTP_DELAY_MAX_SECONDS", 900)

    # a login ends after this many minutes without a request (the server's session row
    # decides: app/security/sessions.py)
    SESSION_IDLE_MINUTES = _int("SESSION_IDLE_MINUTES", 30)
    # a session ends this long after login however busy it is (absolute lifetime)
    SESSION_MAX_HOURS = _int("SESSION_MAX_HOURS", 12)
    # The session cookie is sent only by an answer that changed the session: re-sending it
    # with every answer let a late answer (a script file, an image, a region list) put back
    # the session its request had left with, undoing a language switch or a logout made in
    # the meantime. So the cookie is not renewed by mere activity, and its own lifetime (and
    # the age its signature may have) is the session's absolute one: idle expiry is the
    # session row's job, which every request of a logged-in user refreshes. An anonymous
    # visitor's session (language, form tokens, captcha) is a browser-session cookie whose
    # signature is honoured for as long after its last change.
    SESSION_REFRESH_EACH_REQUEST = False
    PERMANENT_SESSION_LIFETIME = timedelta(hours=SESSION_MAX_HOURS)
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = _bool("SESSION_COOKIE_SECURE", False)
    REMEMBER_COOKIE_DURATION = timedelta(seconds=0)
    # HTTPS only (Strict-Transport-Security) for this long, sent on HTTPS requests when
    # SESSION_COOKIE_SECURE=1; 0 = never
    HSTS_SECONDS = _int("HSTS_SECONDS", 31536000)

    # personal data (UU PDP): drafts untouched this many days are deleted; applicant accounts
    # that never submitted an application and have not logged in for this many days are
    # erased; sent e-mails/WhatsApp messages are removed from the outbox after this many
    # days. `flask privacy purge` (also the worker, daily) applies them; 0 = keep forever
    RETENTION_DRAFT_DAYS = _int("RETENTION_DRAFT_DAYS", 180)
    RETENTION_ABANDONED_ACCOUNT_DAYS = _int("RETENTION_ABANDONED_ACCOUNT_DAYS", 730)
    RETENTION_OUTBOX_DAYS = _int("RETENTION_OUTBOX_DAYS", 30)
    # helpdesk chats of portal visitors (no account) whose last message is this old are deleted
    RETENTION_VISITOR_CHAT_DAYS = _int("RETENTION_VISITOR_CHAT_DAYS", 365)
    RETENTION_VISITOR_COMPLAINT_DAYS = _int("RETENTION_VISITOR_COMPLAINT_DAYS", 730)
    # audit-log entries older than this lose their IP address (the entry itself stays)
    RETENTION_AUDIT_IP_DAYS = _int("RETENTION_AUDIT_IP_DAYS", 180)
    # e-mailed codes and password reset PINs are deleted this many days after they expired,
    # login sessions and API tokens this many days after they ended (the worker, daily:
    # app/security/housekeeping.py); 0 = keep forever
    RETENTION_CODE_DAYS = _int("RETENTION_CODE_DAYS", 7)
    RETENTION_SESSION_DAYS = _int("RETENTION_SESSION_DAYS", 30)
    # the version of the privacy notice (templates/portal/privacy.html and the registration
    # notice) a new applicant accepts, recorded with the time of consent: change it whenever
    # the notice's text changes
    PRIVACY_NOTICE_VERSION = _env("PRIVACY_NOTICE_VERSION", "2026-12")
    # the privacy page's contact for personal-data questions (the office's data protection
    # officer); empty = the contact e-mail of Konten Portal > Kontak
    PRIVACY_CONTACT_EMAIL = _env("PRIVACY_CONTACT_EMAIL", "")
    # hours within which the office answers a data subject's request (UU PDP sets 3 x 24 hours
    # for access and correction; the office holds erasure requests to the same promise): the
    # console shows each request's waiting time against it, the privacy page states it
    PRIVACY_RESPONSE_HOURS = _int("PRIVACY_RESPONSE_HOURS", 72)

    CAPTCHA_ENABLED = _bool("CAPTCHA_ENABLED", True)
    RECAPTCHA_SITE_KEY = _env("RECAPTCHA_SITE_KEY")
    RECAPTCHA_SECRET_KEY = _env("RECAPTCHA_SECRET_KEY")
    HCAPTCHA_SITE_KEY = _env("HCAPTCHA_SITE_KEY")
    HCAPTCHA_SECRET_KEY = _env("HCAPTCHA_SECRET_KEY")
    CAPTCHA_VERIFY_URL = _env("CAPTCHA_VERIFY_URL")

    EMAIL_CODE_MINUTES = _int("EMAIL_CODE_MINUTES", 15)
    # tries of one mailed code (registration, complaint contact) before it is void
    CODE_MAX_ATTEMPTS = _int("CODE_MAX_ATTEMPTS", 5)
    RESET_PIN_MINUTES = _int("RESET_PIN_MINUTES", 15)
    RESET_PIN_MAX_TRIES = _int("RESET_PIN_MAX_TRIES", 5)

    BABEL_DEFAULT_LOCALE = "id"
    BABEL_DEFAULT_TIMEZONE = _env("TIMEZONE", "Asia/Makassar")
    LANGUAGES = {"id": {"flag": "id", "name": "Bahasa Indonesia"},
                 "en": {"flag": "gb", "name": "English"}}
    WTF_CSRF_TIME_LIMIT = None  # the token lives as long as the session

    # Flask-AppBuilder: Alembic owns the schema; permissions are synced by `flask setup`.
    FAB_CREATE_DB = False
    FAB_UPDATE_PERMS = False
    FAB_ADD_SECURITY_API = False
    FAB_API_SWAGGER_UI = False  # FAB's UI wants a FAB login; our OpenAPI is /api/v1/_openapi
    FAB_ADD_MENU_API = False  # FAB's /api/v1/menu/ accepts the session cookie; our API never does
    # REST API: wrong Bearer tokens allowed per client address before it gets 429
    API_TOKEN_FAILURE_LIMIT = _env("API_TOKEN_FAILURE_LIMIT", "10 per minute")
    AUTH_TYPE = 1  # AUTH_DB
    AUTH_USER_REGISTRATION = False
    FAB_PASSWORD_HASH_METHOD = "scrypt"
    AUTH_ROLE_ADMIN = "Super Admin"
    AUTH_ROLE_PUBLIC = "Public"

    TOTP_ISSUER = _env("TOTP_ISSUER", "E-PTSP")

    # Electronic signature (TTE) of issued permits: "local" PKCS#12 key or "bsre" remote service.
    # Unset local key = the development CA under instance/signing/ (`flask signing dev-ca`).
    SIGNING_BACKEND = _env("SIGNING_BACKEND", "local")
    SIGNING_P12_PATH = _env("SIGNING_P12_PATH")
    SIGNING_P12_PASSWORD = _env("SIGNING_P12_PASSWORD")
    SIGNING_P12_PASSWORD_FILE = _env("SIGNING_P12_PASSWORD_FILE")
    SIGNING_TRUST_ROOTS = _env("SIGNING_TRUST_ROOTS")  # comma-separated PEM files
    BSRE_URL = _env("BSRE_URL")
    BSRE_USERNAME = _env("BSRE_USERNAME")
    BSRE_PASSWORD = _env("BSRE_PASSWORD")
    BSRE_TIMEOUT = _float("BSRE_TIMEOUT", 30.0)


class TestConfig(Config):
    TESTING = True
    SQLALCHEMY_DATABASE_URI = _env("TEST_DATABASE_URL", "sqlite://")
    WTF_CSRF_ENABLED = True
    CAPTCHA_TEST_ANSWER = "ABCDE"
    # `make test` runs on the embedded defaults; CI's PostgreSQL run adds a real Redis
    REDIS_URL = _env("TEST_REDIS_URL")
    # parallel test processes share that Redis; each counts and resets only its own keys
    REDIS_KEY_PREFIX = f"eptsp-test-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"
    RATELIMIT_STORAGE_URI = None
    SMTP_URL = None
    FAB_PASSWORD_HASH_METHOD = "pbkdf2:sha256:1000"  # fast in tests; production uses scrypt
