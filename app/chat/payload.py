"""What the chat pages' script receives, the same for the applicant, the visitor and the
helpdesk: messages as JSON, the read marks, and attachments sent as downloads."""

from __future__ import annotations

from collections.abc import Callable

from flask import Response, current_app, jsonify, request
from flask_babel import format_datetime

from .. import i18n
from ..models import ChatConversation, ChatMessage
from ..privacy.masking import scrub
from ..security import headers
from ..services import chat, chat_delivery, chat_notes, chat_transcript, files
from ..services.chat_desk import display_name
from ..web import or_404


def message_json(message: ChatMessage, attachment_url: Callable[[str], str],
                 staff_view: bool) -> dict:
    """One message; the helpdesk's name shows to the helpdesk only (its role otherwise). A
    NIK or NPWP typed into the chat is masked for the helpdesk, as in a complaint (the one
    masker); the person who typed it reads their own text as written. A system note is
    written in the reader's language (chat_notes)."""
    author = display_name(message.author) if staff_view and message.author else None
    body = chat_notes.text(message, i18n.locale(), staff_view=staff_view)  # reader's language
    body = scrub(body) if staff_view else body
    item = {"id": message.id, "sender": message.sender, "body": body,
            "author": author, "time": format_datetime(message.created_at, "HH:mm"),
            "date": format_datetime(message.created_at, "d MMM yyyy")}
    if message.attachment_uid:
        item["attachment"] = {"name": message.attachment_name,
                              "size": files.human_size(message.attachment_size, i18n.locale()),
                              "url": attachment_url(message.attachment_uid)}
    return item


def updates_response(conversation: ChatConversation, attachment_url: Callable[[str], str],
                     staff_view: bool) -> Response:
    """The poll: `?after=<last id>`; `&wait=1` long-polls when Redis carries notices.
    `&marks=` is what the page last saw of the read marks/status, so a change answers."""
    after = request.args.get("after", 0, type=int)
    wait = current_app.config["CHAT_LONGPOLL_SECONDS"] if request.args.get("wait") else 0
    marks = request.args.get("marks") or None
    found = chat.updates(conversation.id, after, marks, wait)
    conv = found.conversation
    return jsonify(
        messages=[message_json(m, attachment_url, staff_view) for m in found.messages],
        applicant_read=conv.applicant_read_id, staff_read=conv.staff_read_id,
        status=conv.status, marks=chat.marks_of(conv))


def uses_long_poll() -> bool:
    """Whether pages should long-poll: Redis carries notices and waiting is not switched off
    (CHAT_LONGPOLL_SECONDS=0, e.g. on sync workers); otherwise they poll every second."""
    return chat_delivery.available() and current_app.config["CHAT_LONGPOLL_SECONDS"] > 0


def attachment_response(conversation: ChatConversation, uid: str) -> Response:
    message = or_404(chat.attachment, conversation, uid)
    body = or_404(chat.attachment_content, message)
    return Response(body, mimetype=files.FILE_KINDS[message.attachment_ext][0], headers={
        "Content-Disposition": files.content_disposition(message.attachment_name,
                                                         inline=False),
        "Content-Length": str(message.attachment_size),
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "private, no-store"})


def transcript_response(transcript: chat_transcript.Transcript) -> Response:
    """The transcript PDF as a download (the staff console and the applicant's page alike);
    personal data, so never kept in a cache."""
    body = chat_transcript.pdf(transcript)
    return headers.sandbox(Response(body, mimetype="application/pdf", headers={
        "Content-Disposition": files.content_disposition(transcript.filename, inline=False),
        "Cache-Control": "private, no-store"}))


def upload_of(field: str = "file") -> files.Upload | None:
    storage_file = request.files.get(field)
    if storage_file is None or not storage_file.filename:
        return None
    return files.Upload(storage_file.stream, storage_file.filename)
