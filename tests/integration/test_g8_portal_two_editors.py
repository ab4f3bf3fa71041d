"""Two staff members edit the same FAQ entry at once: the one who saves second, from a page
opened before the first save, is told and keeps what they typed; nothing of the first
editor's answer is overwritten. Saving again after reading the preview is deliberate."""

from __future__ import annotations

import re

from app.extensions import db
from app.models import FaqEntry
from tests.backoffice_helpers import page_text, staff_client
from tests.helpers import csrf_from

FIELDS = {"topic_id": "Pembayaran", "question_id": "Bagaimana membayar retribusi?",
          "answer_id": "Melalui bank daerah.", "active": "y"}


def _open(client, url: str) -> dict:
    page = client.get(url).get_data(as_text=True)
    return {"csrf_token": csrf_from(page),
            "versi": re.search(r'name="versi" type="hidden" value="([^"]*)"', page).group(1)}


def test_the_second_editor_of_one_faq_entry_does_not_overwrite_the_first(app):
    first, _ = staff_client(app, "Admin Katalog")
    second, _ = staff_client(app, "Admin Katalog")
    created = first.post("/admin/konten/faq/baru", data={
        "csrf_token": csrf_from(first.get("/admin/konten/faq/baru").get_data(as_text=True)),
        **FIELDS})
    url = created.location
    first_form, second_form = _open(first, url), _open(second, url)

    first.post(url, data=first_form | FIELDS | {"answer_id": "Melalui bank daerah atau QRIS."})
    late = second.post(url, data=second_form | FIELDS | {"answer_id": "Hanya tunai di loket."})

    assert "sudah diubah petugas lain sejak Anda membukanya" in page_text(late)
    assert "Hanya tunai di loket." in late.get_data(as_text=True)  # still in the form
    db.session.expire_all()
    assert db.session.scalar(db.select(FaqEntry.answer_id)) == "Melalui bank daerah atau QRIS."

    again = second.post(url, data={"csrf_token": second_form["csrf_token"],
                                   "versi": _open(second, url)["versi"], **FIELDS,
                                   "answer_id": "Hanya tunai di loket."})
    assert again.status_code == 302
    db.session.expire_all()
    assert db.session.scalar(db.select(FaqEntry.answer_id)) == "Hanya tunai di loket."
