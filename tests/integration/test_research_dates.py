"""The research permit's end date may not come before its start date: a rule of the sample
catalogue's IZIN-PENELITIAN form (data, no code), checked by the wizard's service and shown
in the page's language."""

from __future__ import annotations

from app.services import applications as apps
from tests.helpers import fill_draft, make_applicant, publish_catalogue


def _with_dates(draft, start: str, end: str) -> dict[str, list[str]]:
    details = {**draft.data["details"], "start_date": start, "end_date": end}
    return apps.save_details(draft, details, dict(draft.data.get("documents") or {}), True,
                             check=True)


def test_an_end_date_before_the_start_date_is_refused(app):
    publish_catalogue(app)
    user, _data = make_applicant(app)
    draft = fill_draft(app, user, "IZIN-PENELITIAN")
    assert _with_dates(draft, "2026-12-31", "2026-01-01") == {
        "end_date": ["Tanggal Selesai tidak boleh sebelum Tanggal Mulai."]}
    assert draft.data["details"]["end_date"] == "2026-01-01"  # what was typed is kept
    assert _with_dates(draft, "2026-03-01", "2026-03-01") == {}
    assert _with_dates(draft, "2026-03-01", "2026-09-30") == {}


def test_the_english_page_says_it_in_english(app, client):
    from catalogue import DEFINITIONS, load_folder
    from tests.helpers import login
    from tests.wizard_client import LAST_POST, fill_and_submit, post_step

    publish_catalogue(app)
    _user, data = make_applicant(app)
    assert login(client, data["nik"]).status_code == 302
    uid = fill_and_submit(client, app, load_folder(DEFINITIONS).permit("IZIN-PENELITIAN"),
                          "baru", submit=False)
    client.get("/bahasa/en", headers={"Referer": "http://localhost/"})
    posted = [(k, v) for k, v in LAST_POST if k not in ("start_date", "end_date")]
    response = post_step(client, uid, "detail",
                         [*posted, ("start_date", "2026-12-31"), ("end_date", "2026-01-01")])
    assert response.status_code == 200
    assert 'data-error-for="end_date">The end date cannot be before the start date.<' in (
        response.get_data(as_text=True))
