"""RETENTION_AUDIT_IP_DAYS (default 180): `flask privacy purge` empties the IP address of
audit-log entries older than that and reports how many, like its other rules; the entry
itself (when, who, what) stays, recent entries keep their address, and the log screen and
its export show "—" where the address is gone."""

from __future__ import annotations

import io
import re
from datetime import timedelta

from openpyxl import load_workbook
from sqlalchemy import select, update

from app.extensions import db
from app.models import AuditEntry, utcnow
from tests.backoffice_helpers import staff_client
from tests.helpers import login, make_applicant


def _failed_logins() -> list[AuditEntry]:
    return list(db.session.scalars(select(AuditEntry).where(
        AuditEntry.kind == "login.failed").order_by(AuditEntry.id)))


def _aged(entry_id: int, days: int) -> None:
    # a bulk UPDATE, as only a test (and the purge) may: the ORM guards each entry
    db.session.execute(update(AuditEntry).where(AuditEntry.id == entry_id)
                       .values(created_at=utcnow() - timedelta(days=days)))
    db.session.commit()


def test_purge_clears_the_address_of_old_entries_only(app, client, runner):
    _person, data = make_applicant(app)
    for _ in range(3):
        assert login(client, data["nik"], "Salah-Sandi-1").status_code == 200
    old, edge, recent = _failed_logins()
    assert {old.ip, edge.ip, recent.ip} == {"127.0.0.1"}
    _aged(old.id, 181)
    _aged(edge.id, 179)
    before = (old.created_at, old.kind, old.actor_id, old.actor_name, old.summary)

    dry = runner.invoke(args=["privacy", "purge", "--dry-run"])
    assert "1 alamat IP log audit dikosongkan" in dry.output, dry.output
    db.session.expire_all()
    assert db.session.get(AuditEntry, old.id).ip == "127.0.0.1"

    result = runner.invoke(args=["privacy", "purge"])
    assert result.exit_code == 0, result.output
    assert "1 alamat IP log audit dikosongkan" in result.output
    db.session.expire_all()
    cleared = db.session.get(AuditEntry, old.id)
    assert cleared.ip is None
    assert (cleared.created_at, cleared.kind, cleared.actor_id, cleared.actor_name,
            cleared.summary) == before
    assert db.session.get(AuditEntry, edge.id).ip == "127.0.0.1"
    assert db.session.get(AuditEntry, recent.id).ip == "127.0.0.1"
    record = db.session.scalars(select(AuditEntry).where(
        AuditEntry.kind == "privacy.purged")).one()
    assert record.details["audit_ips"] == 1
    assert "Alamat IP log audit 1" in record.summary

    again = runner.invoke(args=["privacy", "purge"]).output
    assert "0 alamat IP log audit dikosongkan" in again


def test_the_log_screen_and_export_show_a_dash_for_a_cleared_address(app, client, runner):
    _person, data = make_applicant(app)
    login(client, data["nik"], "Salah-Sandi-1")
    _aged(_failed_logins()[0].id, 400)
    assert runner.invoke(args=["privacy", "purge"]).exit_code == 0
    admin, _ = staff_client(app, "Super Admin")

    html = admin.get("/admin/audit/?jenis=login.failed").get_data(as_text=True)
    row = html[html.index('data-kind="login.failed"'):]
    row = row[:row.index("</tr>")]
    assert re.search(r'<td class="[^"]*font-monospace[^"]*">—</td>$', row.rstrip())  # the IP
    book = admin.get("/admin/audit/ekspor.xlsx?jenis=login.failed").data
    rows = list(load_workbook(io.BytesIO(book)).active.iter_rows(values_only=True))
    header = next(i for i, r in enumerate(rows) if r and r[-1] == "Alamat IP")
    assert [r[7] for r in rows[header + 1:]] == ["—"]


def test_zero_keeps_every_address(app, client, runner):
    app.config["RETENTION_AUDIT_IP_DAYS"] = 0
    _person, data = make_applicant(app)
    login(client, data["nik"], "Salah-Sandi-1")
    entry = _failed_logins()[0]
    _aged(entry.id, 4000)
    assert "0 alamat IP log audit" in runner.invoke(args=["privacy", "purge"]).output
    db.session.expire_all()
    assert db.session.get(AuditEntry, entry.id).ip == "127.0.0.1"
