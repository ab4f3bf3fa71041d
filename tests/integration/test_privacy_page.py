"""Kebijakan Privasi (/privasi): public, linked from every page's footer, in Indonesian and
English; its retention periods and contact come from configuration, not from the template."""

from __future__ import annotations

import pytest

from tests.backoffice_helpers import page_text


@pytest.fixture
def app_overrides():
    return {"RETENTION_DRAFT_DAYS": 90, "RETENTION_ABANDONED_ACCOUNT_DAYS": 0,
            "RETENTION_OUTBOX_DAYS": 14, "PRIVACY_CONTACT_EMAIL": "ppdp@kantor.contoh.id",
            "OFFICE_NAME": "Kantor Uji Privasi", "RETENTION_AUDIT_IP_DAYS": 45,
            "PRIVACY_NOTICE_VERSION": "2027-03", "RETENTION_SESSION_DAYS": 60,
            "RETENTION_CODE_DAYS": 0}


def test_the_page_states_what_the_configuration_does(client):
    response = client.get("/privasi")
    assert response.status_code == 200
    html, text = response.get_data(as_text=True), page_text(response)
    assert 'id="retention-drafts">90 hari<' in html
    assert 'id="retention-accounts">tanpa batas otomatis<' in html
    assert 'id="retention-outbox">14 hari<' in html
    assert 'id="retention-audit-ip">45 hari<' in html
    assert 'id="retention-sessions">60 hari<' in html
    assert 'id="retention-codes">tanpa batas otomatis<' in html
    assert "Versi kebijakan: 2027-03." in text
    assert 'href="mailto:ppdp@kantor.contoh.id"' in html
    assert "Kantor Uji Privasi memproses data pribadi Anda" in text
    assert 'href="/akun/hapus-akun"' in html and 'href="/akun/data-saya.zip"' in html


def test_every_page_links_to_it_and_it_reads_in_english(client):
    assert 'id="footer-privacy"' in client.get("/").get_data(as_text=True)
    client.get("/bahasa/en")
    text = page_text(client.get("/privasi"))
    assert "Privacy Policy" in text and "How long data is kept" in text
    assert "90 days" in text and "90 hari" not in text
