"""schemathesis against the OpenAPI document the app serves: every operation, with generated
parameters and bodies, answers without a server error and as documented (status code,
content type, response schema).

The schema is loaded from the running app over WSGI (/api/v1/_openapi), with a published
sample catalogue, an applicant with two submitted applications and a Verifikator. Each
operation runs with the token it is meant for, with generated and with real path parameters,
and once more with the other kind of token (refusals must conform too). Deterministic
(derandomize) and small (max_examples) so CI stays fast.
"""

from __future__ import annotations

import contextvars

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.api_helpers import bearer, token_for
from tests.helpers import make_applicant, make_staff, make_submitted, publish_catalogue

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance]
MAX_EXAMPLES = 25
PUBLIC, APPLICANT, STAFF, ANY = "public", "applicant", "staff", "any"


def audience(path: str) -> str:
    if path.startswith("/api/v1/katalog"):
        return PUBLIC
    if path.startswith("/api/v1/saya"):
        return APPLICANT
    if path.startswith("/api/v1/akun"):
        return ANY
    return STAFF


def isolated(app):
    """Each request in its own empty context, as in a server process (see IsolatedClient)."""

    def wsgi(environ, start_response):
        return contextvars.Context().run(app, environ, start_response)

    return wsgi


@pytest.fixture
def seeded(app):
    publish_catalogue(app)
    person, _ = make_applicant(app)
    applications = [make_submitted(app, person, code)
                    for code in ("SIP-DOKTER", "IZIN-PENELITIAN")]
    staff = make_staff(app, "Verifikator", "DPMPTSP")
    return {APPLICANT: token_for(person), STAFF: token_for(staff),
            "uid": applications[0].uid, "code": "SIP-DOKTER"}


def run(operation, headers: dict, path_parameters: dict | None, examples: int) -> int:
    calls = []

    @given(case=operation.as_strategy(path_parameters=path_parameters or None))
    @settings(max_examples=examples, derandomize=True, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    def check(case):
        calls.append(case.call_and_validate(headers=headers, checks=CHECKS).status_code)

    check()
    return len(calls)


def test_every_operation_conforms_and_never_fails_with_5xx(app, seeded):
    schema = schemathesis.openapi.from_wsgi("/api/v1/_openapi", isolated(app))
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 11
    total = 0
    for operation in operations:
        who = audience(operation.path)
        real = {k: seeded[k] for k in ("uid", "code") if f"{{{k}}}" in operation.path}
        tokens = {PUBLIC: [None], APPLICANT: [APPLICANT], STAFF: [STAFF],
                  ANY: [APPLICANT, STAFF]}[who]
        for token in tokens:
            headers = bearer(seeded[token]) if token else {}
            total += run(operation, headers, None, MAX_EXAMPLES)
            if real:
                total += run(operation, headers, real, MAX_EXAMPLES)
        if who in (APPLICANT, STAFF):  # the other kind of token is refused, as documented
            other = STAFF if who == APPLICANT else APPLICANT
            total += run(operation, bearer(seeded[other]), real, 5)
    assert total > 200  # the run really exercised the API
