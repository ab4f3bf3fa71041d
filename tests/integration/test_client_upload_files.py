"""The test client itself: a multipart body over 500 KB is spooled to a temporary file of
the client's own; every client of the suite (the `client` fixture, `app.test_client()`)
closes it once the request is answered, so a later garbage collection finds nothing open
(a ResourceWarning there failed whichever test happened to be running, under
`filterwarnings = error`)."""

from __future__ import annotations

import gc
import io
import warnings

from tests.helpers import login_new_applicant

BIG = b"%PDF-1.4\n" + b"0" * (600 * 1024)  # past the client's 500 KB spooling threshold


def unclosed_files_found_by_a_collection() -> list[str]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        gc.collect()
    return [str(w.message) for w in caught if issubclass(w.category, ResourceWarning)]


def test_a_large_upload_leaves_no_file_open_for_the_garbage_collector(app, client):
    login_new_applicant(app, client)
    assert unclosed_files_found_by_a_collection() == []
    for follow in (False, True):
        response = client.post("/file-saya/unggah", follow_redirects=follow, data={
            "name": "Besar", "file": (io.BytesIO(BIG), "besar.pdf")})
        assert response.status_code in (200, 302, 400)
        del response
        assert unclosed_files_found_by_a_collection() == []
    other = app.test_client()  # a second browser, as tests make them
    other.post("/file-saya/unggah", data={"file": (io.BytesIO(BIG), "besar.pdf")})
    assert unclosed_files_found_by_a_collection() == []
