"""Staff (token of a member with the "Antrian" screen): Antrian Saya, one application they may
see with the actions the routing allows them now, and acting on it through review.act — the
same service, rules and Indonesian messages as the verifier grid."""

from __future__ import annotations

from flask import g, request
from flask_appbuilder.api import expose
from marshmallow import ValidationError

from .. import casework
from ..casework import my_tasks
from ..casework.outcome import outcome_message
from ..models import applications as states
from ..services import review
from ..services.errors import MSG_APPLICATION_NOT_FOUND
from . import present, schemas
from .auth import STAFF, token_required
from .base import EptspApi, Refused, error_response, json_body

NOT_FOUND = MSG_APPLICATION_NOT_FOUND
MSG_AVAILABLE = "Tindakan yang dapat Anda lakukan sekarang: {actions}."
MSG_NONE_AVAILABLE = "Tidak ada tindakan yang dapat Anda lakukan pada tahap ini."
MSG_FUTURE_VERSION = ("Lebih besar dari versi permohonan saat ini; pakai lock_version dari "
                      "detail permohonan.")


def _visible(uid: str):
    """The token owner as an actor and the application they may see; 404 for one they may
    not see, so that another Dinas's application is indistinguishable from a missing one."""
    actor = casework.actor_for(g.api_user)
    application = my_tasks.visible(uid, actor)
    if application is None:
        raise Refused(404, NOT_FOUND)
    return actor, application


def _unusable(application, actor, data: dict):
    """The 400 for a request the service would refuse without saying which field is wrong
    (an integrator reads `errors`): an action not among the `options` the detail lists, with
    the ones that are (the service's refusal stays the message; an application out of process
    is the service's to explain), and a lock_version never
    issued (the service would call it a 409, someone else's change). None when usable; a
    stale lock_version is the service's 409, checked before the action (its step moved)."""
    if data["lock_version"] > application.lock_version:
        raise ValidationError({"lock_version": [MSG_FUTURE_VERSION]})  # base.validation_error
    allowed = list(dict.fromkeys(o.action for o in casework.options(application, actor)))
    if data["lock_version"] != application.lock_version or data["action"] in allowed \
            or application.status != states.IN_PROCESS:  # the service says why (its status)
        return None
    available = MSG_AVAILABLE.format(actions=", ".join(allowed)) if allowed \
        else MSG_NONE_AVAILABLE
    refused = review.MSG_ACTION_REFUSED.format(action=data["action"])
    return error_response(400, refused, errors={"action": [refused, available]})


class StaffApi(EptspApi):
    route_base = "/api/v1"
    openapi_spec_tag = "Petugas"

    @expose("/antrian", methods=["GET"])
    @token_required(STAFF)
    def queue(self):
        """Antrian Saya: open tasks for the token owner's roles in their agency.
        ---
        get:
          summary: Antrian Saya
          description: >-
            Permohonan yang menunggu tindakan salah satu peran Anda di instansi Anda,
            tenggat tahap paling awal lebih dulu.
          parameters:
          - page  # components.parameters (docs_api.PAGE_PARAMETERS)
          - per_page
          responses:
            200:
              description: Satu halaman antrian
              content:
                application/json:
                  schema:
                    $ref: '#/components/schemas/Queue'
            400:
              $ref: '#/components/responses/400'
            401:
              $ref: '#/components/responses/401'
            403:
              $ref: '#/components/responses/403'
            429:
              $ref: '#/components/responses/429'
        """
        args = schemas.PageArgsSchema().load(request.args)
        page = my_tasks.my_queue(casework.actor_for(g.api_user), args["page"], args["per_page"])
        return self.ok(schemas.QueueSchema().dump(present.page_of(page, present.queue_item)))

    @expose("/permohonan/<uid>", methods=["GET"])
    @token_required(STAFF)
    def application(self, uid: str):
        """One application, with the actions allowed to the token owner now.
        ---
        get:
          summary: Detail permohonan (petugas)
          description: >-
            Data permohonan, dokumen dengan penilaiannya, jejak audit, `lock_version` dan
            `options` (tindakan yang boleh Anda lakukan sekarang). Permohonan yang tidak
            boleh Anda lihat (mis. milik Dinas lain) menjawab 404.
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
                    $ref: '#/components/schemas/StaffApplication'
            401:
              $ref: '#/components/responses/401'
            403:
              $ref: '#/components/responses/403'
            404:
              $ref: '#/components/responses/404'
            429:
              $ref: '#/components/responses/429'
        """
        actor, application = _visible(uid)
        return self.ok(schemas.StaffApplicationSchema().dump(
            present.staff_application(application, actor)))

    @expose("/permohonan/<uid>/tindakan", methods=["POST"])
    @token_required(STAFF)
    def act(self, uid: str):
        """Act on an application (forward, return for revision, reject, issue ...).
        ---
        post:
          summary: Tindakan atas permohonan
          description: >-
            Menjalankan satu tindakan dari `options` dengan `lock_version` yang Anda baca.
            Aturannya sama dengan layar verifikasi: revisi memerlukan catatan atau dokumen
            yang ditandai tidak sah, penolakan memerlukan alasan. Bila permohonan sudah
            diproses orang lain sejak Anda membacanya, jawabannya 409 dan tidak ada yang
            berubah. Tindakan yang tidak ada pada `options` dijawab 400 dengan
            `errors.action` yang menyebut tindakan yang tersedia; `lock_version` yang lebih
            besar dari versi permohonan dijawab 400 dengan `errors.lock_version`.
          parameters:
          - in: path
            name: uid
            required: true
            schema: {type: string, maxLength: 64}
          requestBody:
            required: true
            content:
              application/json:
                schema:
                  $ref: '#/components/schemas/ActionRequest'
          responses:
            200:
              description: Tindakan tersimpan
              content:
                application/json:
                  schema:
                    $ref: '#/components/schemas/ActionResult'
            400:
              $ref: '#/components/responses/400'
            401:
              $ref: '#/components/responses/401'
            403:
              $ref: '#/components/responses/403'
            404:
              $ref: '#/components/responses/404'
            409:
              $ref: '#/components/responses/409'
            415:
              $ref: '#/components/responses/415'
            429:
              $ref: '#/components/responses/429'
        """
        actor, application = _visible(uid)
        data = json_body(schemas.ActionRequestSchema())
        unusable = _unusable(application, actor, data)
        if unusable is not None:
            return unusable
        verdicts = {key: review.DocVerdict(v["valid"], v["note"])
                    for key, v in data["documents"].items()}
        done = review.act(application, actor, data["action"], note=data["note"],
                          verdicts=verdicts, seen_version=data["lock_version"])
        return self.ok(schemas.ActionResultSchema().dump({
            "message": outcome_message(done), "outcome": done.outcome,
            "application": present.staff_application(application, actor)}))
