"""The office-wide audit log: written where each thing happens (logins and failures, accounts,
catalogue publishes and draft edits, API tokens, permit revocation and reopening from the
transition engine, outbox resends), never a NIK in clear, append-only, filtered and exported
on the Log Audit screen."""

from __future__ import annotations

import io
import re
from datetime import timedelta

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from app.extensions import db
from app.models import AuditEntry
from app.services import (
    api_tokens,
    calendar,
    catalogue_console,
    expiry,
    resi,
    revocation,
    user_admin,
)
from catalogue import DEFINITIONS
from tests.backoffice_helpers import page_text, staff_client
from tests.helpers import (
    CAPTCHA,
    PASSWORD,
    get_form,
    login,
    make_applicant,
    make_staff,
    publish_catalogue,
)
from tests.report_helpers import issue, office_staff, reject, send_back

pytestmark = pytest.mark.usefixtures("catalogue")


def entries(kind: str | None = None) -> list[AuditEntry]:
    stmt = select(AuditEntry).order_by(AuditEntry.id)
    if kind:
        stmt = stmt.where(AuditEntry.kind == kind)
    return list(db.session.scalars(stmt))


def test_entries_can_be_neither_changed_nor_deleted(app):
    make_staff(app, "Verifikator")
    entry = entries()[-1]
    entry.summary = "dipalsukan"
    with pytest.raises(ValueError, match="tidak dapat diubah"):
        db.session.commit()
    db.session.rollback()
    db.session.delete(db.session.get(AuditEntry, entry.id))
    with pytest.raises(ValueError, match="tidak dapat dihapus"):
        db.session.commit()
    db.session.rollback()
    assert db.session.get(AuditEntry, entry.id).summary != "dipalsukan"


def test_logins_and_failures_with_address_and_no_nik_in_clear(app, client):
    person, data = make_applicant(app)
    nik = data["nik"]
    assert login(client, nik, "Salah-Sandi-1").status_code == 200
    assert login(client, "6472000000009999", PASSWORD).status_code == 200  # nobody
    assert login(client, nik).status_code == 302
    failed = entries("login.failed")
    assert len(failed) == 2 and failed[0].actor_id == person.id
    assert failed[1].actor_id is None and failed[1].actor_name == "Tidak dikenal"
    ok = entries("login.ok")[-1]
    assert ok.actor_id == person.id and ok.summary == "Login pemohon"
    assert ok.actor_name == data["name"] and ok.ip == "127.0.0.1"
    for entry in entries():
        assert nik not in f"{entry.actor_name} {entry.subject} {entry.summary} {entry.details}"
    assert f"{nik[:4]}{'*' * 8}{nik[-4:]}" in failed[0].summary
    assert "6472********9999" in failed[1].summary

    staff = make_staff(app, "Verifikator", email="veri.audit@contoh.id")
    other = app.test_client()
    token = get_form(other, "/staff/login", "staff")
    other.post("/staff/login", data={"csrf_token": token, "identity": staff.email,
                                     "password": "Salah-Sandi-1", "captcha": CAPTCHA})
    assert entries("login.failed")[-1].summary == "Login staf ditolak: veri.audit@contoh.id"
    staff_client(app, "Verifikator")  # password + TOTP
    assert entries("login.ok")[-1].summary == "Login staf"


@pytest.mark.parametrize("typed", ["6472 0115 0590 0001", "6472-0115-0590-0001",
                                   "01.234.567.8-901.234"])
def test_an_identity_typed_with_separators_is_masked_on_the_screen_and_in_the_export(
        app, client, typed):
    login(client, typed, "Salah-Sandi-1")
    digits = "".join(ch for ch in typed if ch.isdigit())
    admin, _ = staff_client(app, "Super Admin")
    screen = page_text(admin.get("/admin/audit/?jenis=login.failed"))
    book = admin.get("/admin/audit/ekspor.xlsx?jenis=login.failed").data
    cells = " ".join(str(c) for r in load_workbook(io.BytesIO(book)).active.iter_rows(
        values_only=True) for c in r if c)
    for shown in (screen, cells):
        assert typed not in shown and digits not in shown
        assert f"Login pemohon ditolak: {digits[:4]}" in shown and digits[-4:] in shown


def test_catalogue_publishes_and_draft_edits_name_who_did_them(app):
    admin = make_staff(app, "Admin Katalog")
    catalogue_console.start_draft(admin.id)
    kind = catalogue_console.KINDS["instansi"]
    item = catalogue_console.draft_item(kind, "DKP")
    item["address"] = "Jl. Baru No. 1"
    catalogue_console.save_item(kind, "DKP", item, admin.id)
    catalogue_console.publish_draft(admin.id, note="alamat DKP")
    edits = entries("config.catalogue_draft")
    assert [e.actor_id for e in edits] == [admin.id, admin.id]
    assert "'DKP' disimpan di draf" in edits[-1].summary
    published = entries("catalogue.published")
    assert published[0].actor_name == "Sistem"  # the fixture's import, from no request
    assert published[-1].actor_id == admin.id and "versi 2" in published[-1].summary
    assert "alamat DKP" in published[-1].summary
    publish_catalogue(app, DEFINITIONS)  # back to the sample: a third version
    assert len(entries("catalogue.published")) == 3


def test_token_creation_and_revocation(app):
    user = make_staff(app, "Verifikator")
    made = api_tokens.create(user, "sistem arsip", days=30)
    api_tokens.revoke(user.id, made.token.id)
    created, revoked = entries("token.created")[-1], entries("token.revoked")[-1]
    assert "'sistem arsip'" in created.summary and "30 hari" in created.summary
    assert created.subject == user.email and made.secret not in str(created.details)
    assert "'sistem arsip'" in revoked.summary


def test_revocation_and_reopening_are_written_by_the_transition_engine(app):
    office = office_staff(app)
    person, _ = make_applicant(app)
    from tests.helpers import make_submitted

    issued = make_submitted(app, person, "SIUP-PERIKANAN")
    issue(office, issued)
    revocation.revoke(issued, office.signer, "Izin dipindahtangankan")
    revoked = entries("application.revoked")
    assert len(revoked) == 1 and revoked[0].actor_id == office.signer.user.id
    assert issued.registration_number in revoked[0].summary
    assert "Izin dipindahtangankan" in revoked[0].summary
    assert revoked[0].details["role"] == "Penandatangan"

    late = make_submitted(app, person, "SIUP-PERIKANAN")
    send_back(office, late)
    late.revision_due = calendar.today() - timedelta(days=1)
    db.session.commit()
    expiry.expire_overdue()
    expiry.reopen(late, office.verifier, 5, note="Pemohon sakit")
    reopened = entries("application.reopened")
    assert len(reopened) == 1 and "Pemohon sakit" in reopened[0].summary
    assert not entries("application.expired")  # the system's own expiry is not an office act


def test_staff_decisions_are_in_the_log_office_wide(app):
    from tests.helpers import make_submitted

    office = office_staff(app)
    person, _ = make_applicant(app)
    issued, refused, returned = (make_submitted(app, person, "SIUP-PERIKANAN")
                                 for _ in range(3))
    issue(office, issued)
    reject(office, refused)
    send_back(office, returned)
    kinds = [e.kind for e in entries() if e.category == "application"]
    assert kinds == ["application.moved", "application.issued", "application.rejected",
                     "application.revision"]
    rejected = entries("application.rejected")[0]
    assert rejected.actor_id == office.verifier.user.id
    assert refused.registration_number in rejected.summary
    assert resi.display(refused.resi) in rejected.summary
    assert "Tidak memenuhi syarat" in rejected.summary
    assert rejected.details["role"] == "Verifikator" and rejected.details["action"] == "tolak"
    client, _ = staff_client(app, "Auditor")
    listing = client.get("/admin/audit/?kategori=application").get_data(as_text=True)
    assert listing.count('data-kind="application.') == 4
    assert "Permohonan ditolak" in listing and "Disetujui dan ditandatangani" in listing
    found = client.get(_searched(client, resi.display(refused.resi).lower())).get_data(
        as_text=True)
    assert 'data-kind="application.rejected"' in found


def _searched(client, term: str, **filters) -> str:
    """The list's address after posting the filter form with `term` in its search box."""
    from tests.catalogue_helpers import csrf

    posted = client.post("/admin/audit/cari", data={
        "csrf_token": csrf(client, "/admin/audit/"), "q": term, **filters})
    assert posted.status_code == 302
    return posted.location


def test_a_searched_nik_stays_out_of_every_address(app):
    """An auditor looking for a person types their NIK: the list's address, its pages and
    its export carry an opaque id of the search, never the number; `?q=` is not read."""
    client, _ = staff_client(app, "Auditor")
    nik = "6472011505900001"
    address = _searched(client, nik, kategori="login")
    assert nik not in address and "cari=" in address and "kategori=login" in address
    html = client.get(address).get_data(as_text=True)
    assert nik not in html.replace(f'value="{nik}"', "")  # only the box shows it back
    assert f'value="{nik}"' in html
    export = re.search(r'href="([^"]*ekspor\.xlsx[^"]*)"', html).group(1)
    assert "cari=" in export and nik not in export
    ignored = client.get(f"/admin/audit/?q={nik}").get_data(as_text=True)
    assert f'value="{nik}"' not in ignored


def test_account_changes_are_logged_with_before_and_after(app):
    admin = make_staff(app, "Super Admin")
    user, _ = user_admin.create_staff("baru@contoh.id", "Verifikator", "DPMPTSP", "Baru",
                                      "Kopi-Tubruk-77")
    user_admin.update_staff(user, roles=["Verifikator", "Pimpinan"], agency="DKP", by=admin)
    user_admin.deactivate(user, by=admin, reason="mutasi")
    created, updated = entries("account.created")[-1], entries("account.updated")[-1]
    assert "peran Verifikator, instansi DPMPTSP" in created.summary
    assert updated.details["after"]["agency"] == "DKP" and updated.actor_id == admin.id
    assert "agency: DPMPTSP → DKP" in updated.summary
    assert "Alasan: mutasi" in entries("account.deactivated")[-1].summary


def test_the_log_screen_filters_and_exports(app):
    client, _ = staff_client(app, "Super Admin")
    person, data = make_applicant(app)
    login(app.test_client(), data["email"], "Salah-Sandi-1")
    html = client.get("/admin/audit/?kategori=login").get_data(as_text=True)
    assert 'data-kind="login.failed"' in html and 'data-kind="catalogue.published"' not in html
    assert 'data-kind="login.ok"' in html  # the Super Admin's own login
    assert "Log Audit" in page_text(client.get("/admin/audit/?jenis=login.failed"))
    response = client.get("/admin/audit/ekspor.xlsx?kategori=login")
    rows = list(load_workbook(io.BytesIO(response.data)).active.iter_rows(values_only=True))
    header = rows.index(("Waktu", "Kategori", "Peristiwa", "Pelaku", "Jenis pelaku", "Subjek",
                         "Keterangan", "Alamat IP"))
    kinds = {r[2] for r in rows[header + 1:]}
    assert kinds == {"Login gagal", "Login berhasil"}
    assert all(r[7] == "127.0.0.1" for r in rows[header + 1:])
    verifier, _ = staff_client(app, "Verifikator")
    assert verifier.get("/admin/audit/").status_code == 404


def test_an_auditor_reads_and_exports_the_log_and_opens_nothing_else(app):
    admin, _ = staff_client(app, "Super Admin")
    assert 'value="Auditor"' in admin.get("/admin/pengguna/baru").get_data(as_text=True)
    auditor, _ = staff_client(app, "Auditor")
    assert auditor.get("/admin/audit/?kategori=login").status_code == 200
    export = auditor.get("/admin/audit/ekspor.xlsx")
    assert export.status_code == 200 and export.mimetype.endswith("sheet")
    for url in ("/admin/antrian/", "/admin/permohonan/", "/admin/pengguna/", "/admin/pemohon/",
                "/admin/data-pribadi/", "/admin/katalog/", "/admin/pengaduan/",
                "/admin/laporan/", "/admin/outbox/", "/admin/konten/"):
        assert auditor.get(url).status_code in (404, 308), url


def test_the_screen_shows_the_subject_and_names_an_unknown_actor_in_the_readers_language(
        app, client):
    login(client, "6472000000009999", PASSWORD)  # nobody
    admin, _ = staff_client(app, "Super Admin")
    html = admin.get("/admin/audit/?jenis=login.failed").get_data(as_text=True)
    row = html[html.index('data-kind="login.failed"'):]
    row = row[:row.index("</tr>")]
    assert re.search(r"<th[^>]*>Subjek</th>", html)
    assert 'audit-subject">6472********9999<' in row and "Tidak dikenal" in row
    admin.get("/bahasa/en")
    english = admin.get("/admin/audit/?jenis=login.failed").get_data(as_text=True)
    row = english[english.index('data-kind="login.failed"'):]
    row = row[:row.index("</tr>")]
    assert "Unknown" in row and "Tidak dikenal" not in row


def test_dates_given_backwards_are_swapped_and_said_so(app):
    admin, _ = staff_client(app, "Super Admin")
    today = calendar.today()
    backwards = f"dari={today + timedelta(days=30)}&sampai={today - timedelta(days=30)}"
    response = admin.get(f"/admin/audit/?{backwards}")
    text = page_text(response)
    assert "Tanggal awal lebih akhir dari tanggal akhir; keduanya ditukar." in text
    assert 'data-kind="login.ok"' in response.get_data(as_text=True)  # the admin's own login
