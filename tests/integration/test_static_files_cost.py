"""A page's stylesheets, scripts and images are the same for everyone: serving them to a
logged-in person asks the database nothing (each asked for the person's session before, so a
page of ten files cost ten session reads) and the browser keeps them five minutes instead of
asking again on every page, while the page itself still checks the session and is not kept
in caches."""

from __future__ import annotations

from contextlib import contextmanager

from sqlalchemy import event

from app.extensions import db


@contextmanager
def statements():
    seen: list[str] = []

    def count(conn, cursor, statement, *args):
        seen.append(statement)

    engine = db.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", count)


def test_static_files_read_no_session_for_a_logged_in_person(client, user):
    page = client.get("/dashboard")
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    with statements() as seen:
        for path in ("/static/css/app.css", "/static/js/chat.js"):
            response = client.get(path)
            response.close()  # the file is sent from disk; closed as a browser's server would
            assert response.status_code == 200, path
            # kept five minutes, as nginx's `expires 5m` keeps them behind a proxy
            assert response.headers["Cache-Control"] == "public, max-age=300", path
    assert seen == []
    with statements() as seen:
        assert client.get("/dashboard").status_code == 200
    assert any("user_session" in statement for statement in seen)
