"""Builders for the catalogue tests: an emptied catalogue, the published sample, a catalogue
the code has never seen, sample workbooks (changed or broken on purpose), and a catalogue admin
using the console in a test client (login, upload, publish)."""

from __future__ import annotations

import io
import re
from itertools import count
from pathlib import Path

from openpyxl import load_workbook
from sqlalchemy import func, select, text

import catalogue as cat_lib
from app.extensions import db
from app.models import CatalogueVersion
from app.services import catalogue_store as store
from tests.backoffice_helpers import sign_in_staff
from tests.helpers import get_form, make_staff

SAMPLE = Path(cat_lib.DEFINITIONS)
SERIAL = count(1)


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
        "routings": [unseen_routing()],
        "permits": [unseen_permit()],
        "lookups": [],
        "holidays": [{"date": "2027-01-01", "name": "Tahun Baru 2027 Masehi",
                      "kind": "national"}],
    }


def unseen_routing() -> dict:
    """Three steps with new roles, the middle one in the permit's Dinas and another at once."""
    return {"code": "penilaian-menara", "name": t("Penilaian Menara"), "steps": [
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
    ]}


def unseen_permit() -> dict:
    return {
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


# ---- a catalogue admin in a test client ----------------------------------------------------

def staff_login(app, client, role: str = "Admin Katalog", agency: str = "DPMPTSP"):
    """A catalogue admin (katalogN@contoh.id) logged in on `client`."""
    email = f"katalog{next(SERIAL)}@contoh.id"
    user = make_staff(app, role, agency, email=email)
    sign_in_staff(client, email)
    return user


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
