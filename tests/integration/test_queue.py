"""The verifier grid: who sees what in "Antrian Saya" and "Semua", filters, search, sort,
pagination, the Excel export, the SLA column, and the object-level 404s."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from app import casework
from app.casework import queue as queue_query
from app.extensions import db
from app.models import ApplicationEvent
from app.services import calendar, resi, review
from tests.backoffice_helpers import detail, page_text, search, staff_client
from tests.helpers import (
    all_documents_valid,
    csrf_from,
    login,
    make_applicant,
    make_staff,
    make_submitted,
)

pytestmark = pytest.mark.usefixtures("catalogue")


def uids(response) -> list[str]:
    assert response.status_code == 200, response.status_code
    return re.findall(r'<tr class="[^"]*" data-uid="([^"]+)"', response.get_data(as_text=True))


def forward(application, role="Verifikator", agency="DPMPTSP", action="lanjut"):
    """Move an application on through the service, as a staff member of that role would."""
    actor = casework.actor_for(make_staff(None, role, agency))
    return review.act(application, actor, action, verdicts=all_documents_valid(application))


@pytest.fixture
def three(app):
    """SIP-DOKTER (DINKES, technical advice), IZOP-RS (DINKES + DLH in parallel) and
    SIUP-PERIKANAN (DKP, front office only), all waiting for the Verifikator."""
    person, _ = make_applicant(app)
    business, _ = make_applicant(app, kind="badan_usaha")
    return {"dokter": make_submitted(app, person, "SIP-DOKTER"),
            "rs": make_submitted(app, business, "IZOP-RS"),
            "ikan": make_submitted(app, business, "SIUP-PERIKANAN")}


# who sees what -------------------------------------------------------------------------------
def test_my_queue_follows_the_routing_role_and_agency(app, three):
    verifikator, _ = staff_client(app, "Verifikator", "DPMPTSP")
    dinkes, _ = staff_client(app, "Tim Teknis", "DINKES")
    dlh, _ = staff_client(app, "Tim Teknis", "DLH")
    dkp, _ = staff_client(app, "Tim Teknis", "DKP")
    signer, _ = staff_client(app, "Penandatangan", "DPMPTSP")
    everything = {a.uid for a in three.values()}
    assert set(uids(verifikator.get("/admin/antrian/"))) == everything
    for client in (dinkes, dlh, dkp, signer):
        assert uids(client.get("/admin/antrian/")) == []

    forward(three["dokter"])
    forward(three["rs"])
    forward(three["ikan"])
    assert uids(verifikator.get("/admin/antrian/")) == []
    assert set(uids(dinkes.get("/admin/antrian/"))) == {three["dokter"].uid, three["rs"].uid}
    assert uids(dlh.get("/admin/antrian/")) == [three["rs"].uid]  # the parallel step
    assert uids(dkp.get("/admin/antrian/")) == []  # DKP's permit skips technical advice
    assert uids(signer.get("/admin/antrian/")) == [three["ikan"].uid]
    summary = page_text(dinkes.get("/admin/antrian/"))
    assert "Antrian saya 2" in summary and "Rekomendasi Teknis" in summary


def test_all_lists_what_each_person_may_see_read_only(app, three):
    person, _ = make_applicant(app)
    from tests.helpers import fill_draft

    draft = fill_draft(app, person, "SIPA")
    office, _ = staff_client(app, "Verifikator", "DPMPTSP")
    dkp, _ = staff_client(app, "Tim Teknis", "DKP")
    dlh, _ = staff_client(app, "Tim Teknis", "DLH")
    everything = {a.uid for a in three.values()}
    shown = set(uids(office.get("/admin/permohonan/")))
    assert shown == everything and draft.uid not in shown
    assert uids(dkp.get("/admin/permohonan/")) == [three["ikan"].uid]
    assert uids(dlh.get("/admin/permohonan/")) == []
    forward(three["rs"])  # now DLH has a task on it
    assert uids(dlh.get("/admin/permohonan/")) == [three["rs"].uid]
    html = office.get("/admin/permohonan/").get_data(as_text=True)
    assert 'name="action"' not in html  # a list, no actions


# filters, search, sort, pagination -------------------------------------------------------------
def test_filters_narrow_the_grid(app, three):
    office, _ = staff_client(app, "Verifikator", "DPMPTSP")
    forward(three["rs"])
    assert uids(office.get("/admin/antrian/?permit=SIP-DOKTER")) == [three["dokter"].uid]
    assert uids(office.get("/admin/antrian/?agency=DKP")) == [three["ikan"].uid]
    assert uids(office.get("/admin/permohonan/?step=rekomendasi")) == [three["rs"].uid]
    assert set(uids(office.get("/admin/permohonan/?status=in_process"))) == {
        a.uid for a in three.values()}
    assert uids(office.get("/admin/permohonan/?status=issued")) == []
    assert uids(office.get("/admin/antrian/?jenis=perpanjangan")) == []
    assert len(uids(office.get("/admin/antrian/?jenis=baru"))) == 2
    today = calendar.today()
    in_range = f"/admin/permohonan/?dari={today - timedelta(days=1)}&sampai={today}"
    assert len(uids(office.get(in_range))) == 3
    assert uids(office.get(f"/admin/permohonan/?dari={today + timedelta(days=1)}")) == []
    # a bad date is reported and ignored; nothing else is lost
    response = office.get("/admin/antrian/?dari=31-02-2026&permit=IZOP-RS")
    assert uids(response) == []  # IZOP-RS left my queue when it was forwarded
    assert "Tanggal awal tidak valid" in page_text(response)
    assert 'value="31-02-2026"' in response.get_data(as_text=True)


@pytest.mark.parametrize("typed", ["{resi}", "{resi_dashed}", "{resi_lower}", "{registration}",
                                   "{identity}", "siti aminah", "MAJU JAYA"])
def test_search_by_resi_registration_identity_name_or_company(app, typed):
    person, _ = make_applicant(app)
    business, _ = make_applicant(app, kind="badan_usaha")
    mine = make_submitted(app, person, "SIP-DOKTER")
    other = make_submitted(app, business, "SIUP-PERIKANAN")
    office, _ = staff_client(app, "Verifikator", "DPMPTSP")
    target = other if "JAYA" in typed else mine
    text = typed.format(resi=target.resi, resi_dashed=resi.display(target.resi),
                        resi_lower=resi.display(target.resi).lower(),
                        registration=target.registration_number,
                        identity=target.applicant_identity)
    assert uids(search(office, "/admin/antrian/", text)) == [target.uid]
    assert uids(search(office, "/admin/permohonan/", text)) == [target.uid]



@pytest.mark.parametrize("typed", ["Penelitian", "research permit", "izin-penelitian"])
def test_search_by_the_permits_name_in_either_language(app, typed):
    person, _ = make_applicant(app)
    research = make_submitted(app, person, "IZIN-PENELITIAN")
    make_submitted(app, person, "SIP-DOKTER")
    office, _ = staff_client(app, "Verifikator", "DPMPTSP")
    assert uids(search(office, "/admin/antrian/", typed)) == [research.uid]
    assert uids(search(office, "/admin/permohonan/", typed)) == [research.uid]
    assert "perusahaan atau nama jenis izin" in office.get("/admin/antrian/").get_data(as_text=True)

def test_sort_and_pagination(app, monkeypatch):
    person, _ = make_applicant(app)
    made = [make_submitted(app, person, code) for code in
            ("SIP-DOKTER", "SIUP-PERIKANAN", "IZIN-PENELITIAN", "SIP-PERAWAT", "IZIN-ANGSUS")]
    for n, application in enumerate(made):  # distinct targets, in reverse of creation
        application.estimated_completion = calendar.today() + timedelta(days=20 - n)
        for task in application.open_tasks:  # Antrian Saya's urgency: my step's target
            task.due_date = calendar.today() + timedelta(days=10 - n)
    db.session.commit()
    monkeypatch.setattr(queue_query, "PER_PAGE", 2)
    office, _ = staff_client(app, "Verifikator", "DPMPTSP")
    by_sla = [a.uid for a in reversed(made)]
    pages = [uids(office.get(f"/admin/antrian/?hal={n}")) for n in (1, 2, 3)]
    assert pages == [by_sla[:2], by_sla[2:4], by_sla[4:]]
    assert uids(office.get("/admin/antrian/?hal=99")) == by_sla[4:]  # past the end: last page
    text = page_text(office.get("/admin/antrian/?hal=2"))
    assert "Menampilkan 3–4 dari 5 permohonan" in text
    assert uids(office.get("/admin/antrian/?urut=tanggal&arah=naik")) == \
        [a.uid for a in made[:2]]
    assert uids(office.get("/admin/antrian/?urut=tanggal&arah=turun")) == \
        [a.uid for a in reversed(made)][:2]
    by_resi = sorted(made, key=lambda a: a.resi)
    assert uids(office.get("/admin/permohonan/?urut=resi&arah=naik")) == \
        [a.uid for a in by_resi[:2]]
    assert uids(office.get("/admin/permohonan/?urut=resi&arah=turun")) == \
        [a.uid for a in reversed(by_resi)][:2]
    # sorting by a column keeps the filters in the links
    html = office.get("/admin/antrian/?permit=SIP-DOKTER").get_data(as_text=True)
    assert re.search(r'href="\?[^"]*permit=SIP-DOKTER[^"]*urut=tanggal', html)


def test_grids_sort_only_by_indexed_columns(app):
    person, _ = make_applicant(app)
    make_submitted(app, person, "SIP-DOKTER")
    office, _ = staff_client(app, "Verifikator", "DPMPTSP")
    html = office.get("/admin/permohonan/?urut=pemohon").get_data(as_text=True)
    assert 'data-sort="pemohon"' not in html and 'data-sort="resi"' in html
    assert 'aria-sort="descending"' in html  # fell back to newest first
    html = office.get("/admin/antrian/?urut=resi").get_data(as_text=True)
    assert 'data-sort="resi"' not in html and 'data-sort="tanggal"' in html
    assert re.search(r'data-sort="sla" aria-sort="ascending"', html)  # most urgent first


# the export ----------------------------------------------------------------------------------
def test_export_is_a_readable_workbook_of_the_current_filter(app, three):
    office, _ = staff_client(app, "Verifikator", "DPMPTSP")
    three["rs"].estimated_completion = calendar.today() - timedelta(days=3)
    db.session.commit()
    response = office.get("/admin/antrian/ekspor.xlsx?agency=DINKES")
    assert response.status_code == 200
    assert response.mimetype.endswith("spreadsheetml.sheet")
    assert "attachment" in response.headers["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.data)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert "Instansi: DINKES" in rows[1][0]
    header = rows[3]
    assert header[:3] == ("Resi", "No. Registrasi", "Izin")
    data = rows[4:]
    assert sorted(r[0] for r in data) == sorted(resi.display(three[k].resi)
                                                for k in ("dokter", "rs"))
    late = next(r for r in data if r[0] == resi.display(three["rs"].resi))
    assert late[header.index("Lewat SLA Izin")] == "Ya"
    assert late[header.index("Sisa SLA (hari kerja)")] < 0
    assert late[header.index("Status")] == "Dalam Proses"
    everything = office.get("/admin/permohonan/ekspor.xlsx")
    assert len(list(load_workbook(io.BytesIO(everything.data)).active.iter_rows())) == 4 + 3


def test_the_exports_mask_identities_name_the_application_type_and_say_ya_or_tidak(app, three):
    office, _ = staff_client(app, "Verifikator", "DPMPTSP")
    three["rs"].estimated_completion = calendar.today() - timedelta(days=3)
    db.session.commit()
    identities = {a.applicant_identity for a in three.values()}
    for url in ("/admin/antrian/ekspor.xlsx", "/admin/permohonan/ekspor.xlsx"):
        rows = list(load_workbook(io.BytesIO(office.get(url).data)).active.iter_rows(
            values_only=True))
        header, data = rows[3], rows[4:]
        shown = [r[header.index("NIK/NPWP")] for r in data]
        assert shown and not identities & set(shown)
        assert all(re.fullmatch(r"\d{4}\*{7,8}\d{4}", s) for s in shown)
        assert {r[header.index("Jenis Permohonan")] for r in data} == {"Baru"}
        assert {r[header.index("Lewat SLA Izin")] for r in data} == {"Ya", "Tidak"}


# the SLA column ------------------------------------------------------------------------------
def test_sla_counts_working_days_with_the_pinned_catalogues_holidays(app, monkeypatch):
    """The sample catalogue (version 1) has 24 and 25 December 2026 off; a later version
    without them does not change an application pinned to version 1."""
    from app.services import catalogue_store
    from catalogue import DEFINITIONS

    person, _ = make_applicant(app)
    pinned = make_submitted(app, person, "SIP-DOKTER")
    late = make_submitted(app, person, "SIUP-PERIKANAN")
    without, _sources, assets = catalogue_store.read_source(DEFINITIONS)
    without["holidays"] = [h for h in without["holidays"] if not h["date"].endswith("12-24")
                           and not h["date"].endswith("12-25")]
    catalogue_store.publish(without, assets, source="uji")
    newer = make_submitted(app, person, "SIP-PERAWAT")
    assert newer.catalogue_version_number == 2 and pinned.catalogue_version_number == 1
    monday = date(2026, 12, 21)
    monkeypatch.setattr(calendar, "today", lambda: monday)
    pinned.estimated_completion = newer.estimated_completion = date(2026, 12, 28)
    late.estimated_completion = date(2026, 12, 16)
    db.session.commit()
    office, _ = staff_client(app, "Verifikator", "DPMPTSP")
    html = office.get("/admin/antrian/").get_data(as_text=True)

    def sla(application) -> str:
        row = re.search(rf'data-uid="{application.uid}".*?</tr>', html, re.S).group(0)
        return re.search(r'data-sla="(-?\d+)"', row).group(1)

    assert sla(pinned) == "3"  # 22, 23 and 28 December: 24/25 are holidays, 26/27 a weekend
    assert sla(newer) == "5"  # its catalogue has no holidays that week
    assert sla(late) == "-3"  # 17, 18 and 21 December have passed
    assert "Lewat 3 hari kerja" in page_text(office.get("/admin/antrian/"))
    assert 'data-sla="3"' in detail(office, pinned.uid).get_data(as_text=True)


# access ----------------------------------------------------------------------------------------
@pytest.fixture
def at_dinkes(app):
    person, _ = make_applicant(app)
    application = make_submitted(app, person, "SIP-DOKTER")
    forward(application)
    return application


@pytest.mark.parametrize("path", ["", "/dokumen/{doc}", "/izin.pdf"])
def test_technical_staff_of_another_dinas_get_404(app, at_dinkes, path):
    other, _ = staff_client(app, "Tim Teknis", "DKP")
    doc = at_dinkes.documents[0].requirement_key
    response = other.get(f"/admin/antrian/{at_dinkes.uid}" + path.format(doc=doc))
    assert response.status_code == 404
    assert "tidak ditemukan" in page_text(response).lower()
    assert at_dinkes.uid not in other.get("/admin/antrian/").get_data(as_text=True)
    assert at_dinkes.uid not in other.get("/admin/permohonan/").get_data(as_text=True)
    assert at_dinkes.uid not in search(other, "/admin/permohonan/", at_dinkes.resi) \
        .get_data(as_text=True)
    own, _ = staff_client(app, "Tim Teknis", "DINKES")
    assert own.get(f"/admin/antrian/{at_dinkes.uid}" + path.format(doc=doc)).status_code == \
        (404 if path == "/izin.pdf" else 200)  # no permit yet


@pytest.mark.parametrize("route", ["tindakan", "buka-kembali", "cabut"])
def test_technical_staff_of_another_dinas_cannot_post(app, at_dinkes, route):
    other, _ = staff_client(app, "Tim Teknis", "DKP")
    token = csrf_from(other.get("/admin/antrian/").get_data(as_text=True))
    before = at_dinkes.lock_version
    response = other.post(f"/admin/antrian/{at_dinkes.uid}/{route}", data={
        "csrf_token": token, "lock_version": before, "action": "lanjut", "note": "x",
        "reason": "x", "days": "3"})
    assert response.status_code == 404
    db.session.refresh(at_dinkes)
    assert at_dinkes.lock_version == before and at_dinkes.current_step == "rekomendasi"


def test_documents_are_served_inline_with_a_safe_name(app, at_dinkes):
    own, _ = staff_client(app, "Tim Teknis", "DINKES")
    doc = at_dinkes.documents[0]
    doc.file.name = 'KTP "asli"; x'
    db.session.commit()
    response = own.get(f"/admin/antrian/{at_dinkes.uid}/dokumen/{doc.requirement_key}")
    assert response.status_code == 200 and response.mimetype == doc.file.mime
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("inline;") and '"asli"' not in disposition
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert own.get(f"/admin/antrian/{at_dinkes.uid}/dokumen/tidak-ada").status_code == 404


def test_an_applicant_session_reaches_no_staff_screen(app, at_dinkes):
    from tests.conftest import IsolatedClient

    app.test_client_class = IsolatedClient
    client = app.test_client()
    _user, data = make_applicant(app, email="warga@contoh.id")
    login(client, data["nik"])
    doc = at_dinkes.documents[0].requirement_key
    for url in ("/admin/antrian/", "/admin/permohonan/", f"/admin/antrian/{at_dinkes.uid}",
                f"/admin/antrian/{at_dinkes.uid}/dokumen/{doc}", "/admin/antrian/ekspor.xlsx",
                "/admin/permohonan/ekspor.xlsx"):
        response = client.get(url)
        assert response.status_code in (302, 404), url
        if response.status_code == 302:
            assert "/staff/login" in response.location, url
    token = csrf_from(client.get("/dashboard").get_data(as_text=True))
    before = at_dinkes.lock_version
    response = client.post(f"/admin/antrian/{at_dinkes.uid}/tindakan", data={
        "csrf_token": token, "lock_version": before, "action": "lanjut"})
    assert response.status_code in (302, 404)
    db.session.refresh(at_dinkes)
    assert at_dinkes.lock_version == before


@pytest.mark.parametrize("route", ["tindakan", "buka-kembali", "cabut"])
def test_action_forms_need_their_csrf_token(app, route):
    person, _ = make_applicant(app)
    application = make_submitted(app, person, "SIP-DOKTER")
    office, _ = staff_client(app, "Verifikator", "DPMPTSP")
    assert 'name="csrf_token"' in detail(office, application.uid).get_data(as_text=True)
    before = db.session.scalar(select(func.count()).select_from(ApplicationEvent))
    response = office.post(f"/admin/antrian/{application.uid}/{route}", data={
        "lock_version": application.lock_version, "action": "tolak", "note": "x",
        "reason": "x", "days": "3"})
    assert response.status_code == 400
    assert "Formulir sudah kedaluwarsa atau tidak sah" in page_text(response)
    db.session.refresh(application)
    assert application.status == "in_process"
    assert db.session.scalar(select(func.count()).select_from(ApplicationEvent)) == before


def test_anonymous_visitors_are_sent_to_the_staff_login(client, three):
    for url in ("/admin/antrian/", f"/admin/antrian/{three['rs'].uid}", "/admin/permohonan/"):
        response = client.get(url)
        assert response.status_code == 302 and "/staff/login" in response.location


def test_the_queue_scales_by_index_not_by_table_size(app, three):
    """The queue's statements read application_task by its queue index; the row count of
    the applications table does not change the plan (the benchmark measures 1,000,000)."""
    if db.engine.dialect.name != "sqlite":
        pytest.skip("EXPLAIN QUERY PLAN is SQLite's; PostgreSQL is covered by the benchmark")
    from sqlalchemy import text

    actor = casework.actor_for(make_staff(app, "Verifikator", "DPMPTSP"))
    filters = queue_query.Filters.parse({}, queue_query.MINE)
    stmt = queue_query.statement(actor, queue_query.MINE, filters, calendar.today()).limit(25)
    compiled = stmt.compile(db.engine, compile_kwargs={"literal_binds": True})
    plan = " ".join(str(r[-1]) for r in db.session.execute(text(f"EXPLAIN QUERY PLAN {compiled}")))
    assert "SCAN application " not in plan + " " and "SCAN application_task" not in plan, plan
