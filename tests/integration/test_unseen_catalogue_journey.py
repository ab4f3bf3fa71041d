"""A catalogue the code has never seen — new agencies, roles, application types, a permit and a
routing with a parallel survey by two agencies — goes the whole way through the web: the
applicant's wizard, the verifier screens of its own new roles, issuance and verification."""

from __future__ import annotations

import io

from pypdf import PdfReader
from sqlalchemy import select

from app.extensions import db
from app.models import Application
from tests.backoffice_helpers import act, action_buttons, detail, staff_client
from tests.helpers import login, make_applicant, publish_catalogue
from tests.unit.catalogue.catalogue_builders import make_catalogue_dict
from tests.wizard_client import fill_and_submit


def test_unseen_catalogue_from_wizard_to_verified_permit(app, client):
    data = make_catalogue_dict()
    publish_catalogue(app, data)
    permit = data["permits"][0]
    user, person = make_applicant(app)
    assert login(client, person["nik"]).status_code == 302
    uid = fill_and_submit(client, app, permit, "daftar")

    loket, _ = staff_client(app, "Petugas Loket", "MPP")
    queue = loket.get("/admin/antrian/").get_data(as_text=True)
    assert uid in queue
    assert action_buttons(detail(loket, uid).get_data(as_text=True)) == [
        "terima", "kembalikan", "tolak"]
    assert act(loket, uid, "terima").status_code == 302

    # the parallel survey: the permit's own Dinas and DPUPR, each once, then the join
    dispar, _ = staff_client(app, "Surveyor", "DISPAR")
    dpupr, _ = staff_client(app, "Surveyor", "DPUPR")
    outsider, _ = staff_client(app, "Surveyor", "MPP")
    seen = outsider.get(f"/admin/antrian/{uid}")  # MPP handled it earlier, so it may look
    assert seen.status_code == 200 and action_buttons(seen.get_data(as_text=True)) == []
    assert act(dispar, uid, "layak", note="Layak huni").status_code == 302
    application = db.session.scalar(select(Application).where(Application.uid == uid))
    assert application.current_step == "survei"
    assert [t.agency_code for t in application.open_tasks] == ["DPUPR"]
    assert act(dpupr, uid, "layak", note="Bangunan aman").status_code == 302
    db.session.expire_all()
    application = db.session.scalar(select(Application).where(Application.uid == uid))
    assert application.current_step == "putus"

    kepala, _ = staff_client(app, "Kepala Kantor", "MPP")
    assert act(kepala, uid, "setujui").status_code == 302
    db.session.expire_all()
    application = db.session.scalar(select(Application).where(Application.uid == uid))
    assert application.status == "issued"
    assert application.permit.number.startswith("556/00001/DISPAR/")

    # the applicant downloads it; the public page vouches for it
    pdf = client.get(f"/permohonan/{uid}/izin.pdf")
    assert pdf.status_code == 200
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.data)).pages)
    assert application.permit.number in text
    public = app.test_client().get(f"/verifikasi/{application.permit.token}")
    assert public.status_code == 200 and "Berlaku" in public.get_data(as_text=True)
