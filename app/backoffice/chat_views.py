"""The helpdesk's chat screen (SCREEN_HELPDESK): waiting conversations, the staff member's own
(several at once, each with its unread count), taking, transferring and closing; and the
helpdesk's data (canned replies, office hours, the automatic reply) as console tables.

Any helpdesk staff member may read a conversation; writing in one a colleague holds needs
taking it over first, so two people never answer at once unknowingly.
"""

from __future__ import annotations

from flask import abort, current_app, flash, jsonify, redirect, request, url_for
from flask_admin import BaseView, expose
from flask_admin.contrib.sqla import ModelView
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ..account.forms import EmptyForm
from ..chat import payload
from ..complaints import categories as complaint_categories
from ..complaints import service as complaint_service
from ..complaints.status import Who
from ..models.chat import STAFF, WAITING
from ..security.roles import PERMISSION, SCREEN_COMPLAINTS, SCREEN_HELPDESK
from ..services import chat, chat_desk, chat_hours, chat_transcript
from ..services.errors import DomainError
from ..templating import pesan
from .access import StaffAccessMixin


class HelpdeskChatView(StaffAccessMixin, BaseView):
    screen = SCREEN_HELPDESK

    def _load(self, conversation_id: str):
        """Any conversation by its number (the screen's permission decides who), else 404."""
        try:
            return chat.get(int(conversation_id))
        except (ValueError, chat.NotFound):
            abort(404)

    @expose("/")
    def index(self):
        mine = chat_desk.mine(current_user.id)
        others = chat_desk.colleagues_busy(current_user.id)
        waiting = chat_desk.waiting()
        search = (request.args.get("cari") or "").strip()[:100]
        return self.render("admin/chat/index.html", waiting=waiting, mine=mine, others=others,
                           unread=chat_desk.unread_for_staff(mine + waiting + others),
                           name=chat_desk.display_name, office_open=chat_hours.is_open(),
                           waited=chat_desk.waited_minutes, search=search,
                           closed=chat_desk.closed(search))

    @expose("/<conversation_id>")
    def conversation(self, conversation_id: str):
        conversation = self._load(conversation_id)
        mine = chat_desk.mine(current_user.id)
        return self.render(
            "admin/chat/conversation.html", conversation=conversation, mine=mine,
            unread=chat_desk.unread_for_staff(mine), name=chat_desk.display_name,
            colleagues=[u for u in chat_desk.helpdesk_staff() if u.id != current_user.id],
            canned=chat_hours.canned_replies(), form=EmptyForm(),
            long_poll=payload.uses_long_poll(), urls=self._panel_urls(conversation_id),
            holds=conversation.assignee_id == current_user.id,
            complaint_categories=self._complaint_categories())

    def _complaint_categories(self) -> list:
        """The categories offered for "jadikan pengaduan", only to staff who may open the
        complaint desk (the route checks the same)."""
        if not current_app.appbuilder.sm.has_access(PERMISSION, SCREEN_COMPLAINTS):
            return []
        return [(c.code, complaint_categories.name_of(c)) for c in complaint_categories.active()]

    def _panel_urls(self, conversation_id: str) -> dict:
        return {name: url_for(f".{name}", conversation_id=conversation_id)
                for name in ("messages", "send", "read")}

    @expose("/<conversation_id>/pesan")
    def messages(self, conversation_id: str):
        conversation = self._load(conversation_id)
        return payload.updates_response(
            conversation, lambda uid: url_for(".attachment", conversation_id=conversation_id,
                                              uid=uid), staff_view=True)

    @expose("/<conversation_id>/kirim", methods=["POST"])
    def send(self, conversation_id: str):
        conversation = self._load(conversation_id)
        holder = conversation.assignee_id
        if holder is not None and holder != current_user.id:
            return jsonify(error=_("Percakapan ini ditangani petugas lain; ambil alih dulu.")), 409
        try:
            if holder is None:
                chat_desk.take(conversation, current_user)
            message = chat.post(conversation, STAFF, current_user.id,
                                request.form.get("body", ""), payload.upload_of())
        except DomainError as exc:
            return jsonify(error=pesan(exc.message)), 400  # in the reader's language
        return jsonify(id=message.id), 201

    @expose("/<conversation_id>/dibaca", methods=["POST"])
    def read(self, conversation_id: str):
        conversation = self._load(conversation_id)
        if conversation.assignee_id == current_user.id:  # a colleague peeking is not a reading
            chat.mark_read(conversation, STAFF, request.form.get("upto", 0, type=int))
        return jsonify(ok=True)

    @expose("/<conversation_id>/lampiran/<uid>")
    def attachment(self, conversation_id: int, uid: str):
        return payload.attachment_response(self._load(conversation_id), uid)

    @expose("/<conversation_id>/transkrip.pdf", methods=["POST"])
    def transcript(self, conversation_id: str):
        """Any helpdesk member may keep a conversation they may read (the screen's permission
        decides who); each download is in the audit log, so it is posted with the form's token
        (a plain link could be followed from another site and write false entries)."""
        conversation = self._load(conversation_id)
        return payload.transcript_response(chat_transcript.for_staff(conversation))

    @expose("/<conversation_id>/ambil", methods=["POST"])
    def take(self, conversation_id: str):
        seen = request.form.get("dari")  # who held it on the page clicked on ("" nobody)
        holder = chat_desk.ANYONE if seen is None else (int(seen) if seen.isdigit() else None)
        return self._act(conversation_id, lambda c: chat_desk.take(c, current_user, holder),
                         _("Percakapan sudah Anda ambil."))

    @expose("/<conversation_id>/alihkan", methods=["POST"])
    def transfer(self, conversation_id: str):
        target = request.form.get("to", 0, type=int)
        return self._act(conversation_id,
                         lambda c: chat_desk.transfer(c, current_user, target),
                         _("Percakapan dialihkan."), back_to_list=True)

    @expose("/<conversation_id>/tutup", methods=["POST"])
    def close(self, conversation_id: str):
        return self._act(conversation_id, lambda c: chat_desk.close(c, by_staff=True),
                         _("Percakapan ditutup."), back_to_list=True)

    @expose("/<conversation_id>/pengaduan", methods=["POST"])
    def to_complaint(self, conversation_id: str):
        """Turns the conversation into a complaint (the complaint desk's rules) and opens it
        in the complaint desk; the person in the chat is told the ticket code."""
        conversation = self._load(conversation_id)
        if not EmptyForm().validate_on_submit():
            abort(400)
        if not current_app.appbuilder.sm.has_access(PERMISSION, SCREEN_COMPLAINTS):
            abort(403)
        try:
            complaint = complaint_service.file_from_chat(
                chat_desk.complaint_draft(conversation), request.form.get("category", ""),
                Who.of(current_user, staff=True))
            chat_desk.tell_ticket(conversation, complaint.ticket)
        except DomainError as exc:
            flash(exc.message, "danger")
            return redirect(url_for(".conversation", conversation_id=conversation_id))
        flash(_("Pengaduan %(ticket)s dibuat dari percakapan ini.", ticket=complaint.ticket),
              "success")
        return redirect(url_for("pengaduan.detail", ticket=complaint.ticket))

    def _act(self, conversation_id: str, action, done: str, back_to_list: bool = False):
        conversation = self._load(conversation_id)
        if not EmptyForm().validate_on_submit():
            abort(400)
        try:
            action(conversation)
        except DomainError as exc:
            flash(exc.message, "danger")
            back_to_list = False
        else:
            flash(done, "success")
        if back_to_list:
            return redirect(url_for(".index"))
        return redirect(url_for(".conversation", conversation_id=conversation_id))


class _HelpdeskData(StaffAccessMixin, ModelView):
    screen = SCREEN_HELPDESK
    list_template = "admin/model/bs5_list.html"
    page_size = 50


class CannedReplyView(_HelpdeskData):
    column_list = ("title", "body", "active")
    column_labels = {"title": _l("Judul"), "body": _l("Isi balasan"), "active": _l("Aktif")}
    column_searchable_list = ("title", "body")
    form_columns = ("title", "body", "active")


DAY_NAMES = (_l("Senin"), _l("Selasa"), _l("Rabu"), _l("Kamis"), _l("Jumat"), _l("Sabtu"),
             _l("Minggu"))


class OfficeHoursView(_HelpdeskData):
    """Weekday 0 = Senin ... 6 = Minggu; several rows a day give several periods."""

    column_list = ("weekday", "opens", "closes")
    column_labels = {"weekday": _l("Hari"), "opens": _l("Jam buka"), "closes": _l("Jam tutup")}
    column_default_sort = "weekday"
    column_formatters = {"weekday": lambda v, c, m, p: DAY_NAMES[m.weekday]}
    form_columns = ("weekday", "opens", "closes")
    form_choices = {"weekday": [(str(i), n) for i, n in enumerate(DAY_NAMES)]}
    form_args = {"weekday": {"coerce": int}}


class ChatSettingView(_HelpdeskData):
    can_create = False
    can_delete = False
    column_list = ("key", "value")
    column_labels = {"key": _l("Pengaturan"), "value": _l("Isi")}
    form_columns = ("value",)
    form_widget_args = {"value": {"rows": 5}}


__all__ = ["WAITING", "CannedReplyView", "ChatSettingView", "HelpdeskChatView",
           "OfficeHoursView"]
