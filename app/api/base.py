"""The common base of our REST API classes (Flask-AppBuilder BaseApi): JSON errors in
Indonesian, no caching, CSRF exemption (token authentication, never cookies) and the OpenAPI
details every operation shares."""

from __future__ import annotations

import logging

from flask import Blueprint, current_app, jsonify, request
from flask_appbuilder.api import BaseApi
from marshmallow import ValidationError
from werkzeug.exceptions import HTTPException

from ..extensions import db
from ..services.errors import DomainError, NotFound
from . import schemas

log = logging.getLogger("eptsp.api")

MESSAGES = {
    400: "Permintaan tidak valid.",
    401: "Token API diperlukan: kirim header Authorization: Bearer <token>.",
    403: "Anda tidak berhak memakai layanan ini.",
    404: "Data tidak ditemukan.",
    405: "Metode ini tidak diizinkan untuk alamat ini.",
    409: "Permohonan ini sudah diproses oleh pengguna lain.",
    413: "Isi permintaan terlalu besar.",
    415: "Isi permintaan harus JSON (Content-Type: application/json).",
    422: "Data tidak dapat diproses.",
    429: "Terlalu banyak permintaan. Tunggu sebentar lalu coba lagi.",
    500: "Maaf, terjadi kesalahan pada sistem. Silakan coba beberapa saat lagi.",
}
ERROR_REF = {"$ref": "#/components/schemas/Error"}
DESCRIPTIONS = {
    400: "Permintaan tidak valid (pesan dan kesalahan per isian)",
    401: "Token tidak ada, salah, kedaluwarsa atau dicabut",
    403: "Token sah, tetapi tidak berhak atas layanan ini",
    404: "Tidak ditemukan (atau bukan hak Anda)",
    405: "Metode tidak diizinkan",
    409: "Permohonan sudah diproses orang lain sejak Anda membacanya",
    415: "Isi permintaan bukan JSON",
    429: "Terlalu banyak percobaan",
    500: "Kesalahan sistem",
}
RESPONSES = {str(code): {"description": text, "content": {"application/json": {
    "schema": ERROR_REF}}} for code, text in DESCRIPTIONS.items()}
BEARER = "bearerAuth"


def error_response(code: int, message: str | None = None, **extra):
    response = jsonify(message=message or MESSAGES.get(code, MESSAGES[500]), **extra)
    response.status_code = code
    response.headers["Cache-Control"] = "no-store"
    return response


def validation_error(exc: ValidationError):
    """Marshmallow's per-field messages under `errors`, one sentence under `message`."""
    errors = exc.messages if isinstance(exc.messages, dict) else {"_schema": exc.messages}
    return error_response(400, "Data yang dikirim tidak valid; periksa isian yang disebut.",
                          errors=errors)


def _http_error(exc: HTTPException):
    if exc.code is None or exc.code < 400:
        return exc
    response = error_response(exc.code)
    if exc.code == 405 and getattr(exc, "valid_methods", None):
        response.headers["Allow"] = ", ".join(sorted(exc.valid_methods))
    return response


def _domain_error(exc: DomainError):
    from ..services.transitions import AlreadyProcessed

    db.session.rollback()
    code = 409 if isinstance(exc, AlreadyProcessed) else 404 if isinstance(exc, NotFound) else 400
    extra = {"errors": {exc.field: [exc.message]}} if exc.field else {}
    return error_response(code, exc.message, **extra)


def _unexpected(exc: Exception):
    log.exception("API request failed: %s %s", request.method, request.path)
    db.session.rollback()
    return error_response(500)


def _no_store(response):
    response.headers["Cache-Control"] = "no-store"
    return response


class Refused(Exception):
    """A request this API answers with `status` and `message` (e.g. a body that is not a JSON
    object, or a thing that does not exist), raised from wherever a view's helper decides it;
    `errors` names the fields at fault, as a refused schema does."""

    def __init__(self, status: int, message: str | None = None,
                 errors: dict[str, list[str]] | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.errors = errors


def _refused(exc: Refused):
    return error_response(exc.status, exc.message,
                          **({"errors": exc.errors} if exc.errors else {}))


JSON_MAX_BYTES = 256 * 1024


def json_body(schema) -> dict:
    """A JSON object request body loaded through its schema (which raises on bad fields)."""
    if not request.is_json:
        raise Refused(415)
    # the app-wide limit is sized for uploads; a JSON body is read whole into memory, and no
    # request of this API needs more than a few kilobytes (a note is at most 2,000 characters)
    limit = current_app.config.get("MAX_CONTENT_LENGTH")
    request.max_content_length = min(limit or JSON_MAX_BYTES, JSON_MAX_BYTES)  # beyond: 413
    payload = request.get_json(silent=True)
    if not isinstance(payload, dict):
        raise Refused(400, "Isi permintaan harus berupa objek JSON.")
    return schema.load(payload)


def install_error_handlers(blueprint: Blueprint) -> None:
    """Every failure on an API route answers JSON: HTTP errors, domain refusals, bugs.

    Flask prefers a handler for the exact status code, even an app-wide one, over a handler
    for an exception class; the web's HTML pages are registered per code, so ours are too."""
    for code in MESSAGES:
        blueprint.register_error_handler(code, _http_error)
    blueprint.register_error_handler(HTTPException, _http_error)
    blueprint.register_error_handler(Refused, _refused)
    blueprint.register_error_handler(ValidationError, validation_error)
    blueprint.register_error_handler(DomainError, _domain_error)
    blueprint.register_error_handler(Exception, _unexpected)
    blueprint.after_request(_no_store)


def routing_error():
    """App-wide before_request: an unknown /api/ URL or a wrong method never reaches a view
    (nor a blueprint's handlers), so answer it in JSON here instead of the HTML error page."""
    exc = request.routing_exception
    if exc is None or not request.path.startswith("/api/"):
        return None
    code = getattr(exc, "code", None) or 404
    if code < 400:  # a redirect to the canonical URL (trailing slash) is fine
        return None
    return _http_error(exc)


def options_answer():
    """App-wide before_request: OPTIONS on an /api/ URL answers as the API, not with Flask's
    automatic empty HTML page: 204, the methods of the URL in `Allow` (Flask's own list, so
    it never disagrees with the 405 answer), no body, never cached. There is no CORS: the API
    is called from servers with a token, not from other sites' pages, so no preflight
    headers are added. An unknown URL stays routing_error's JSON 404."""
    if request.method != "OPTIONS" or request.routing_exception is not None \
            or not request.path.startswith("/api/"):
        return None
    response = current_app.response_class(status=204)
    del response.headers["Content-Type"]  # no body, so no type (and not an HTML page)
    response.headers["Allow"] = current_app.make_default_options_response().headers["Allow"]
    return _no_store(response)


class EptspApi(BaseApi):
    """Our API classes: version v1, token authentication (never cookies), JSON errors."""

    version = "v1"
    csrf_exempt = True
    allow_browser_login = False
    in_openapi = True
    responses = RESPONSES
    openapi_spec_component_schemas = schemas.COMPONENTS

    def create_blueprint(self, appbuilder, endpoint=None, static_folder=None):
        blueprint = super().create_blueprint(appbuilder, endpoint, static_folder)
        install_error_handlers(blueprint)
        return blueprint

    @staticmethod
    def ok(payload: dict, code: int = 200):
        """A JSON answer (FAB's `response(code, **kwargs)` breaks on a key named "code")."""
        response = jsonify(payload)
        response.status_code = code
        return response

    # FAB's helpers answer with these; ours speak Indonesian
    def response_400(self, message: str | None = None):
        if not message or message.startswith("400 Bad Request"):
            message = MESSAGES[400]
        return error_response(400, message)

    def response_401(self):
        return error_response(401)

    def response_403(self):
        return error_response(403)

    def response_404(self):
        return error_response(404)

    def response_422(self, message: str | None = None):
        return error_response(422, message)

    def response_500(self, message: str | None = None):
        db.session.rollback()
        return error_response(500)  # never a stack trace, whatever FAB_API_SHOW_STACKTRACE says

    def operation_helper(self, path=None, operations=None, methods=None, func=None, **kwargs):
        super().operation_helper(path=path, operations=operations, methods=methods, func=func,
                                 **kwargs)
        if getattr(func, "_token_kind", None):
            for method in methods:
                operations[method.lower()]["security"] = [{BEARER: []}]

