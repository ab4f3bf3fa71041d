"""What public tracking keeps or reuses to stay cheap (docs/benchmarks.md, "Request cost")
must never show one reader's page to another: the catalogue in force read with the page's one
statement, the chosen language's Locale kept per process, the layout's contact stamp reused
while the contact details stay the same."""

from __future__ import annotations

import copy
import re
from datetime import date

from sqlalchemy import event

from tests.backoffice_helpers import staff_client
from tests.helpers import make_applicant, make_submitted, publish_catalogue
from tests.integration.test_page_parts import edit_contact, topbar


def statements_of(app, call):
    """`call()`'s answer and the SQL statements it ran."""
    from app.extensions import db

    seen = []
    with app.app_context():
        engine = db.engine

    def count(_conn, _cursor, statement, *_args):
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        return call(), seen
    finally:
        event.remove(engine, "before_cursor_execute", count)


def type_shown(html: str) -> str:
    return re.search(r'id="tracking-type">([^<]*)<', html).group(1)


def test_the_type_is_named_by_the_catalogue_in_force_in_the_pages_one_statement(app, client):
    from app.services import catalogue_store

    user, _data = make_applicant(app)
    version = publish_catalogue(app)
    application = make_submitted(app, user)
    english = app.test_client()
    english.get("/bahasa/en")
    path = f"/lacak?resi={application.resi}"
    page, seen = statements_of(app, lambda: client.get(path))
    assert len(seen) == 1, seen
    assert type_shown(page.get_data(as_text=True)) == "Baru"
    assert type_shown(english.get(path).get_data(as_text=True)) == "New"
    # a newer catalogue renames the type: the page names it as the version in force does
    data = copy.deepcopy(version.content)
    kind = next(t for t in data["application_types"] if t["code"] == "baru")
    kind["name"] = {"id": "Baru (uji)", "en": "New (test)"}
    catalogue_store.publish(data, catalogue_store.assets_of(version), source="uji", issues=[])
    for round_ in range(2):  # the first reads the new version's document into the process
        page, seen = statements_of(app, lambda: client.get(path))
        assert len(seen) == (2 if round_ == 0 else 1), seen
        assert type_shown(page.get_data(as_text=True)) == "Baru (uji)"
        assert type_shown(english.get(path).get_data(as_text=True)) == "New (test)"


def test_readers_of_both_languages_in_turn_each_get_their_own(app, client):
    user, _data = make_applicant(app)
    publish_catalogue(app)
    application = make_submitted(app, user)
    english = app.test_client()
    english.get("/bahasa/en")
    path = f"/lacak?resi={application.resi}"
    expected = {
        "id": ('<html lang="id">', "Informasi Permohonan", "Permohonan dikirim", "Baru"),
        "en": ('<html lang="en">', "Application information", "Application submitted",
               "New")}
    for _ in range(3):  # the kept Locale objects and translations, asked in turn
        for lang, visitor in (("en", english), ("id", client)):
            html = visitor.get(path).get_data(as_text=True)
            for text in expected[lang]:
                assert text in html, (lang, text)
            other = "en" if lang == "id" else "id"
            assert expected[other][1] not in html and expected[other][2] not in html
        # ?_l_= chooses the language for one request only
        html = client.get(path + "&_l_=en").get_data(as_text=True)
        assert "Application submitted" in html and '<html lang="en">' in html
        assert "Permohonan dikirim" in client.get(path).get_data(as_text=True)


def test_contact_details_changing_back_and_forth_show_as_they_are_now(app, client):
    """The layout reuses the last contact stamp while the details are equal: details that
    change back to earlier ones must not be shown with the stamp (and header) in between."""
    publish_catalogue(app)
    admin, _ = staff_client(app, "Super Admin")
    for phone in ("(0541) 111000", "(0541) 222000", "(0541) 111000", "(0541) 222000"):
        edit_contact(admin, phone=phone, email="loket@contoh.go.id")
        for url in ("/lacak", "/lacak?resi=AAAA-BBBB-CCCC", "/"):
            shown = topbar(client.get(url))
            assert phone in shown, (phone, url)
            other = "(0541) 222000" if phone == "(0541) 111000" else "(0541) 111000"
            assert other not in shown, (phone, url)


def test_the_box_posts_to_the_page_under_each_script_root(app, client):
    """The form's action is built once per process and script root (page_parts.endpoint_url):
    a server mounted under a prefix must not get, or give, the other one's address."""
    publish_catalogue(app)
    for _ in range(2):
        for root in ("", "/eptsp", ""):
            html = client.get("/lacak", base_url=f"http://localhost{root}/").get_data(
                as_text=True)
            assert f'<form method="post" action="{root}/lacak"' in html, root


def test_dates_and_times_read_as_the_long_way_wrote_them(app):
    """`waktu` and `tanggal` write a timestamp or a date in the reader's language directly;
    the long way (the Indonesian text, its month and time mark then put into English) must
    give the same text for every zone offset, both languages, and for an ISO string."""
    from datetime import UTC, datetime, timedelta, timezone

    from flask_babel import force_locale

    from app import templating
    from app.documents.dates import tanggal, tanggal_waktu

    def long_way(value, day_only: bool) -> str:
        if isinstance(value, datetime):
            local = templating.local_time(value)
            written = tanggal(local.date()) if day_only else tanggal_waktu(local)
        else:
            written = tanggal(value)
        return templating._in_reader_language(written)

    moments = [datetime(2026, 1, 1, 0, 0) + timedelta(days=37 * i, minutes=611 * i)
               for i in range(40)]
    values = [*moments, *(m.date() for m in moments), datetime(2026, 12, 31, 16, 30),
              datetime(2026, 12, 31, 16, 30, tzinfo=UTC),
              datetime(2026, 6, 1, 9, 5, tzinfo=timezone(timedelta(hours=7))),
              date(2027, 5, 9), None, "", "2026-12-07", "2026-12-07T10:05:00", "kemarin"]
    with app.test_request_context("/"):
        for lang in ("id", "en"):
            with force_locale(lang):
                for value in values:
                    assert templating.waktu(value) == long_way(value, False), (lang, value)
                    assert templating.tanggal_lokal(value) == long_way(value, True), \
                        (lang, value)
        with force_locale("en"):
            assert templating.waktu(datetime(2026, 12, 31, 16, 30)) == \
                "1 January 2027 00:30 WITA"


def test_each_catalogue_counts_with_its_own_holidays(app):
    """The sorted holidays are kept for the catalogue last asked about (compared by identity):
    two versions asked in turn must each count with their own."""
    import catalogue as cat_lib
    from app.services import timeline

    version = publish_catalogue(app)
    first = cat_lib.Catalogue(copy.deepcopy(version.content))
    data = copy.deepcopy(version.content)
    data["holidays"] = [{"date": "2027-01-05", "name": "uji"}, {"date": "2027-01-04"}]
    second = cat_lib.Catalogue(data)
    for _ in range(2):
        assert timeline._sorted_holidays(first) == sorted(first.holiday_dates())
        assert timeline._sorted_holidays(second) == [date(2027, 1, 4), date(2027, 1, 5)]
