"""Walking the wizard like a browser does (Flask test client): every step a real POST with the
page's CSRF token, answers posted under the names the generated form uses."""

from __future__ import annotations

import re

from tests.answer_factory import SAMPLE_BYTES, answers_for
from tests.helpers import LOCATION, csrf_from, login, make_applicant, publish_catalogue


def flatten(definition: dict, answers: dict) -> list[tuple[str, str]]:
    """JSON answers -> (name, value) pairs as the browser would post them."""
    fields = {f["key"]: f for s in definition.get("sections", []) for f in s["fields"]}
    return _pairs(fields, answers, "")


def _pairs(fields: dict, answers: dict, prefix: str) -> list[tuple[str, str]]:
    out = []
    for key, value in answers.items():
        spec = fields.get(key)
        if spec is None or value is None:
            continue
        name = prefix + key
        if spec["type"] == "group":
            subs = {f["key"]: f for f in spec["fields"]}
            for i, row in enumerate(value):
                out += _pairs(subs, row, f"{name}-{i}-")
        elif spec["type"] == "multiselect":
            out += [(name, str(v)) for v in value]
        elif spec["type"] == "boolean":
            if value:
                out.append((name, "y"))
        else:
            out.append((name, str(value)))
    return out


def step_url(uid: str, step: str) -> str:
    return f"/permohonan/{uid}/langkah/{step}"


def start(client, permit_code: str, agency: str, application_type: str,
          subject: str | None = None) -> str:
    """Step 1: returns the new draft's uid. `subject` is the number of the issued permit a
    renewal or amendment acts on, picked from the permits the page offers."""
    page = client.get(f"/permohonan/baru?agency={agency}&permit={permit_code}"
                      f"&application_type={application_type}")
    assert page.status_code == 200, page.status_code
    html = page.get_data(as_text=True)
    data = {"csrf_token": csrf_from(html), "agency": agency, "permit": permit_code,
            "application_type": application_type}
    if subject is not None:
        offered = dict((label.split(" (")[0], value) for value, label in re.findall(
            r'<option value="([^"]+)"[^>]*>([^<]+)</option>', _subject_select(html)))
        assert subject in offered, (subject, offered)
        data["subject"] = offered[subject]
    response = client.post("/permohonan/baru", data=data)
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    return re.search(r"/permohonan/([^/]+)/langkah/pemohon", response.location).group(1)


def _subject_select(html: str) -> str:
    found = re.search(r'<select[^>]*\bname="subject"[^>]*>(.*?)</select>', html, re.S)
    assert found, "step 1 offers no issued permit to act on"
    return found.group(1)


def post_step(client, uid: str, step: str, data: dict | list, nav: str = "next"):
    page = client.get(step_url(uid, step))
    assert page.status_code == 200, (step, page.status_code)
    token = csrf_from(page.get_data(as_text=True))
    key = "_nav" if step == "detail" else "nav"
    if isinstance(data, dict):
        data = list(data.items())
    from werkzeug.datastructures import MultiDict

    return client.post(step_url(uid, step),
                       data=MultiDict([("csrf_token", token), (key, nav), *data]))


def upload_for(client, uid: str, requirement: dict, name: str | None = None) -> str:
    """Uploads a valid file of the requirement's first format into its slot."""
    import io

    ext = requirement.get("formats", ["pdf"])[0]
    page = client.get(step_url(uid, "detail"))
    token = csrf_from(page.get_data(as_text=True))
    response = client.post(f"/permohonan/{uid}/dokumen/{requirement['key']}",
                           data={"file": (io.BytesIO(SAMPLE_BYTES[ext]),
                                          f"{name or requirement['key']}.{ext}")},
                           headers={"X-CSRFToken": token}, content_type="multipart/form-data")
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()["uid"]


def fill_and_submit(client, app, permit: dict, application_type: str, *,
                    company: dict | None = None, lookups: dict | None = None,
                    submit: bool = True, subject: str | None = None) -> str:
    """All five steps through the web for any permit of any catalogue; returns the uid.
    `subject`: the number of the issued permit a renewal or amendment acts on."""
    from app.services import applications as apps
    from app.services import catalogue_store

    uid = start(client, permit["code"], permit["agency"], application_type, subject)
    assert post_step(client, uid, "pemohon", {"phone": "081234567890", "postal_code": "75131",
                                             "email": "pemohon@contoh.id"}).status_code == 302
    response = post_step(client, uid, "perusahaan", company or {})
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    response = post_step(client, uid, "lokasi", LOCATION)
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    cat = catalogue_store.current()
    requirements = apps.requirements_for(permit, application_type)
    uploaded = {r["key"]: upload_for(client, uid, r) for r in requirements}
    for r in permit.get("requirements", []):  # a file field may name one not applying here
        if r["key"] not in uploaded:
            uploaded[r["key"]] = _service_upload(app, uid, r)
    answers = answers_for(permit.get("form") or {"sections": []},
                          lookups=lookups or cat.lookup_tables(),
                          files_by_requirement=uploaded)
    covered = {f.get("requirement") for s in (permit.get("form") or {}).get("sections", [])
               for f in s["fields"] if f["type"] == "file"}
    documents = [(f"doc-{r['key']}", uploaded[r["key"]]) for r in requirements
                 if r["key"] not in covered]
    data = flatten(permit.get("form") or {}, answers) + documents
    if submit:
        response = post_step(client, uid, "detail", data, nav="next")
        assert response.status_code == 302 and response.location.endswith(
            f"/permohonan/{uid}/validasi"), _errors(response)
        response = submit_review(client, uid)
        assert response.status_code == 302, _errors(response)
    LAST_POST[:] = data
    return uid


def review_url(uid: str) -> str:
    return f"/permohonan/{uid}/validasi"


def submit_review(client, uid: str, *, declaration: bool = True, submit_key: str | None = None):
    """Validasi Data: tick the declaration (or not) and press Kirim, as the page offers."""
    page = client.get(review_url(uid))
    assert page.status_code == 200, page.status_code
    html = page.get_data(as_text=True)
    key = submit_key or re.search(r'name="_submit_key" value="([^"]+)"', html).group(1)
    data = {"csrf_token": csrf_from(html), "_submit_key": key}
    if declaration:
        data["_declaration"] = "1"
    return client.post(review_url(uid), data=data)


LAST_POST: list[tuple[str, str]] = []  # what fill_and_submit posted (or would have) at step 5


def _service_upload(app, uid: str, requirement: dict) -> str:
    from app.extensions import db
    from app.models import Application
    from tests.helpers import make_file

    owner = db.session.scalar(db.select(Application).where(Application.uid == uid)).applicant
    return make_file(app, owner, requirement.get("formats", ["pdf"])[0], requirement["key"]).uid


def _errors(response) -> str:
    html = response.get_data(as_text=True)
    found = re.findall(r'class="invalid-feedback d-block"[^>]*>([^<]+)<', html)
    return f"status {response.status_code}; errors: {found}"


def english(client) -> None:
    """The reader chooses English (the language switch, back to the page it was on)."""
    client.get("/bahasa/en", headers={"Referer": "http://localhost/"})


def field_errors(response) -> dict[str, list[str]]:
    """Each field's error texts on a form page, by the field's name."""
    found: dict[str, list[str]] = {}
    for name, text in re.findall(r'data-error-for="([^"]+)">([^<]+)<',
                                 response.get_data(as_text=True)):
        found.setdefault(name, []).append(text)
    return found


def logged_in_draft(app, client, permit: dict) -> str:
    """A new applicant logged in on `client` with `permit`'s draft filled up to Validasi Data
    (its detail step's answers are LAST_POST); the draft's uid."""
    publish_catalogue(app)
    _user, data = make_applicant(app)
    assert login(client, data["nik"]).status_code == 302
    return fill_and_submit(client, app, permit, "baru", submit=False)
