"""File sizes are written with the reader's decimal sign: "70,9 KB" in Indonesian, "70.9 KB"
on an English page (My Files' list, the upload's answer the wizard shows, a complaint's
attachments)."""

import io

from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from tests.answer_factory import SAMPLE_BYTES
from tests.helpers import csrf_from

JSON = {"Accept": "application/json", "X-Requested-With": "XMLHttpRequest"}
CONTENT = SAMPLE_BYTES["pdf"] + b"0" * (72602 - len(SAMPLE_BYTES["pdf"]))  # 70.9 KB


def upload(client):
    token = csrf_from(client.get("/file-saya").get_data(as_text=True))
    boundary, body = encode_multipart({"csrf_token": token, "name": "Akta",
                                       "file": FileStorage(io.BytesIO(CONTENT), "akta.pdf")})
    return client.post("/file-saya/unggah", data=body, headers=JSON,
                       content_type=f"multipart/form-data; boundary={boundary}").json


def test_sizes_follow_the_readers_language(app, client, user):
    assert upload(client)["size_text"] == "70,9 KB"
    assert "70,9 KB" in client.get("/file-saya").get_data(as_text=True)
    client.get("/bahasa/en", headers={"Referer": "http://localhost/"})
    assert upload(client)["size_text"] == "70.9 KB"
    page = client.get("/file-saya").get_data(as_text=True)
    assert "70.9 KB" in page and "70,9 KB" not in page


def test_a_complaints_attachment_size_follows_the_readers_language(app, client):
    """The visitor's ticket page and the helpdesk's copy write the size as My Files does."""
    from app.complaints import service
    from app.services import files
    from tests.backoffice_helpers import page_text, staff_client
    from tests.complaint_helpers import seed_categories

    seed_categories(app)
    complaint = service.file_complaint(
        category_code="teknis", body="Unggah gagal.", name="Budi Tamu", email="tamu@contoh.id",
        phone="081298765432", upload=files.Upload(io.BytesIO(CONTENT), "layar.pdf"))
    helpdesk, _ = staff_client(app, "Helpdesk")
    assert "(70,9 KB)" in page_text(helpdesk.get(f"/admin/pengaduan/{complaint.ticket}"))
    helpdesk.get("/bahasa/en", headers={"Referer": "http://localhost/"})
    english = page_text(helpdesk.get(f"/admin/pengaduan/{complaint.ticket}"))
    assert "(70.9 KB)" in english and "70,9" not in english
