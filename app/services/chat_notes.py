"""A chat's system notes (a helpdesk member joined, a hand-over, a close, the complaint it
became): stored as what happened — a kind and its values, as JSON in the system message's
body (the row's `sender` SYSTEM says it is not a person's text) — and written in the reader's
language when shown (`text`), so an English visitor reads an English note whoever caused it.

Notes stored before were Indonesian sentences, and the automatic reply outside office hours
is an admin's own text: both are shown as stored.
"""

from __future__ import annotations

import json

from .. import i18n
from ..i18n import N_
from ..models import ChatMessage
from ..models.chat import SYSTEM

JOINED = "joined"
TRANSFERRED = "transferred"
CLOSED_BY_STAFF = "closed_by_staff"
CLOSED_BY_APPLICANT = "closed_by_applicant"
COMPLAINT_FILED = "complaint_filed"
# each kind's sentence, its values by name; marked for the translation catalogue
TEXTS = {
    JOINED: N_("{name} bergabung dalam percakapan."),
    TRANSFERRED: N_("Percakapan dialihkan oleh {by} kepada {to}."),
    CLOSED_BY_STAFF: N_("Percakapan ditutup oleh petugas."),
    CLOSED_BY_APPLICANT: N_("Percakapan ditutup oleh pemohon."),
    COMPLAINT_FILED: N_("Percakapan ini dicatat sebagai pengaduan dengan kode tiket {ticket}. "
                        "Dengan kode ini penyelesaiannya dapat diikuti di menu Pengaduan."),
}
# the same notes as the person reads them: the helpdesk's members are named to the helpdesk
# only, as on the chat page and in the transcript ("Petugas helpdesk" otherwise)
PERSON_TEXTS = {
    JOINED: N_("Petugas helpdesk bergabung dalam percakapan."),
    TRANSFERRED: N_("Percakapan dialihkan kepada petugas helpdesk lain."),
}
_KIND = "note"  # the body's key naming the kind


def note(conversation_id: int, kind: str, **values: str) -> ChatMessage:
    """The system message recording `kind` with its values (names as they were then)."""
    if kind not in TEXTS:
        raise ValueError(f"unknown chat note {kind!r}")
    return ChatMessage(conversation_id=conversation_id, sender=SYSTEM,
                       body=json.dumps({_KIND: kind, **values}, ensure_ascii=False))


def text(message: ChatMessage, lang: str, *, staff_view: bool) -> str:
    """What `message` says in `lang` to the helpdesk (`staff_view`) or to the person: a note
    written from its kind and values, without the staff names for the person; anything else
    (a person's message, a note stored as a sentence, the automatic reply) as stored."""
    found = _recorded(message)
    if found is None:
        return message.body
    kind, values = found
    source = TEXTS[kind] if staff_view else PERSON_TEXTS.get(kind, TEXTS[kind])
    for template in (i18n.translated(source, lang), source):
        try:
            return template.format(**values)
        except (KeyError, IndexError, ValueError):  # a value the stored note lacks
            continue
    return message.body


def _recorded(message: ChatMessage) -> tuple[str, dict[str, str]] | None:
    if message.sender != SYSTEM or not message.body.startswith("{"):
        return None
    try:
        found = json.loads(message.body)
    except ValueError:
        return None
    if not isinstance(found, dict) or found.get(_KIND) not in TEXTS:
        return None
    kind = found.pop(_KIND)
    return kind, {name: str(value) for name, value in found.items()}
