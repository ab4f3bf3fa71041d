"""Builders and browser-like helpers shared by the tests."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from pathlib import Path

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
        "privacy_consent": True,
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
    from app.services.user_admin import create_staff

    email = email or f"staf{next(NIK_COUNTER)}@contoh.id"
    user, _ = create_staff(email, role, agency, name=f"{role} {agency}", password=password)
    return user


def login(client, identity: str, password: str = PASSWORD, next_url: str | None = None):
    token = get_form(client, "/masuk", "login")
    data = {"csrf_token": token, "identity": identity, "password": password,
            "captcha": CAPTCHA, "next": next_url or ""}
    return client.post("/masuk", data=data)


def login_new_applicant(app, client, **kw):
    """A new applicant (make_applicant's options), logged in on `client`."""
    user, data = make_applicant(app, **kw)
    assert login(client, data.get("nik") or data.get("npwp")).status_code == 302
    return user




# catalogue and applications ---------------------------------------------------------------
_SAMPLE: dict = {}  # the shipped sample catalogue as read and checked, once per test session


def publish_catalogue(app, source=None):
    """Publish the shipped sample catalogue (or `source`: a folder, .xlsx or a dict).

    The sample's files do not change while the tests run, so it is read and checked once per
    session (about four fifths of an import's time) and each test publishes a fresh copy of
    that reading, through the same `publish` an import ends in. Any other source is imported
    in full."""
    from app.services import catalogue_store
    from catalogue import DEFINITIONS

    if isinstance(source, dict):
        return catalogue_store.publish(source, {}, source="uji")
    if source is not None and Path(source).resolve() != Path(DEFINITIONS).resolve():
        return catalogue_store.import_path(source)
    if not _SAMPLE:
        data, issues, assets = catalogue_store.read_source(DEFINITIONS)
        assert issues == [], issues
        _SAMPLE.update(text=json.dumps(data), assets=assets, name=Path(DEFINITIONS).name)
    return catalogue_store.publish(json.loads(_SAMPLE["text"]), dict(_SAMPLE["assets"]),
                                   source=f"impor {_SAMPLE['name']}", issues=[])


def make_file(app, user, ext: str = "pdf", name: str | None = None):
    import io

    from app.services import files
    from tests.answer_factory import SAMPLE_BYTES

    stored = files.save_upload(user.id, files.Upload(io.BytesIO(SAMPLE_BYTES[ext]),
                                                     f"{name or 'dokumen'}.{ext}"),
                               name=name or f"Dokumen {ext.upper()}")
    return stored


def fill_draft(app, user, permit_code: str, application_type: str | None = None,
               company: dict | None = None, subject=None):
    """A draft with every step filled validly, files uploaded for every requirement;
    `subject` is the issued permit a renewal, amendment or revocation acts on."""
    from app.services import applications as apps
    from app.services.users import profile_of
    from tests.answer_factory import answers_for

    profile = profile_of(user)
    from app.services import catalogue_store

    cat = catalogue_store.current()
    permit = cat.permit(permit_code)
    application_type = application_type or permit["application_types"][0]
    draft = apps.start_draft(user, profile, permit_code, application_type,
                             subject.id if subject is not None else None)
    assert not apps.save_applicant(draft, draft.data["applicant"], check=True)
    if profile.kind == "badan_usaha" or company:
        posted = company or {**draft.data["company"], "form": "PT", "status": "Pusat"}
        assert not apps.save_company(draft, {**posted, "as_company": "1"}, check=True)
    else:
        assert not apps.save_company(draft, {}, check=True)
    assert not apps.save_location(draft, LOCATION, check=True)
    files_by_requirement = {}
    for req in permit.get("requirements", []):
        ext = req.get("formats", ["pdf"])[0]
        files_by_requirement[req["key"]] = make_file(app, user, ext, req["key"]).uid
    answers = answers_for(apps.form_definition(draft), lookups=cat.lookup_tables(),
                          files_by_requirement=files_by_requirement)
    documents = {r["key"]: files_by_requirement[r["key"]] for r in apps.document_slots(draft)}
    errors = apps.save_details(draft, answers, documents, True, check=True)
    assert not errors, errors
    return draft


def publish_questionnaire(app, content: dict | None = None):
    """Publish the shipped sample IKM questionnaire (or `content`) as the next version."""
    from app.survey import store

    if content is None:
        return store.import_path(store.SAMPLE)
    return store.publish(content, source="uji")


def make_finished(app, user, outcome: str = "terbitkan", permit_code: str = "IZIN-PENELITIAN"):
    """A permit of the front-office-only routing (IZIN-PENELITIAN of DPMPTSP, IZIN-ANGSUS of
    DISHUB, SIUP-PERIKANAN of DKP) issued, or rejected (outcome "tolak"), through the same
    transitions as the back office."""
    from app import casework
    from app.services import review

    application = verifier_forwards(app, make_submitted(app, user, permit_code))
    signer = casework.actor_for(make_staff(app, "Penandatangan"))
    review.act(application, signer, outcome, note="Tidak memenuhi syarat" if outcome == "tolak"
               else "")
    return application


def verifier_forwards(app, application):
    """The office's Verifikator judges every document valid and forwards the application
    (on the front-office-only routing it then waits for the Penandatangan)."""
    from app import casework
    from app.services import review

    review.act(application, casework.actor_for(make_staff(app, "Verifikator")), "lanjut",
               verdicts=all_documents_valid(application))
    return application


def approve_all(app, application) -> None:
    """Every step of the application's routing approves: the Verifikator forwards, the Dinas
    recommends where the routing has that step (SIP-DOKTER's), the Penandatangan issues."""
    from app import casework
    from app.services import review

    verifier_forwards(app, application)
    if application.current_step == "rekomendasi":
        review.act(application, casework.actor_for(make_staff(app, "Tim Teknis", "DINKES")),
                   "lanjut")
    review.act(application, casework.actor_for(make_staff(app, "Penandatangan")), "terbitkan")
    assert application.status == "issued"


def permit_holder(app, permit_code: str = "SIP-DOKTER", *, days_left: int | None = None):
    """(person, permit): a new applicant whose first application of `permit_code` was
    approved at every step; with `days_left`, the permit's validity cut to end that many days
    from today (inside a renewal window)."""
    from app.extensions import db
    from app.services import calendar

    person, _ = make_applicant(app)
    first = make_submitted(app, person, permit_code, "baru")
    approve_all(app, first)
    if days_left is not None:
        first.permit.valid_until = calendar.today() + timedelta(days=days_left)
        db.session.commit()
    return person, first.permit


def make_submitted(app, user, permit_code: str = "SIP-DOKTER", application_type=None,
                   subject=None):
    from app.services import workflow

    draft = fill_draft(app, user, permit_code, application_type, subject=subject)
    return workflow.submit(draft, workflow.new_submit_key()).application


LOCATION = {"street": "Jl. Gajah Mada", "number": "2", "rt": "001", "rw": "002",
            "province_code": "64", "regency_code": "64.72", "district_code": "64.72.01",
            "village_code": "64.72.01.1003", "latitude": "-0.502106",
            "longitude": "117.153709"}


def all_documents_valid(application) -> dict:
    """The verdicts of a verifier who checked every attached document and found it valid
    (forwarding or approving needs one on every required document)."""
    from app.services.review import DocVerdict

    return {d.requirement_key: DocVerdict(True) for d in application.documents}


def walk_routing(app, application, *, until: str = "@issued"):
    """Staff of each step act on the application (the first action of each step that moves
    it on, "terbitkan" at the last) until it reaches `until`; returns the application."""
    from app import casework
    from app.services import applications as apps
    from app.services import review, tasks

    cat = apps.catalogue_for(application)
    permit = cat.permit(application.permit_code)
    routing = tasks.routing_of(cat, permit)
    staff: dict = {}
    while application.status == "in_process":
        step = next(s for s in routing["steps"] if s["key"] == application.current_step)
        for task in list(application.open_tasks):
            key = (task.role, task.agency_code)
            if key not in staff:
                staff[key] = make_staff(app, task.role, task.agency_code)
            action = next(a for a, target in step["actions"].items()
                          if target not in ("@applicant", "@rejected"))
            review.act(application, casework.actor_for(staff[key]), action,
                       verdicts=all_documents_valid(application))
            if application.status != "in_process" or application.current_step != step["key"]:
                break
        if until != "@issued" and application.current_step == until:
            break
    return application


def document_retries_wait_over(seconds: float | None = None) -> None:
    """The clock moved on by `seconds` (default: past the longest wait) for every permit
    document waiting after a failure (services/document_retries.py keeps the wait in the
    throttle table)."""
    from app.extensions import db
    from app.models import AuthThrottle
    from app.services import document_retries

    moved = timedelta(seconds=document_retries.policy().max_delay + 1 if seconds is None
                      else seconds)
    for row in db.session.query(AuthThrottle).filter_by(scope="document"):
        row.last_failure_at -= moved
    db.session.commit()
