"""An item's page names a missing property by its label, never by its JSON key."""

from __future__ import annotations

from tests.backoffice_helpers import page_text
from tests.catalogue_helpers import csrf, publish_sample
from tests.integration.catalogue_console.test_catalogue_draft import start_draft

NEW = "/admin/katalog/draf/izin/_baru"


def test_a_new_permit_without_requirements_is_told_so_by_the_label(admin):
    publish_sample()
    start_draft(admin)
    response = admin.post(NEW, data={
        "csrf_token": csrf(admin, NEW), "code": "IZIN-BARU", "name_id": "Izin Baru",
        "agency": "DINKES", "sector": "KESEHATAN", "application_types": ["baru"],
        "sla_working_days": "5", "fee": "0", "registration_number": "{seq}/IB/{year}",
        "permit_number": "IB/{seq:04}/{year}", "routing": "rekomendasi-teknis"})
    assert response.status_code == 302, page_text(response)[:1500]
    shown = page_text(admin.get(response.location))
    assert "Isian 'Persyaratan' wajib diisi." in shown
    assert "'requirements'" not in shown
