"""Catalogue CLI and console: validate, import an unseen catalogue, access, upload -> diff ->
publish, broken and bad uploads, CSRF, draft edit -> publish, stale drafts, form preview,
downloads. Real database, real staff login (password + captcha + TOTP)."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from itertools import count
from pathlib import Path

import pyotp
import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select, text

import catalogue as cat_lib
from app.extensions import db
from app.models import CatalogueDraft, CatalogueVersion
from app.services import catalogue_store as store
from forms_schema import build_form, validate_answers
from tests.helpers import CAPTCHA, PASSWORD, get_form, login, make_applicant, make_staff

SAMPLE = Path(cat_lib.DEFINITIONS)
SERIAL = count(1)


# ---- builders shared with test_persyaratan.py and the e2e test ---------------------------

def reset_catalogue() -> None:
    """Catalogue tables are not emptied by the app fixture; versions also live in a cache
    keyed by id, which SQLite may reuse once the rows are gone."""
    db.session.rollback()
    with db.engine.begin() as conn:
        for table in ("catalogue_asset", "catalogue_draft", "catalogue_version"):
            conn.execute(text(f"DELETE FROM {table}"))
    store._cache.clear()


def publish_sample() -> CatalogueVersion:
    return store.import_path(SAMPLE)


def version_count() -> int:
    return db.session.scalar(select(func.count(CatalogueVersion.id)))


def t(text_id: str) -> dict:
    return {"id": text_id}


def unseen_catalogue() -> dict:
    """A catalogue the code has never seen: new agencies, application types, roles, routing,
    permit code, requirement and field keys."""
    return {
        "application_types": [{"code": "izin_awal", "name": t("Izin Awal")},
                              {"code": "izin_lanjut", "name": t("Izin Lanjutan")}],
        "agencies": [
            {"code": "KANTOR-PADU", "name": t("Kantor Pelayanan Terpadu Kabupaten Contoh"),
             "kind": "dpmptsp"},
            {"code": "DISKOMINFO", "name": t("Dinas Komunikasi dan Informatika"),
             "kind": "dinas"},
            {"code": "SATPOLPP", "name": t("Satuan Polisi Pamong Praja"), "kind": "badan"},
        ],
        "sectors": [{"code": "TELEKOMUNIKASI", "name": t("Telekomunikasi"),
                     "agency": "DISKOMINFO"}],
        "roles": [{"name": "Petugas Meja"}, {"name": "Penilai Menara"},
                  {"name": "Kepala Kantor Padu"}],
        "routings": [{"code": "penilaian-menara", "name": t("Penilaian Menara"), "steps": [
            {"key": "terima", "name": t("Terima Berkas"), "role": "Petugas Meja",
             "agency": "KANTOR-PADU", "sla_days": 1,
             "actions": {"teruskan": "nilai", "kembalikan": "@applicant",
                         "tolak": "@rejected"}},
            {"key": "nilai", "name": t("Penilaian Lapangan"), "role": "Penilai Menara",
             "agencies": ["@permit", "SATPOLPP"], "sla_days": 3,
             "actions": {"layak": "putuskan", "tidak_layak": "@rejected"}},
            {"key": "putuskan", "name": t("Keputusan Kepala"), "role": "Kepala Kantor Padu",
             "agency": "KANTOR-PADU", "sla_days": 1,
             "actions": {"setujui": "@issued", "tolak": "@rejected"}},
        ]}],
        "permits": [{
            "code": "IZIN-MENARA-TELKOM", "name": t("Izin Pendirian Menara Telekomunikasi"),
            "agency": "DISKOMINFO", "sector": "TELEKOMUNIKASI",
            "description": t("Izin mendirikan menara telekomunikasi bersama."),
            "legal_basis": ["Peraturan Daerah Kabupaten Contoh Nomor 3 Tahun 2025"],
            "application_types": ["izin_awal", "izin_lanjut"], "sla_working_days": 7,
            "validity": {"years": 2, "months": 6}, "fee": 2750000,
            "registration_number": "{seq}/MNR/{year}",
            "permit_number": "640/{seq:03}/{agency}/{year}", "routing": "penilaian-menara",
            "requirements": [
                {"key": "gambar_teknis", "name": t("Gambar Teknis Menara"), "required": True,
                 "formats": ["pdf"], "max_mb": 10},
                {"key": "izin_awal_lama", "name": t("Izin Awal Sebelumnya"), "required": True,
                 "formats": ["pdf"], "max_mb": 2, "applies_to": ["izin_lanjut"]},
                {"key": "persetujuan_warga", "name": t("Persetujuan Warga Sekitar"),
                 "required": False, "formats": ["pdf", "jpg"], "max_mb": 5},
            ],
            "form": {"sections": [{"key": "menara", "title": t("Data Menara"), "fields": [
                {"key": "tinggi_menara", "type": "decimal", "label": t("Tinggi Menara (m)"),
                 "required": True, "min": 6, "max": 120},
                {"key": "jenis_menara", "type": "select", "label": t("Jenis Menara"),
                 "required": True, "options": ["mandiri", "kamuflase"]},
                {"key": "bentuk_kamuflase", "type": "text", "label": t("Bentuk Kamuflase"),
                 "visible_if": "jenis_menara == 'kamuflase'",
                 "required_if": "jenis_menara == 'kamuflase'"},
                {"key": "titik_menara", "type": "geopoint", "label": t("Titik Menara")},
                {"key": "operator_penyewa", "type": "group", "label": t("Operator Penyewa"),
                 "min_rows": 1, "max_rows": 4, "fields": [
                     {"key": "nama_operator", "type": "text", "label": t("Nama Operator"),
                      "required": True},
                     {"key": "nib_operator", "type": "nib", "label": t("NIB Operator")}]},
            ]}]},
        }],
        "lookups": [],
        "holidays": [{"date": "2027-01-01", "name": "Tahun Baru 2027 Masehi",
                      "kind": "national"}],
    }


def sample_workbook(path: Path) -> Path:
    cat_lib.dump_xlsx(cat_lib.load_folder(SAMPLE), path)
    return path


class Book:
    """A workbook opened for editing cells by sheet, key column and header."""

    def __init__(self, path: Path):
        self.path = path
        self.wb = load_workbook(path)

    def column(self, sheet: str, header: str) -> int:
        return [c.value for c in self.wb[sheet][1]].index(header) + 1

    def find_row(self, sheet: str, **match) -> int:
        ws = self.wb[sheet]
        for row in range(2, ws.max_row + 1):
            if all(ws.cell(row, self.column(sheet, k)).value == v for k, v in match.items()):
                return row
        raise LookupError(f"{sheet} {match}")

    def set(self, sheet: str, row: int, header: str, value) -> None:
        self.wb[sheet].cell(row, self.column(sheet, header)).value = value

    def append(self, sheet: str, **values) -> None:
        ws = self.wb[sheet]
        row = ws.max_row + 1
        for header, value in values.items():
            ws.cell(row, self.column(sheet, header)).value = value

    def save(self) -> Path:
        self.wb.save(self.path)
        return self.path


def changed_workbook(path: Path) -> Path:
    """The sample with SIPA's fee and SLA changed and a new requirement for it."""
    book = Book(sample_workbook(path))
    row = book.find_row("Permits", code="SIPA")
    book.set("Permits", row, "fee", 1500000)
    book.set("Permits", row, "sla_working_days", 12)
    book.append("Requirements", permit="SIPA", key="uji_kualitas_air",
                name_id="Hasil Uji Kualitas Air", required=True, formats="pdf", max_mb=4)
    return book.save()


def broken_workbook(path: Path) -> tuple[Path, list[tuple[str, int, str]]]:
    book = Book(sample_workbook(path))
    planted = []
    for sheet, match, header, value in (
        ("Permits", {"code": "SIPA"}, "fee", "gratis"),
        ("Permits", {"code": "SIPI"}, "registration_number", "{seq}/{tahun}"),
        ("Agencies", {"code": "DINKES"}, "kind", "kantor"),
        ("Requirements", {"permit": "SIP-DOKTER", "key": "ktp"}, "max_mb", "lima"),
    ):
        row = book.find_row(sheet, **match)
        book.set(sheet, row, header, value)
        planted.append((sheet, row, header))
    return book.save(), planted


# ---- staff in a test client -----------------------------------------------------------------

def staff_login(app, client, role: str = "Admin Katalog", agency: str = "DPMPTSP"):
    email = f"katalog{next(SERIAL)}@contoh.id"
    user = make_staff(app, role, agency, email=email)
    token = get_form(client, "/staff/login", "staff")
    response = client.post("/staff/login", data={"csrf_token": token, "identity": email,
                                                 "password": PASSWORD, "captcha": CAPTCHA})
    assert response.location == "/staff/totp", response.get_data(as_text=True)[:500]
    html = client.get("/staff/totp").get_data(as_text=True)
    secret = re.search(r'id="totp-secret"[^>]*>([A-Z2-7]+)<', html).group(1)
    token = get_form(client, "/staff/totp")
    response = client.post("/staff/totp", data={"csrf_token": token,
                                                "code": pyotp.TOTP(secret).now()})
    assert response.location == "/admin/"
    return user


def page_text(response) -> str:
    """The page as a person reads it: tags dropped, entities unescaped, spaces collapsed."""
    import html

    body = re.sub(r"<(script|style)\b.*?</\1>", " ", response.get_data(as_text=True), flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body)))


def csrf(client, url: str) -> str:
    return get_form(client, url)


def upload(client, content: bytes, name: str):
    token = csrf(client, "/admin/katalog/unggah/")
    return client.post("/admin/katalog/unggah/", data={
        "csrf_token": token, "file": (io.BytesIO(content), name)},
        content_type="multipart/form-data")


def publish_upload(client, note: str = ""):
    html = client.get("/admin/katalog/unggah/periksa").get_data(as_text=True)
    digest = re.search(r'name="digest"[^>]*value="([0-9a-f]+)"', html).group(1)
    base = re.search(r'name="base"[^>]*value="(\d+)"', html).group(1)
    return client.post("/admin/katalog/unggah/terbitkan", data={
        "csrf_token": csrf(client, "/admin/katalog/unggah/periksa"), "digest": digest,
        "base": base, "note": note})


@pytest.fixture(autouse=True)
def clean_catalogue(app):
    reset_catalogue()
    yield
    reset_catalogue()


@pytest.fixture
def admin(app, client):
    staff_login(app, client)
    return client


# ---- CLI -------------------------------------------------------------------------------------

def test_cli_validate_passes_on_the_sample_folder_and_its_workbook(runner):
    for source in (SAMPLE, SAMPLE / "catalogue.xlsx"):
        result = runner.invoke(args=["catalogue", "validate", str(source)])
        assert result.exit_code == 0, result.output
        assert "Katalog valid: 9 instansi, 15 jenis izin, 3 alur, 2 tabel referensi." in \
            result.output
    assert version_count() == 0  # validating changes nothing


def test_cli_validate_reports_every_error_of_a_broken_workbook(runner, tmp_path):
    shutil.copytree(SAMPLE / "templates", tmp_path / "templates")  # files it refers to
    path, planted = broken_workbook(tmp_path / "rusak.xlsx")
    result = runner.invoke(args=["catalogue", "validate", str(path)])
    assert result.exit_code == 1
    assert f"Katalog tidak valid: {len(planted)} masalah ditemukan." in result.output
    for sheet, row, column in planted:
        assert f"{sheet}, baris {row}, kolom {column}" in result.output
    assert "harus berupa angka" in result.output and "tahun" in result.output
    import_result = runner.invoke(args=["catalogue", "import", str(path)])
    assert import_result.exit_code == 1 and version_count() == 0


def test_cli_imports_a_catalogue_the_code_has_never_seen_and_its_forms_build(
        app, runner, tmp_path):
    path = tmp_path / "kabupaten-contoh.xlsx"
    cat_lib.dump_xlsx(cat_lib.Catalogue(unseen_catalogue()), path)
    result = runner.invoke(args=["catalogue", "import", str(path), "--note", "katalog baru"])
    assert result.exit_code == 0, result.output
    assert "Versi 1 diterbitkan." in result.output
    version = store.current_version()
    assert version.number == 1 and version.note == "katalog baru"
    cat = store.catalogue_of(version)
    assert [p["code"] for p in cat.permits] == ["IZIN-MENARA-TELKOM"]
    assert cat.routing("penilaian-menara")["steps"][1]["agencies"] == ["@permit", "SATPOLPP"]
    # the routing's new roles exist, so staff can be given them
    assert app.appbuilder.sm.find_role("Penilai Menara") is not None

    from app.services.catalogue_forms import form_context

    permit = cat.permit("IZIN-MENARA-TELKOM")
    context = form_context(cat, permit, files={})
    form_class = build_form(permit["form"], context=context)
    assert set(form_class.schema_fields) == {"tinggi_menara", "jenis_menara",
                                             "bentuk_kamuflase", "titik_menara",
                                             "operator_penyewa"}
    good = {"tinggi_menara": "42.5", "jenis_menara": "kamuflase",
            "bentuk_kamuflase": "pohon", "titik_menara": "-0.50,117.15",
            "operator_penyewa": [{"nama_operator": "PT Sinyal Kuat"}]}
    assert validate_answers(permit["form"], good, context=context) == {}
    bad = dict(good, bentuk_kamuflase=None, tinggi_menara="200")
    errors = validate_answers(permit["form"], bad, context=context)
    assert set(errors) == {"bentuk_kamuflase", "tinggi_menara"}

    again = runner.invoke(args=["catalogue", "import", str(path), "--if-changed"])
    assert again.exit_code == 0 and "Tidak ada perubahan" in again.output
    assert version_count() == 1


# ---- access -----------------------------------------------------------------------------------

CONSOLE_PAGES = ["/admin/katalog/", "/admin/katalog/izin/", "/admin/katalog/izin/SIPA",
                 "/admin/katalog/draf/", "/admin/katalog/unggah/", "/admin/katalog/versi/",
                 "/admin/katalog/izin/SIPA/pratinjau", "/admin/katalog/unduh/terkini.xlsx"]


def test_anonymous_visitors_are_sent_to_the_staff_login(client):
    publish_sample()
    for url in CONSOLE_PAGES:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.location.startswith("/staff/login?next="), url


def test_applicants_and_verifiers_are_refused(app, client):
    publish_sample()
    _user, data = make_applicant(app, email="warga-katalog@contoh.id")
    login(client, data["nik"])
    for url in CONSOLE_PAGES:
        response = client.get(url)
        assert response.status_code in (302, 403, 404), url
        assert "Katalog Perizinan" not in response.get_data(as_text=True)
    client.post("/keluar", data={"csrf_token": get_form(client, "/dashboard")})

    other = app.test_client()
    staff_login(app, other, "Verifikator")
    for url in CONSOLE_PAGES:
        assert other.get(url).status_code == 404, url
    home = other.get("/admin/").get_data(as_text=True)
    assert 'href="/admin/katalog/"' not in home


@pytest.mark.parametrize("role", ["Admin Katalog", "Super Admin"])
def test_catalogue_admins_get_every_screen(app, client, role):
    publish_sample()
    staff_login(app, client, role)
    for url in CONSOLE_PAGES:
        assert client.get(url).status_code == 200, url
    home = client.get("/admin/").get_data(as_text=True)
    assert 'href="/admin/katalog/"' in home  # one menu entry; its screens link the others
    nav = page_text(client.get("/admin/katalog/"))
    assert "Katalog terbit Draf Unggah Workbook Riwayat Versi" in nav


# ---- upload -> diff -> publish -------------------------------------------------------------

def test_upload_shows_the_diff_then_publishes_the_next_version_by_the_uploader(
        app, admin, tmp_path):
    publish_sample()
    path = changed_workbook(tmp_path / "katalog-baru.xlsx")
    response = upload(admin, path.read_bytes(), "katalog-baru.xlsx")
    assert response.status_code == 302 and response.location.endswith("/unggah/periksa")
    assert version_count() == 1  # nothing published by looking

    review = page_text(admin.get("/admin/katalog/unggah/periksa"))
    assert "katalog-baru.xlsx valid: 15 jenis izin" in review
    assert "Perbedaan dengan versi 1" in review
    assert "SIPA Lama proses (hari kerja): 10 → 12 Retribusi: 0 → 1500000 — " \
        "+ uji_kualitas_air" in review, review
    assert "Terbitkan sebagai versi 2" in review

    response = publish_upload(admin, note="Retribusi SIPA")
    assert response.status_code == 302 and response.location.endswith("/admin/katalog/versi/")
    version = store.current_version()
    assert version.number == 2 and version.source == "unggah katalog-baru.xlsx"
    assert version.created_by.email.startswith("katalog") and version.note == "Retribusi SIPA"
    sipa = store.catalogue_of(version).permit("SIPA")
    assert sipa["fee"] == 1500000 and sipa["sla_working_days"] == 12
    # the workbook carries no files: the templates of version 1 are kept
    assert {a.path for a in version.assets} >= {"templates/surat-pernyataan.pdf"}

    history = page_text(admin.get("/admin/katalog/versi/"))
    assert "Versi 2 diterbitkan dari katalog-baru.xlsx." in history
    assert re.search(r"v2 terkini .*katalog\d+@contoh\.id.*unggah katalog-baru\.xlsx "
                     r"Retribusi SIPA", history)
    # the staged upload is gone: publishing again does nothing
    assert admin.get("/admin/katalog/unggah/periksa").status_code == 302
    assert version_count() == 2


def test_a_broken_workbook_gives_the_full_report_and_publishes_nothing(admin, tmp_path):
    publish_sample()
    path, planted = broken_workbook(tmp_path / "rusak.xlsx")
    response = upload(admin, path.read_bytes(), "rusak.xlsx")
    assert response.status_code == 200
    shown = page_text(response)
    assert f"rusak.xlsx tidak dapat diterbitkan: {len(planted)} masalah ditemukan." in shown
    for sheet, row, column in planted:
        assert re.search(rf"\d+ {sheet} {row} {column}\b", shown), (sheet, row, column)
    assert "Nilai 'gratis' harus berupa angka" in shown
    assert version_count() == 1
    assert admin.get("/admin/katalog/unggah/periksa").status_code == 302


@pytest.mark.parametrize(("content", "name", "message"), [
    (b"kode,nama\nSIPA,Izin\n", "katalog.xlsx",
     "Berkas bukan workbook Excel (.xlsx) atau arsip .zip."),
    (b"PK\x03\x04" + b"\x00rusak" * 50, "katalog.xlsx", "Berkas rusak"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "katalog.xls",
     "Format Excel lama (.xls) tidak didukung."),
    (b"", "kosong.xlsx", "Berkas kosong."),
])
def test_files_that_are_not_a_catalogue_are_refused_clearly(admin, content, name, message):
    publish_sample()
    response = upload(admin, content, name)
    assert response.status_code == 200
    assert message in page_text(response)
    assert version_count() == 1


def test_a_zip_without_catalogue_and_a_too_big_file_are_refused(app, admin):
    publish_sample()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("foto.jpg", b"bukan katalog")
    assert "tidak berisi katalog JSON" in page_text(upload(admin, buffer.getvalue(), "a.zip"))
    # (kept under the test client's 500 KB spooling, whose temp file it never closes)
    app.config["CATALOGUE_UPLOAD_MAX_MB"] = 0.25
    big = b"PK\x03\x04" + b"0" * (300 * 1024)
    assert "Berkas terlalu besar. Ukuran maksimal 0.25 MB." in page_text(
        upload(admin, big, "besar.xlsx"))
    assert version_count() == 1


def test_a_zip_of_the_json_folder_with_its_templates_can_be_published(admin, tmp_path):
    publish_sample()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted(SAMPLE.rglob("*")):
            rel = path.relative_to(SAMPLE).as_posix()
            if path.is_file() and rel != "catalogue.xlsx":
                content = path.read_bytes()
                if rel == "holidays/2026.json":
                    content = content.replace(b'"Tahun Baru 2026 Masehi"',
                                              b'"Tahun Baru Masehi 2026"')
                if rel == "templates/surat-pernyataan.pdf":
                    content += b"\n% revisi 2\n"
                archive.writestr(f"definitions/{rel}", content)
    response = upload(admin, buffer.getvalue(), "katalog-json.zip")
    assert response.status_code == 302
    review = page_text(admin.get("/admin/katalog/unggah/periksa"))
    assert "Hari libur diubah 1 2026-01-01" in review
    assert publish_upload(admin).status_code == 302
    version = store.current_version()
    assert version.number == 2
    pdf = next(a for a in version.assets if a.path == "templates/surat-pernyataan.pdf")
    assert pdf.content.endswith(b"% revisi 2\n")


def test_an_upload_cannot_publish_after_another_version_was_published(admin, tmp_path):
    publish_sample()
    path = changed_workbook(tmp_path / "katalog-baru.xlsx")
    upload(admin, path.read_bytes(), "katalog-baru.xlsx")
    html = admin.get("/admin/katalog/unggah/periksa").get_data(as_text=True)
    digest = re.search(r'name="digest"[^>]*value="([0-9a-f]+)"', html).group(1)
    other = cat_lib.load_folder(SAMPLE).to_dict()
    other["holidays"].append({"date": "2026-12-31", "name": "Libur Tambahan",
                              "kind": "cuti_bersama"})
    store.publish(other, store.assets_of(store.current_version()), source="lain")
    response = admin.post("/admin/katalog/unggah/terbitkan", data={
        "csrf_token": csrf(admin, "/admin/katalog/unggah/periksa"), "digest": digest,
        "base": "1"})
    assert response.status_code == 302 and response.location.endswith("/unggah/periksa")
    assert "versi katalog lain telah diterbitkan" in page_text(
        admin.get("/admin/katalog/unggah/periksa"))
    assert store.current_version().number == 2  # the upload did not overwrite version 2
    # once reviewed against version 2, it can be published
    assert publish_upload(admin).status_code == 302
    assert store.current_version().number == 3


def test_identical_upload_is_refused_as_nothing_to_publish(admin, tmp_path):
    publish_sample()
    path = sample_workbook(tmp_path / "sama.xlsx")
    shown = page_text(upload(admin, path.read_bytes(), "sama.xlsx"))
    assert "Isi berkas sama persis dengan versi 1" in shown
    assert version_count() == 1


# ---- CSRF ------------------------------------------------------------------------------------

def test_every_console_post_refuses_a_request_without_csrf_token(app, admin, tmp_path):
    publish_sample()
    posts = sorted({re.sub(r"<(?:[^:>]+:)?([^>]+)>", "x", re.sub(r"<int:\w+>", "1", rule.rule))
                    for rule in app.url_map.iter_rules()
                    if rule.rule.startswith("/admin/katalog") and "POST" in rule.methods})
    assert {"/admin/katalog/draf/mulai", "/admin/katalog/draf/terbitkan",
            "/admin/katalog/draf/buang", "/admin/katalog/unggah/",
            "/admin/katalog/unggah/terbitkan"} <= set(posts)
    for url in posts:
        url = url.replace("/x/", "/izin/", 1) if "/draf/x/" in url else url
        response = admin.post(url, data={"note": "x", "file": (io.BytesIO(b"x"), "a.xlsx")},
                              content_type="multipart/form-data")
        assert response.status_code == 400, url
    # nothing happened
    assert db.session.scalar(select(func.count(CatalogueDraft.id))) == 0
    assert version_count() == 1


# ---- draft: edit -> publish ------------------------------------------------------------------

def start_draft(client):
    return client.post("/admin/katalog/draf/mulai",
                       data={"csrf_token": csrf(client, "/admin/katalog/draf/")})


def form_values(html: str) -> dict:
    """The values a browser would post back for the page's first item form."""
    values: dict = {}
    for name, value in re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', html):
        values.setdefault(name, value)
    for name, body in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', html,
                                 flags=re.S):
        import html as html_lib

        values[name] = html_lib.unescape(body.lstrip("\n"))
    for name, body in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', html,
                                 flags=re.S):
        chosen = re.search(r'<option selected value="([^"]*)"|<option value="([^"]*)" '
                           r'selected', body)
        values[name] = next(g for g in chosen.groups() if g is not None) if chosen else ""
    checked = re.findall(r'<input[^>]*checked[^>]*name="([^"]+)"[^>]*value="([^"]*)"|'
                         r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"[^>]*checked', html)
    lists: dict = {}
    for a, b, c, d in checked:
        lists.setdefault(a or c, []).append(b or d)
    for name in re.findall(r'type="checkbox"[^>]*name="([^"]+)"', html) + re.findall(
            r'name="([^"]+)"[^>]*type="checkbox"', html):
        values[name] = lists.get(name, [])
    return values


def test_draft_edits_are_published_as_the_next_version(admin):
    publish_sample()
    response = admin.get("/admin/katalog/draf/izin/SIPA")
    assert response.status_code == 302 and "/admin/katalog/draf/" in response.location
    assert start_draft(admin).status_code == 302
    assert db.session.scalar(select(CatalogueDraft.base_number)) == 1

    url = "/admin/katalog/draf/izin/SIPA"
    html = admin.get(url).get_data(as_text=True)
    values = form_values(html)
    assert values["agency"] == "DESDM" and values["routing"] == "rekomendasi-paralel"
    assert values["application_types"] == ["baru", "perpanjangan", "perubahan"]
    values.update(fee="250000", sla_working_days="8", name_en="Groundwater Permit")
    response = admin.post(url, data=values)
    assert response.status_code == 302, page_text(response)[:2000]
    assert "Tersimpan di draf." in page_text(admin.get(url))

    # a requirement added through its own form
    req_url = "/admin/katalog/draf/izin/SIPA/persyaratan/_baru"
    response = admin.post(req_url, data={
        "csrf_token": csrf(admin, req_url), "key": "foto_sumur", "name_id": "Foto Sumur",
        "required": "y", "formats": "jpg, PNG", "max_mb": "3", "applies_to": ["baru"]})
    assert response.status_code == 302

    # a holiday and a lookup row
    hol_url = "/admin/katalog/draf/libur/_baru"
    assert admin.post(hol_url, data={"csrf_token": csrf(admin, hol_url),
                                     "date": "2026-12-31", "name": "Cuti Akhir Tahun",
                                     "kind": "cuti_bersama"}).status_code == 302
    row_url = "/admin/katalog/draf/referensi/faskes/baris/0"
    row = form_values(admin.get(row_url).get_data(as_text=True))
    row["c_name"] = "RSUD Abdul Wahab Sjahranie (Gedung Baru)"
    row["c_lat"] = "-0,4877"
    assert admin.post(row_url, data=row).status_code == 302
    last = "/admin/katalog/draf/referensi/faskes/baris/20/hapus"
    stale = admin.post(last, data={"csrf_token": csrf(admin, row_url), "original_key": "X"})
    assert "Baris ini sudah berubah atau dihapus." in page_text(admin.get(stale.location))
    assert admin.post(last, data={"csrf_token": csrf(admin, row_url),
                                  "original_key": "6401RS001"}).status_code == 302

    overview = page_text(admin.get("/admin/katalog/draf/"))
    assert "Draf valid dan siap diterbitkan." in overview
    assert re.search(r"SIPA Nama: Izin Pengusahaan Air Tanah / [^→]+ → Izin Pengusahaan Air "
                     r"Tanah / Groundwater Permit Lama proses \(hari kerja\): 10 → 8 "
                     r"Retribusi: 0 → 250000 — \+ foto_sumur", overview), overview
    assert "Hari libur ditambah 1 2026-12-31" in overview
    assert "Tabel faskes: 21 → 20 baris" in overview
    assert version_count() == 1  # the draft is not published yet

    response = admin.post("/admin/katalog/draf/terbitkan", data={
        "csrf_token": csrf(admin, "/admin/katalog/draf/"), "note": "Retribusi SIPA"})
    assert response.status_code == 302
    version = store.current_version()
    assert version.number == 2 and version.source == "konsol (draf dari versi 1)"
    assert version.created_by.email.startswith("katalog")
    cat = store.catalogue_of(version)
    sipa = cat.permit("SIPA")
    assert (sipa["fee"], sipa["sla_working_days"], sipa["name"]["en"]) == (
        250000, 8, "Groundwater Permit")
    assert cat.requirement("SIPA", "foto_sumur") == {
        "key": "foto_sumur", "name": {"id": "Foto Sumur"}, "required": True,
        "formats": ["jpg", "png"], "max_mb": 3, "applies_to": ["baru"]}
    faskes = cat.lookup("faskes")["rows"][0]
    assert faskes["lat"] == -0.4877 and faskes["name"].endswith("(Gedung Baru)")
    assert db.session.scalar(select(func.count(CatalogueDraft.id))) == 0


def test_bad_input_in_the_draft_is_shown_next_to_the_field_and_blocks_publishing(admin):
    publish_sample()
    start_draft(admin)
    url = "/admin/katalog/draf/alur/rekomendasi-teknis"
    values = form_values(admin.get(url).get_data(as_text=True))
    broken = values["steps_json"].replace('"sla_days": 1,', '"sla_days": 1', 1)
    response = admin.post(url, data=dict(values, steps_json=broken))
    assert response.status_code == 200  # shown again, with the admin's text kept
    shown = page_text(response)
    assert "Belum disimpan: periksa isian yang ditandai merah." in shown
    assert re.search(r"JSON tidak valid di baris \d+, kolom \d+: kurang tanda koma", shown)
    assert '"sla_days": 1\n' in form_values(response.get_data(as_text=True))["steps_json"]

    # valid JSON but a rule broken: saved to the draft, flagged next to the field
    wrong = values["steps_json"].replace('"role": "Verifikator"', '"role": "Juru Kunci"', 1)
    response = admin.post(url, data=dict(values, steps_json=wrong))
    assert response.status_code == 302
    shown = page_text(admin.get(url))
    assert "masih ada 1 masalah yang harus diperbaiki sebelum terbit" in shown
    assert "Peran 'Juru Kunci' tidak ditemukan di katalog." in shown

    permit_url = "/admin/katalog/draf/izin/SIPI"
    values = form_values(admin.get(permit_url).get_data(as_text=True))
    response = admin.post(permit_url, data=dict(values, fee="gratis",
                                                permit_number="{nomor}/SIPI"))
    assert response.status_code == 200
    assert "Harus berupa angka, mis. 2 atau 2.5." in page_text(response)
    response = admin.post(permit_url, data=dict(values, permit_number="{nomor}/SIPI"))
    assert response.status_code == 302
    shown = page_text(admin.get(permit_url))
    assert "Token '{nomor}' tidak dikenal." in shown

    overview = page_text(admin.get("/admin/katalog/draf/"))
    assert "3 masalah harus diperbaiki sebelum terbit:" in overview
    assert "Alur rekomendasi-teknis › langkah verifikasi › role" in overview
    assert "Jenis Izin SIPI › Format nomor izin (permit_number)" in overview
    response = admin.post("/admin/katalog/draf/terbitkan",
                          data={"csrf_token": csrf(admin, "/admin/katalog/draf/")})
    assert "Draf belum dapat diterbitkan: 3 masalah" in page_text(
        admin.get(response.location))
    assert version_count() == 1

    response = admin.post("/admin/katalog/draf/buang",
                          data={"csrf_token": csrf(admin, "/admin/katalog/draf/")})
    assert "Draf dibuang." in page_text(admin.get(response.location))
    assert db.session.scalar(select(func.count(CatalogueDraft.id))) == 0


def test_a_stale_draft_says_so_and_needs_a_confirmation(admin, tmp_path):
    publish_sample()
    start_draft(admin)
    hol_url = "/admin/katalog/draf/libur/_baru"
    admin.post(hol_url, data={"csrf_token": csrf(admin, hol_url), "date": "2026-12-30",
                              "name": "Libur Daerah", "kind": "national"})
    other = cat_lib.load_folder(SAMPLE).to_dict()
    other["permits"][0]["sla_working_days"] = 30
    store.publish(other, store.assets_of(store.current_version()), source="lain")

    overview = page_text(admin.get("/admin/katalog/draf/"))
    assert "Versi terkini sekarang 2, sedangkan draf ini dimulai dari versi 1." in overview
    token = csrf(admin, "/admin/katalog/draf/")
    response = admin.post("/admin/katalog/draf/terbitkan", data={"csrf_token": token})
    assert "Menerbitkan draf akan menggantikan perubahan versi terkini" in page_text(
        admin.get(response.location))
    assert version_count() == 2
    response = admin.post("/admin/katalog/draf/terbitkan",
                          data={"csrf_token": token, "confirm_stale": "y"})
    assert store.current_version().number == 3


def test_adding_and_deleting_items_in_the_draft(admin):
    publish_sample()
    start_draft(admin)
    url = "/admin/katalog/draf/instansi/_baru"
    response = admin.post(url, data={"csrf_token": csrf(admin, url), "code": "dispar",
                                     "name_id": "Dinas Pariwisata", "kind": "dinas"})
    assert response.location.endswith("/admin/katalog/draf/instansi/DISPAR")
    duplicate = admin.post(url, data={"csrf_token": csrf(admin, url), "code": "DISPAR",
                                      "name_id": "Lagi", "kind": "dinas"})
    assert "Instansi dengan kode 'DISPAR' sudah ada di draf." in page_text(duplicate)
    odd = admin.post(url, data={"csrf_token": csrf(admin, url), "code": "DIS/PAR X",
                                "name_id": "Dinas Aneh", "kind": "dinas"})
    assert "Hanya huruf, angka, tanda - dan _ (tanpa spasi)" in page_text(odd)
    listing = page_text(admin.get("/admin/katalog/draf/instansi/?q=pariwisata"))
    assert "DISPAR Dinas Pariwisata dinas" in listing and "DINKES" not in listing

    admin.post("/admin/katalog/draf/izin/SIP-PERAWAT/hapus",
               data={"csrf_token": csrf(admin, "/admin/katalog/draf/")})
    overview = page_text(admin.get("/admin/katalog/draf/"))
    assert "Instansi ditambah 1 DISPAR" in overview
    assert "Jenis izin dihapus 1 SIP-PERAWAT" in overview
    assert "1 jenis izin akan dihapus dari katalog (SIP-PERAWAT)" in overview


# ---- browsing, preview, downloads ------------------------------------------------------------

def test_browse_lists_are_searchable_and_paginated(admin):
    publish_sample()
    shown = page_text(admin.get("/admin/katalog/izin/?q=dokter"))
    assert "SIP-DOKTER Surat Izin Praktik Dokter DINKES KESEHATAN" in shown
    assert "SIPA" not in shown
    first = page_text(admin.get("/admin/katalog/libur/"))
    assert "Menampilkan 1–20 dari 25" in first
    second = page_text(admin.get("/admin/katalog/libur/?hal=2"))
    assert "Menampilkan 21–25 dari 25" in second and "2026-12-24" in second
    assert admin.get("/admin/katalog/bukan-jenis/").status_code == 404
    assert admin.get("/admin/katalog/izin/TIDAK-ADA").status_code == 404
    assert "Tidak ada yang cocok dengan \"zzz\"." in page_text(
        admin.get("/admin/katalog/izin/?q=zzz"))
    detail = page_text(admin.get("/admin/katalog/izin/SIP-DOKTER"))
    assert "ijazah Ijazah Dokter Ya pdf 5 MB baru" in detail
    assert "faskes" in detail and "practice_kind == 'non_mandiri'" in detail
    routing = page_text(admin.get("/admin/katalog/alur/rekomendasi-paralel"))
    assert "kembali ke pemohon" in routing and "paralel" in routing
    table = page_text(admin.get("/admin/katalog/referensi/faskes?q=wahab"))
    assert "RSUD Abdul Wahab Sjahranie" in table and "Inche Abdoel" not in table


def test_empty_console_explains_what_to_do(admin):
    shown = page_text(admin.get("/admin/katalog/"))
    assert "Belum ada katalog yang diterbitkan." in shown
    assert "Belum ada versi yang diterbitkan." in page_text(admin.get("/admin/katalog/versi/"))
    assert admin.get("/admin/katalog/unduh/terkini.xlsx").status_code == 404


def test_preview_renders_the_applicant_form_with_conditions_and_checks_it(admin):
    publish_sample()
    response = admin.get("/admin/katalog/izin/SIP-DOKTER/pratinjau")
    html = response.get_data(as_text=True)
    assert "Pratinjau formulir untuk admin katalog" in page_text(response)
    assert 'data-field="faskes"' in html and "data-visible-if=" in html
    assert "RSUD Abdul Wahab Sjahranie" in html  # lookup options from the catalogue table
    assert 'data-geo="lat"' in html and 'data-geo="lng"' in html
    assert "js/conditions.js" in html
    shown = page_text(response)
    for app_type in ("Baru", "Perpanjangan", "Perubahan", "Pencabutan"):
        assert app_type in shown
    token = csrf_token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)
    checked = admin.post("/admin/katalog/izin/SIP-DOKTER/pratinjau",
                         data={"csrf_token": token or csrf_token})
    assert "Ada isian yang belum sesuai" in page_text(checked)
    assert 'data-error-for="doctor_nik"' in checked.get_data(as_text=True)


def test_preview_shows_regions_as_cascading_selects_and_groups_as_rows(admin):
    publish_sample()
    html = admin.get("/admin/katalog/izin/IZOP-RS/pratinjau").get_data(as_text=True)
    # regency level: a province select (not posted) and the regency select named "regency"
    assert re.search(r'<select[^>]*data-region-level="province"[^>]*id="regency-province"'
                     r'(?![^>]*name=)', html)
    assert re.search(r'<select[^>]*data-region-level="regency"[^>]*id="regency" '
                     r'name="regency"', html)
    # with no answer yet, the office's province is chosen and its regencies are offered
    assert '<option value="64" selected>Kalimantan Timur</option>' in html
    assert '<option value="64.72">Kota Samarinda</option>' in html
    assert 'data-region-url="/wilayah"' in html
    assert 'data-row-prefix="medical_staff-0-"' in html and 'name="medical_staff-0-name"' in html
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)
    posted = admin.post("/admin/katalog/izin/IZOP-RS/pratinjau", data={
        "csrf_token": token, "regency": "64.72", "medical_staff-0-name": "dr. Rina",
        "medical_staff-3-name": "Ns. Budi"})
    html = posted.get_data(as_text=True)
    # the chosen regency stays selected under its province; both posted rows come back
    assert re.search(r'<option value="64.72" selected>Kota Samarinda</option>', html)
    assert re.search(r'<option value="64" selected>Kalimantan Timur</option>', html)
    assert 'value="dr. Rina"' in html and 'value="Ns. Budi"' in html
    assert 'data-error-for="medical_staff-0-profession"' in html


def test_preview_of_every_sample_permit_renders(admin):
    publish_sample()
    for permit in store.current().permits:
        response = admin.get(f"/admin/katalog/izin/{permit['code']}/pratinjau")
        assert response.status_code == 200, permit["code"]
        assert "Definisi formulir tidak valid" not in page_text(response)


def test_downloads_give_the_current_version_any_version_and_the_blank_template(
        admin, tmp_path):
    publish_sample()
    other = cat_lib.load_folder(SAMPLE).to_dict()
    other["permits"][0]["fee"] = 5000
    store.publish(other, store.assets_of(store.current_version()), source="lain")
    response = admin.get("/admin/katalog/unduh/terkini.xlsx")
    assert response.headers["Content-Disposition"] == "attachment; filename=katalog-v2.xlsx"
    (tmp_path / "v2.xlsx").write_bytes(response.data)
    assert cat_lib.load_xlsx(tmp_path / "v2.xlsx") == store.current()
    old = admin.get("/admin/katalog/versi/1.xlsx")
    (tmp_path / "v1.xlsx").write_bytes(old.data)
    assert cat_lib.load_xlsx(tmp_path / "v1.xlsx").permits[0]["fee"] == 0
    blank = admin.get("/admin/katalog/unduh/templat-kosong.xlsx")
    assert blank.status_code == 200
    assert "Petunjuk" in load_workbook(io.BytesIO(blank.data)).sheetnames
    archive = zipfile.ZipFile(io.BytesIO(admin.get("/admin/katalog/versi/1.zip").data))
    assert "katalog-v1/permits/SIPA.json" in archive.namelist()
    assert "katalog-v1/templates/surat-pernyataan.pdf" in archive.namelist()
    assert admin.get("/admin/katalog/versi/9.xlsx").status_code == 404
