"""The public pages a visitor opens first."""


def test_landing_page_offers_register_and_login(client):
    html = client.get("/").get_data(as_text=True)
    assert "Perizinan Online" in html
    assert 'href="/daftar"' in html and 'href="/masuk"' in html


def test_english_can_be_chosen(client):
    client.get("/bahasa/en", headers={"Referer": "http://localhost/"})
    html = client.get("/masuk").get_data(as_text=True)
    assert '<html lang="en">' in html


def test_unknown_page_is_a_friendly_indonesian_404(client):
    response = client.get("/tidak-ada")
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.get_data(as_text=True)


def test_region_cascade_lists_children(client):
    regencies = client.get("/wilayah/64").get_json()
    assert any(r["name"] == "Kota Samarinda" for r in regencies)
    assert client.get("/wilayah/99.99").status_code == 404
