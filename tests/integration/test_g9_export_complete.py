""""Unduh data saya" holds everything the office keeps about the person (UU PDP right of
access), not only the profile and applications: their complaints with the replies they saw
(never the staff's internal notes), their helpdesk chats and their erasure requests."""

from __future__ import annotations

import io
import json
import zipfile

from app.complaints import service as complaints
from app.extensions import db
from app.models.chat import APPLICANT
from app.privacy import requests
from app.services import chat
from tests.complaint_helpers import file_applicant, helpdesk, seed_categories
from tests.helpers import login, make_applicant

URL = "/akun/data-saya.zip"


def test_export_holds_complaints_chats_and_privacy_requests(app, client):
    seed_categories(app)
    user, data = make_applicant(app)
    complaint = file_applicant(app, user, body="Antrean loket terlalu lama.")
    _staff, officer = helpdesk(app)
    complaints.reply(complaint, "Kami tambah petugas loket.", officer)
    complaints.note(complaint, "Catatan internal: cek CCTV.", officer)
    conversation = chat.start_for_user(user.id)
    chat.post(conversation, APPLICANT, user.id, "Bagaimana cara unggah KTP?")
    db.session.commit()
    requests.request_erasure(user, {"reason": "Pindah domisili.", "confirm": True})
    other, _other_data = make_applicant(app)
    file_applicant(app, other, body="Keluhan orang lain.")
    assert login(client, data["nik"]).status_code == 302

    response = client.get(URL)
    held = json.loads(zipfile.ZipFile(io.BytesIO(response.data)).read("data.json"))
    response.close()
    texts = json.dumps(held, ensure_ascii=False)
    assert [c["ticket"] for c in held["complaints"]] == [complaint.ticket]
    assert "Antrean loket terlalu lama." in texts
    assert "Kami tambah petugas loket." in texts
    assert "cek CCTV" not in texts and "Keluhan orang lain." not in texts
    assert "Bagaimana cara unggah KTP?" in texts
    assert held["privacy_requests"][0]["reason"] == "Pindah domisili."
