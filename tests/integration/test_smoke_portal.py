"""The public pages a visitor opens first."""


def test_landing_page_offers_register_and_login(client):
    html = client.get("/").get_data(as_text=True)
    assert "Perizinan Online" in html
    assert 'href="/daftar"' in html and 'href="/masuk"' in html


def test_english_can_be_chosen(client):
    client.get("/bahasa/en", headers={"Referer": "http://localhost/"})
    html = client.get("/masuk").get_data(as_text=True)
    assert '<html lang="en">' in html


def test_a_visitor_reading_public_pages_is_given_no_session_cookie(client):
    """Nothing was chosen or logged in, so there is nothing to keep; the page is still in
    the office's language, and a chosen language is still kept."""
    for path in ("/", "/lacak", "/lacak?resi=K7QM2XHD9RTB", "/persyaratan", "/survey-kepuasan"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.headers.get_all("Set-Cookie") == [], path
        assert '<html lang="id">' in response.get_data(as_text=True), path
    client.get("/bahasa/en", headers={"Referer": "http://localhost/"})
    assert '<html lang="en">' in client.get("/lacak").get_data(as_text=True)


def test_unknown_page_is_a_friendly_indonesian_404(client):
    response = client.get("/tidak-ada")
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.get_data(as_text=True)


def test_region_cascade_lists_children(client):
    regencies = client.get("/wilayah/64").get_json()
    assert any(r["name"] == "Kota Samarinda" for r in regencies)
    assert client.get("/wilayah/99.99").status_code == 404
