"""Builders shared by the catalogue tests (a plain module: no Flask, no app fixtures)."""

from __future__ import annotations

import copy
from functools import lru_cache
from pathlib import Path

from catalogue import DEFINITIONS, Catalogue, load_folder

SAMPLE_DIR = Path(DEFINITIONS)
SAMPLE_XLSX = SAMPLE_DIR / "catalogue.xlsx"


@lru_cache(maxsize=1)
def _sample() -> Catalogue:
    return load_folder(SAMPLE_DIR)


def sample() -> Catalogue:
    return _sample()


def sample_dict() -> dict:
    return _sample().to_dict()


def t(text: str, en: str | None = None) -> dict:
    return {"id": text, "en": en} if en else {"id": text}


def make_catalogue_dict() -> dict:
    """A catalogue the code has never seen: new agencies, role, type, permit, routing, fields."""
    return copy.deepcopy({
        "application_types": [{"code": "daftar", "name": t("Pendaftaran")},
                              {"code": "daftar_ulang", "name": t("Daftar Ulang")}],
        "agencies": [
            {"code": "MPP", "name": t("Mal Pelayanan Publik Kota Contoh"), "kind": "dpmptsp"},
            {"code": "DISPAR", "name": t("Dinas Pariwisata"), "kind": "dinas"},
            {"code": "DPUPR", "name": t("Dinas Pekerjaan Umum dan Penataan Ruang"),
             "kind": "dinas"},
        ],
        "sectors": [{"code": "WISATA", "name": t("Pariwisata"), "agency": "DISPAR"}],
        "roles": [{"name": "Petugas Loket"}, {"name": "Surveyor"}, {"name": "Kepala Kantor"}],
        "routings": [{
            "code": "survei-bersama",
            "name": t("Survei Bersama"),
            "steps": [
                {"key": "periksa", "name": t("Periksa Berkas"), "role": "Petugas Loket",
                 "agency": "MPP", "sla_days": 1,
                 "actions": {"terima": "survei", "kembalikan": "@applicant",
                             "tolak": "@rejected"}},
                {"key": "survei", "name": t("Survei Lapangan"), "role": "Surveyor",
                 "agencies": ["@permit", "DPUPR"], "sla_days": 4,
                 "actions": {"layak": "putus", "perbaiki": "@applicant",
                             "tidak_layak": "@rejected"}},
                {"key": "putus", "name": t("Keputusan"), "role": "Kepala Kantor",
                 "agency": "MPP", "sla_days": 1,
                 "actions": {"setujui": "@issued", "ulang": "periksa", "tolak": "@rejected"}},
            ],
        }],
        "permits": [{
            "code": "TDUP-HOMESTAY",
            "name": t("Tanda Daftar Usaha Pondok Wisata", "Homestay Registration"),
            "agency": "DISPAR", "sector": "WISATA",
            "application_types": ["daftar", "daftar_ulang"],
            "sla_working_days": 4, "validity": {"years": 3}, "fee": 0,
            "registration_number": "{seq}/{permit}/{month_roman}/{year}",
            "permit_number": "556/{seq:05}/{agency}/{year}",
            "routing": "survei-bersama",
            "requirements": [
                {"key": "foto_bangunan", "name": t("Foto Bangunan"), "required": True,
                 "formats": ["jpg", "png"], "max_mb": 3},
                {"key": "bukti_daftar", "name": t("Bukti Daftar Sebelumnya"), "required": True,
                 "formats": ["pdf"], "max_mb": 2, "applies_to": ["daftar_ulang"]},
            ],
            "form": {"sections": [{"key": "pondok", "title": t("Data Pondok"), "fields": [
                {"key": "kamar", "type": "number", "label": t("Jumlah Kamar"), "required": True,
                 "min": 1, "max": 5},
                {"key": "tipe_pondok", "type": "radio", "label": t("Tipe"),
                 "options": ["rumah_panggung", "rumah_lamin"]},
                {"key": "foto", "type": "file", "label": t("Foto"),
                 "requirement": "foto_bangunan"},
            ]}]},
        }],
        "lookups": [],
        "holidays": [{"date": "2026-08-17", "name": "Hari Kemerdekaan", "kind": "national"}],
    })
