"""An applicant's own applications (token of a Pemohon): the list with status, step and
estimated completion, and one application with its tracking timeline. Someone else's
application answers 404, exactly like one that does not exist."""

from __future__ import annotations

from flask import g, request
from flask_appbuilder.api import expose

from ..models import applications as states
from ..services import applications as apps
from ..services.errors import MSG_APPLICATION_NOT_FOUND
from ..services.pagination import paginate
from . import filters, present, schemas
from .auth import ANY, APPLICANT, token_required
from .base import EptspApi, error_response


class AccountApi(EptspApi):
    resource_name = "akun"
    openapi_spec_tag = "Akun"

    @expose("", methods=["GET"])
    @token_required(ANY)
    def me(self):
        """Who the token acts as.
        ---
        get:
          summary: Pemilik token
          description: Pemohon atau petugas yang diwakili token, dengan peran dan instansinya.
          responses:
            200:
              description: Pemilik token
              content:
                application/json:
                  schema:
                    $ref: '#/components/schemas/Account'
            401:
              $ref: '#/components/responses/401'
            429:
              $ref: '#/components/responses/429'
        """
        from ..casework import actor_for
        from ..services.users import profile_of

        user = g.api_user
        profile = profile_of(user)
        actor = actor_for(user)
        return self.ok(schemas.AccountSchema().dump({
            "kind": "pemohon" if profile else "petugas",
            "name": profile.display_name if profile else actor.name, "email": user.email,
            "roles": list(actor.roles), "agency": None if profile else actor.agency}))


class ApplicantApi(EptspApi):
    resource_name = "saya"
    openapi_spec_tag = "Pemohon"

    @expose("/permohonan", methods=["GET"])
    @token_required(APPLICANT)
    def applications(self):
        """The applicant's submitted applications, newest first.
        ---
        get:
          summary: Permohonan Saya
          description: >-
            Permohonan yang sudah dikirim (tanpa draf). `q` mencari nomor resi, nomor
            registrasi atau nama izin; `status` menyaring menurut status (status lain
            dijawab 400 dengan `errors.status` yang menyebut status yang dikenal).
          parameters:
          - {in: query, name: q, schema: {type: string, maxLength: 100}}
          - in: query
            name: status
            schema:
              type: string
              enum: ['', in_process, revision, rejected, issued, cancelled, expired]
          - page  # components.parameters (docs_api.PAGE_PARAMETERS)
          - per_page
          responses:
            200:
              description: Satu halaman permohonan
              content:
                application/json:
                  schema:
                    $ref: '#/components/schemas/ApplicationList'
            400:
              $ref: '#/components/responses/400'
            401:
              $ref: '#/components/responses/401'
            403:
              $ref: '#/components/responses/403'
            429:
              $ref: '#/components/responses/429'
        """
        args = schemas.ApplicationListArgsSchema().load(request.args)
        status = filters.known("status", args["status"], schemas.SEARCHABLE_STATUSES, "Status")
        statuses = (status,) if status else None
        page = paginate(apps.search_own(g.api_user.id, args["q"].strip(), statuses=statuses),
                        args["page"], args["per_page"])
        return self.ok(schemas.ApplicationListSchema().dump(
            present.page_of(page, present.application_summary)))

    @expose("/permohonan/<uid>", methods=["GET"])
    @token_required(APPLICANT)
    def application(self, uid: str):
        """One own application with its timeline.
        ---
        get:
          summary: Satu permohonan saya
          description: >-
            Status, tahap, perkiraan selesai, riwayat (tanpa nama petugas), tahapan alur dan
            izin yang terbit. Permohonan milik orang lain menjawab 404.
          parameters:
          - in: path
            name: uid
            required: true
            schema: {type: string, maxLength: 64}
          responses:
            200:
              description: Permohonan
              content:
                application/json:
                  schema:
                    $ref: '#/components/schemas/ApplicantApplication'
            401:
              $ref: '#/components/responses/401'
            403:
              $ref: '#/components/responses/403'
            404:
              $ref: '#/components/responses/404'
            429:
              $ref: '#/components/responses/429'
        """
        application = apps.own(g.api_user.id, uid)  # another's: 404, like a missing one
        if application.status == states.DRAFT:  # drafts belong to the wizard
            return error_response(404, MSG_APPLICATION_NOT_FOUND)
        return self.ok(schemas.ApplicantApplicationSchema().dump(
            present.applicant_application(application)))
