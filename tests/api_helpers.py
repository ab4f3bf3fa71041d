"""Builders for the REST API tests: tokens for applicants and staff, calls with a token."""

from __future__ import annotations

from tests.helpers import make_applicant, make_staff


def token_for(user, name: str = "uji", days=None) -> str:
    from app.services import api_tokens

    return api_tokens.create(user, name, days).secret


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def applicant_with_token(app, **kwargs):
    user, data = make_applicant(app, **kwargs)
    return user, token_for(user)


def staff_with_token(app, role: str = "Verifikator", agency: str = "DPMPTSP", name=None):
    user = make_staff(app, role, agency)
    if name:
        from app.extensions import db

        user.first_name, user.last_name = name, ""
        db.session.commit()
    return user, token_for(user)


def api_get(client, url: str, token: str | None = None, **kwargs):
    return client.get(url, headers=bearer(token) if token else {}, **kwargs)


def detail(client, token: str, uid: str) -> dict:
    response = api_get(client, f"/api/v1/permohonan/{uid}", token)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def act(client, token: str, uid: str, action: str, note: str = "",
        documents: dict | None = None, lock_version: int | None = None):
    """An action as an API client does it: read the detail, send its lock_version back.
    Without `documents`, every document not yet judged in this round is judged valid (as a
    verifier does before forwarding); `documents={}` sends no verdict at all."""
    if lock_version is None or documents is None:
        response = api_get(client, f"/api/v1/permohonan/{uid}", token)
        seen = response.get_json() if response.status_code == 200 else {}
        if lock_version is None:
            lock_version = seen.get("lock_version", 0)
        if documents is None:  # the documents nobody has judged yet in this round
            documents = {d["requirement_key"]: {"valid": True}
                         for d in seen.get("documents", []) if d.get("check") is None}
    return client.post(f"/api/v1/permohonan/{uid}/tindakan", headers=bearer(token), json={
        "action": action, "note": note, "documents": documents,
        "lock_version": lock_version})
