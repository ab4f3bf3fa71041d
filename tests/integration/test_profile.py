"""Edit Profile, change password and profile photo — and that nobody reaches another's."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from sqlalchemy import select

from app.extensions import db
from app.models import ApplicantProfile
from tests.helpers import PASSWORD, get_form, login, make_applicant


def png_bytes(size=(1200, 800), color=(10, 120, 80), fmt="PNG") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, fmt)
    return out.getvalue()


@pytest.fixture
def logged_in(app, client):
    user, data = make_applicant(app, email="profil@contoh.id")
    login(client, data["nik"])
    return user, data


def profile_of(user):
    return db.session.scalar(select(ApplicantProfile).where(ApplicantProfile.user_id == user.id))


def profile_post(client, **changes):
    token = get_form(client, "/akun/profil")
    data = {"csrf_token": token, "name": "Siti Aminah, S.E.", "gender": "P",
            "birth_date": "1990-05-15", "education": "S1", "occupation": "Wiraswasta",
            "address": "Jl. Juanda No. 7", "province_code": "64", "regency_code": "64.72",
            "district_code": "64.72.01", "village_code": "64.72.01.1003",
            "phone": "081234567890", "postal_code": "75131", "language": "id"}
    data.update(changes)
    return client.post("/akun/profil", data=data, follow_redirects=True)


def test_identity_fields_are_read_only_and_greyed(client, logged_in):
    _user, data = logged_in
    html = client.get("/akun/profil").get_data(as_text=True)
    assert f'value="{data["nik"]}" readonly disabled' in html
    assert 'name="nik"' not in html


def test_saving_the_profile(client, logged_in):
    user, _data = logged_in
    html = profile_post(client, phone="0813 1111 2222", postal_code="75242",
                        occupation="Dosen").get_data(as_text=True)
    assert "Data berhasil disimpan" in html
    profile = profile_of(user)
    assert (profile.phone, profile.postal_code, profile.occupation) == (
        "081311112222", "75242", "Dosen")


def test_identity_cannot_be_changed_by_posting_it(client, logged_in):
    user, data = logged_in
    profile_post(client, nik="6472011505901234", npwp="123456789012345", kind="badan_usaha")
    profile = profile_of(user)
    assert (profile.nik, profile.npwp, profile.kind) == (data["nik"], None, "perorangan")


def test_bad_profile_input_is_explained_and_nothing_changes(client, logged_in):
    user, _data = logged_in
    html = profile_post(client, phone="999", postal_code="1", name="").get_data(as_text=True)
    assert "Nomor HP tidak valid" in html and "Kode pos harus 5 digit angka" in html
    assert "Nama wajib diisi" in html
    assert profile_of(user).phone == "081234567890"


def test_change_password(client, logged_in):
    _user, data = logged_in
    token = get_form(client, "/akun/password")
    html = client.post("/akun/password", data={
        "csrf_token": token, "old_password": "Salah-Lama-1", "new_password": "Ganti-Baru-77x",
        "new_password_confirm": "Ganti-Baru-77x"}).get_data(as_text=True)
    assert "Password lama salah" in html
    token = get_form(client, "/akun/password")
    # nothing typed: each field asks for itself, none says a password was wrong
    empty = client.post("/akun/password", data={
        "csrf_token": token, "old_password": "", "new_password": "",
        "new_password_confirm": ""}).get_data(as_text=True)
    assert "Password lama wajib diisi." in empty and "Password baru wajib diisi." in empty
    assert "Password lama salah" not in empty
    token = get_form(client, "/akun/password")
    response = client.post("/akun/password", data={
        "csrf_token": token, "old_password": PASSWORD, "new_password": "Ganti-Baru-77x",
        "new_password_confirm": "Ganti-Baru-77x"})
    assert response.status_code == 302
    client.post("/keluar", data={"csrf_token": get_form(client, "/dashboard")})
    assert login(client, data["nik"], "Ganti-Baru-77x").location == "/dashboard"


def upload(client, content: bytes, filename: str):
    token = get_form(client, "/akun/profil")
    return client.post("/akun/foto", data={"csrf_token": token,
                                           "photo": (io.BytesIO(content), filename)},
                       content_type="multipart/form-data", follow_redirects=True)


def test_photo_is_checked_by_content_resized_and_reencoded(client, logged_in):
    user, _data = logged_in
    html = upload(client, png_bytes(), "foto.png").get_data(as_text=True)
    assert "Foto profil berhasil diperbarui" in html
    with client.get("/akun/foto") as photo:
        assert photo.status_code == 200 and photo.mimetype == "image/jpeg"
        image = Image.open(io.BytesIO(photo.data))
    assert image.format == "JPEG" and max(image.size) <= 400


@pytest.mark.parametrize(
    ("content", "filename", "message"),
    [
        (b"%PDF-1.4 not an image", "foto.jpg", "File bukan gambar yang valid"),
        (b"MZ\x90\x00 executable", "foto.png", "File bukan gambar yang valid"),
        (b"\xff\xd8" + b"0" * (6 * 1024 * 1024), "besar.jpg", "Ukuran foto maksimal 5 MB"),
    ],
)
def test_photo_rejections(client, logged_in, content, filename, message):
    user, _data = logged_in
    html = upload(client, content, filename).get_data(as_text=True)
    assert message in html
    assert profile_of(user).photo_key is None


def test_one_applicant_cannot_see_or_change_anothers_profile_or_photo(app, client):
    owner, owner_data = make_applicant(app, email="pemilik@contoh.id")
    other_client = app.test_client()
    login(client, owner_data["nik"])
    upload(client, png_bytes(color=(200, 0, 0)), "merah.png")
    with client.get("/akun/foto") as response:
        owner_photo = response.data

    _intruder, intruder_data = make_applicant(app, email="penyusup@contoh.id")
    login(other_client, intruder_data["nik"])
    # the intruder has no photo; no URL takes another person's id
    assert other_client.get("/akun/foto").status_code == 404
    for url in (f"/akun/foto/{owner.id}", f"/akun/profil/{owner.id}",
                f"/akun/foto?user_id={owner.id}"):
        with other_client.get(url) as response:
            assert response.status_code == 404 or response.data != owner_photo
    token = get_form(other_client, "/akun/profil")
    other_client.post("/akun/profil", data={"csrf_token": token, "user_id": owner.id,
                                            "name": "Diubah Penyusup", "address": "X"})
    assert profile_of(owner).name == "Siti Aminah, S.E."
    # the intruder's page shows only their own data
    html = other_client.get("/akun/profil").get_data(as_text=True)
    assert owner_data["nik"] not in html and "pemilik@contoh.id" not in html


def test_profile_refuses_a_future_birth_date_like_registration_does(client, logged_in):
    """One field declaration for both forms (issue 14): the profile used to accept it."""
    user, _data = logged_in
    html = profile_post(client, birth_date="2999-01-01").get_data(as_text=True)
    assert "Tanggal tidak boleh di masa depan." in html
    assert "Data belum lengkap atau tidak valid" in html
    assert profile_of(user).birth_date.isoformat() == "1990-05-15"


def test_profile_keeps_the_mobile_number_in_the_one_stored_form(client, logged_in):
    user, _data = logged_in
    assert "Data berhasil disimpan" in profile_post(
        client, phone="+62 813-1111-2222").get_data(as_text=True)
    assert profile_of(user).phone == "081311112222"


def test_profile_address_must_be_one_chain_of_regions(client, logged_in):
    user, _data = logged_in
    html = profile_post(client, village_code="64.71.01.1001").get_data(as_text=True)
    assert "Kelurahan/Desa tidak valid" in html
    assert profile_of(user).village_code == "64.72.01.1003"
