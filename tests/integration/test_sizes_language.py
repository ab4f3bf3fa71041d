"""File sizes are written with the reader's decimal sign: "70,9 KB" in Indonesian, "70.9 KB"
on an English page (My Files' list and the upload's answer the wizard shows)."""

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
