"""The OpenAPI document of /api/v1, public, built from our API classes' YAML docstrings and
marshmallow schemas (Flask-AppBuilder's apispec machinery).

FAB's own `/api/<version>/_openapi` wants a FAB login with a permission and lists every
BaseApi, FAB's internal ones included; ours is public (the API's shape is no secret) and lists
only the E-PTSP API, with its bearer-token security scheme.
"""

from __future__ import annotations

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from flask import current_app, render_template_string, request, url_for
from flask_appbuilder.api import expose
from flask_appbuilder.api.manager import resolver

from .base import BEARER, EptspApi

DESCRIPTION = """REST API E-PTSP.

* **Katalog** (publik, tanpa token): versi katalog yang berlaku, jenis izin, persyaratan,
  formulir, instansi dan alur proses.
* **Pemohon** (token pemohon): Permohonan Saya dan satu permohonan dengan riwayatnya.
* **Petugas** (token petugas): Antrian Saya, detail permohonan dengan tindakan yang boleh
  dilakukan, dan tindakan itu sendiri.

Autentikasi: `Authorization: Bearer <token>`. Pemohon membuat token di menu Akun > Token API;
petugas memintanya kepada admin (`flask api-token create`). Cookie sesi tidak diterima.
Setiap kesalahan dijawab JSON `{"message": "..."}` dalam Bahasa Indonesia; kesalahan pada
isian atau parameter tertentu disebut di `errors.<nama>`. Penyaring daftar yang memakai kode
(`instansi`, `bidang`, `status`) menolak kode yang tidak dikenal dengan 400 dan menyebut kode
yang dikenal, bukan menjawab daftar kosong.

`OPTIONS` pada setiap alamat API dijawab 204 tanpa isi, dengan header `Allow` yang menyebut
metode yang diterima alamat itu. API ini tidak memakai CORS: panggil dari server, bukan dari
halaman situs lain."""


# the paging of every list, described once (its rule: services.pagination.clamp)
PAGE_PARAMETERS = {
    "page": {"schema": {"type": "integer", "minimum": 1, "maximum": 1000000},
             "description": "Nomor halaman, mulai dari 1. Halaman yang melewati akhir daftar "
                            "menjawab halaman terakhir: `page` pada jawaban adalah halaman "
                            "yang dijawab, `pages` jumlah halaman."},
    "per_page": {"schema": {"type": "integer", "minimum": 1, "maximum": 100},
                 "description": "Jumlah baris per halaman (1-100, bawaan 20)."},
}


def build_spec() -> APISpec:
    spec = APISpec(
        title=f"{current_app.config.get('APP_NAME', 'E-PTSP')} REST API", version="v1",
        openapi_version="3.0.3", info={"description": DESCRIPTION},
        plugins=[MarshmallowPlugin(schema_name_resolver=resolver)],
        servers=[{"url": request.host_url.rstrip("/")}],
    )
    spec.components.security_scheme(BEARER, {
        "type": "http", "scheme": "bearer",
        "description": "Token API pribadi (eptsp_...), dikirim sebagai Bearer token"})
    for name, parameter in PAGE_PARAMETERS.items():
        spec.components.parameter(name, "query", parameter)
    for view in current_app.appbuilder.baseviews:
        if isinstance(view, EptspApi) and view.in_openapi:
            view.add_api_spec(spec)
    return spec


DOCS_PAGE = """<!doctype html>
<html lang="id"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }}</title>
<link rel="stylesheet" href="{{ css_url }}">
</head><body><div id="swagger-ui"></div>
<script src="{{ js_url }}"></script>
<script>
SwaggerUIBundle({url: {{ spec_url|tojson }}, dom_id: "#swagger-ui",
                 presets: [SwaggerUIBundle.presets.apis], layout: "BaseLayout"});
</script></body></html>"""


class OpenApiDocs(EptspApi):
    route_base = "/api/v1"
    in_openapi = False

    @expose("/_openapi", methods=["GET"])
    def openapi(self):
        """The OpenAPI 3 document of this API.
        ---
        get:
          summary: Dokumen OpenAPI
          responses:
            200:
              description: OpenAPI 3
        """
        return self.ok(build_spec().to_dict())

    @expose("/docs", methods=["GET"])
    def docs(self):
        """The OpenAPI document in Swagger UI (FAB's bundled copy: nothing from a CDN).
        ---
        get:
          summary: Dokumentasi (Swagger UI)
          responses:
            200:
              description: Halaman HTML
        """
        html = render_template_string(
            DOCS_PAGE, title=f"{current_app.config.get('APP_NAME', 'E-PTSP')} REST API",
            spec_url=request.script_root + "/api/v1/_openapi",
            css_url=url_for("appbuilder.static", filename="css/swagger/swagger-ui.css"),
            js_url=url_for("appbuilder.static", filename="js/swagger-ui-bundle.js"))
        return html, 200, {"Content-Type": "text/html; charset=utf-8"}
