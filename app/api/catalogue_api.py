"""The published catalogue, public (no token): version, permit types, one permit with its
requirements, form and routing, agencies and routings. Always the current version."""

from __future__ import annotations

from flask import request
from flask_appbuilder.api import expose

from ..services import catalogue_public as public
from ..services import catalogue_store as store
from ..services.pagination import paginate_list
from . import filters, present, schemas
from .base import EptspApi, Refused, error_response

NO_CATALOGUE = "Katalog perizinan belum diterbitkan."
AGENCIES_URL = "/api/v1/katalog/instansi"


def _current():
    """The current published version and its catalogue; 404 while none is published."""
    version, cat = store.published()
    if version is None:
        raise Refused(404, NO_CATALOGUE)
    return version, cat


class CatalogueApi(EptspApi):
    resource_name = "katalog"
    openapi_spec_tag = "Katalog"

    @expose("", methods=["GET"])
    def info(self):
        """The current published catalogue version.
        ---
        get:
          summary: Versi katalog yang berlaku
          description: Nomor dan tanggal terbit versi katalog yang berlaku, dengan jumlah isinya.
          responses:
            200:
              description: Versi yang berlaku
              content:
                application/json:
                  schema:
                    $ref: '#/components/schemas/CatalogueInfo'
            404:
              $ref: '#/components/responses/404'
        """
        version, cat = _current()
        return self.ok(schemas.CatalogueInfoSchema().dump(
            present.catalogue_info(version, cat)))

    @expose("/izin", methods=["GET"])
    def permits(self):
        """Permit types of the current version, searchable and paged.
        ---
        get:
          summary: Daftar jenis izin
          description: >-
            Jenis izin pada katalog yang berlaku. `q` mencari pada kode, nama, deskripsi,
            instansi dan bidang; `instansi` dan `bidang` menyaring menurut kode. Kode yang
            tidak ada pada katalog dijawab 400 dengan `errors.instansi` atau `errors.bidang`
            yang menyebut kode yang dikenal (kode instansi: `/api/v1/katalog/instansi`).
          parameters:
          - {in: query, name: q, schema: {type: string, maxLength: 100}}
          - {in: query, name: instansi, schema: {type: string, maxLength: 32}}
          - {in: query, name: bidang, schema: {type: string, maxLength: 32}}
          - page  # components.parameters (docs_api.PAGE_PARAMETERS)
          - per_page
          responses:
            200:
              description: Satu halaman jenis izin
              content:
                application/json:
                  schema:
                    $ref: '#/components/schemas/PermitList'
            400:
              $ref: '#/components/responses/400'
            404:
              $ref: '#/components/responses/404'
        """
        args = schemas.PermitListArgsSchema().load(request.args)
        version, cat = _current()
        agency = filters.known("instansi", args["instansi"].strip().upper(),
                               (a["code"] for a in cat.agencies), "Kode instansi", AGENCIES_URL)
        sector = filters.known("bidang", args["bidang"].strip().upper(),
                               (s["code"] for s in cat.sectors), "Kode bidang")
        found = public.listing(cat, args["q"], agency, sector)
        page = paginate_list(found, args["page"], args["per_page"])
        return self.ok(schemas.PermitListSchema().dump({
            "version": version.number,
            **present.page_of(page, lambda permit: present.permit_summary(cat, permit))}))

    @expose("/izin/<code>", methods=["GET"])
    def permit(self, code: str):
        """One permit type with its requirements, form and routing.
        ---
        get:
          summary: Satu jenis izin
          description: >-
            Persyaratan per jenis permohonan, definisi formulir data detail, alur proses,
            lama proses, retribusi dan masa berlaku.
          parameters:
          - in: path
            name: code
            required: true
            schema: {type: string, maxLength: 64}
          responses:
            200:
              description: Jenis izin
              content:
                application/json:
                  schema:
                    $ref: '#/components/schemas/PermitDetail'
            404:
              $ref: '#/components/responses/404'
        """
        version, cat = _current()
        permit = cat.permit(code.strip().upper())
        if permit is None:
            return error_response(404, "Jenis izin tidak ditemukan pada katalog yang berlaku.")
        return self.ok(schemas.PermitDetailSchema().dump(
            present.permit_detail(version, cat, permit)))

    @expose("/instansi", methods=["GET"])
    def agencies(self):
        """Agencies (DPMPTSP and the technical Dinas/Badan).
        ---
        get:
          summary: Daftar instansi
          responses:
            200:
              description: Instansi pada katalog yang berlaku
              content:
                application/json:
                  schema:
                    $ref: '#/components/schemas/AgencyList'
            404:
              $ref: '#/components/responses/404'
        """
        version, cat = _current()
        return self.ok(schemas.AgencyListSchema().dump({
            "version": version.number,
            "result": [present.agency(cat, a) for a in cat.agencies]}))

    @expose("/alur", methods=["GET"])
    def routings(self):
        """Routings: the steps an application goes through, who acts and what may follow.
        ---
        get:
          summary: Daftar alur proses
          responses:
            200:
              description: Alur pada katalog yang berlaku
              content:
                application/json:
                  schema:
                    $ref: '#/components/schemas/RoutingList'
            404:
              $ref: '#/components/responses/404'
        """
        version, cat = _current()
        return self.ok(schemas.RoutingListSchema().dump({
            "version": version.number,
            "result": [present.routing(cat, r) for r in cat.routings]}))
