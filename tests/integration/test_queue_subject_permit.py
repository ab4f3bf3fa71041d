"""The staff queue says which permit a renewal, an amendment or a revocation concerns: its
number under the application type, read in the page's own query (no query per row)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import event

from app import casework
from app.extensions import db
from app.services import calendar, review
from tests.backoffice_helpers import page_text, staff_client
from tests.helpers import make_applicant, make_staff, make_submitted, verifier_forwards

PERMIT = "SIP-DOKTER"


def issued(app, person):
    first = make_submitted(app, person, PERMIT, "baru")
    verifier_forwards(app, first)
    review.act(first, casework.actor_for(make_staff(app, "Tim Teknis", "DINKES")), "lanjut")
    review.act(first, casework.actor_for(make_staff(app, "Penandatangan")), "terbitkan")
    first.permit.valid_until = calendar.today() + timedelta(days=30)  # renewal window open
    db.session.commit()
    return first.permit


def row_of(html: str, uid: str) -> str:
    return re.search(rf'<tr [^>]*data-uid="{uid}".*?</tr>', html, re.S).group(0)


def selects(client, url: str) -> int:
    counted = []

    def count(_conn, _cursor, statement, *_args):
        counted.append(statement.lstrip().upper().startswith("SELECT"))
    event.listen(db.engine, "before_cursor_execute", count)
    try:
        assert client.get(url).status_code == 200
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    return sum(counted)


@pytest.mark.usefixtures("catalogue")
def test_a_row_names_the_permit_the_application_acts_on(app):
    people = [make_applicant(app)[0] for _ in range(3)]
    permits = [issued(app, p) for p in people]
    office, _staff = staff_client(app)
    renewal = make_submitted(app, people[0], PERMIT, "perpanjangan", subject=permits[0])
    new = make_submitted(app, people[1], PERMIT, "baru")
    before = selects(office, "/admin/antrian/")
    html = office.get("/admin/antrian/").get_data(as_text=True)
    assert f"Perpanjangan atas izin {permits[0].number}" in " ".join(
        page_text_of(row_of(html, renewal.uid)).split())
    assert "atas izin" not in row_of(html, new.uid), "a new application acts on no permit"

    for person, permit in zip(people[1:], permits[1:], strict=True):
        make_submitted(app, person, PERMIT, "perubahan", subject=permit)
    html = office.get("/admin/antrian/").get_data(as_text=True)
    assert html.count("data-subject-permit") == 3
    assert selects(office, "/admin/antrian/") == before, \
        "the numbers come with the page's rows"
    english = page_text(office.get("/admin/antrian/?_l_=en"))
    assert f"Renewal for permit {permits[0].number}" in english


def page_text_of(fragment: str) -> str:
    return re.sub(r"<[^>]+>", " ", fragment)
