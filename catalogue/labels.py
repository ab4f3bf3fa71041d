"""What the keys of catalogue documents are called, for people: the version summary, the
console's diff and its issue locations say "Lama proses (hari kerja)", never
"sla_working_days"."""

from __future__ import annotations

from typing import Any

ATTRIBUTES = {
    "code": "Kode", "name": "Nama", "title": "Judul", "agency": "Instansi", "sector": "Bidang",
    "kind": "Jenis", "address": "Alamat", "head_title": "Jabatan kepala",
    "description": "Uraian", "legal_basis": "Dasar hukum",
    "application_types": "Jenis permohonan", "sla_working_days": "Lama proses (hari kerja)",
    "validity": "Masa berlaku", "validity_by_type": "Masa berlaku per jenis permohonan",
    "fee": "Retribusi", "registration_number": "Format nomor pendaftaran",
    "permit_number": "Format nomor izin", "routing": "Alur",
    "revision_deadline_days": "Batas perbaikan (hari kerja)",
    "certificate": "Templat sertifikat", "form": "Formulir", "key_column": "Kolom kunci",
    "columns": "Kolom", "date": "Tanggal", "effect": "Akibat persetujuan", "powers": "Wewenang",
    "steps": "Langkah", "rows": "Isi tabel", "requirements": "Persyaratan",
}


def attribute(key: str) -> str:
    return ATTRIBUTES.get(key, key)


def text_id(value: Any) -> str:
    if isinstance(value, dict):
        return str(value.get("id") or value.get("en") or "")
    return "" if value is None else str(value)


def named(key: str, label: Any) -> str:
    """"Nomor STR (str_number)": the admin's word first, the key to find it by after."""
    words = text_id(label)
    return f"{words} ({key})" if words and words != key else key


def in_words(message: str, key: str | None) -> str:
    """A check's message about `key` as the console's reader says it: "Isian 'requirements'
    wajib diisi." -> "Isian 'Persyaratan' wajib diisi." (an item's page, where the JSON key
    means nothing); the CLI, the API and the workbook reports keep the key."""
    if not key or attribute(key) == key:
        return message
    return message.replace(f"'{key}'", f"'{attribute(key)}'")
