"""Before the registration form collects a NIK or NPWP, it tells the person who processes
the data and why, and links the privacy policy (UU PDP: information at collection)."""

from __future__ import annotations

import pytest

from tests.backoffice_helpers import page_text


@pytest.mark.parametrize("kind", ["perorangan", "badan-usaha"])
def test_registration_form_names_the_purpose_and_links_the_privacy_policy(app, client, kind):
    response = client.get(f"/daftar/{kind}")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    form = html[html.index("<form"):html.index("</form>")]
    assert 'href="/privasi"' in form
    notice = page_text(client.get(f"/daftar/{kind}")).split("Data yang Anda isi")[1]
    assert "untuk melayani permohonan izin" in notice
    assert "Undang-Undang Nomor 27 Tahun 2022" in notice
