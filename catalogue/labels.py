"""What the keys of catalogue documents are called, for people: the version summary, the
console's diff and its issue locations say "Lama proses (hari kerja)", never
"sla_working_days". Marked: the console's English pages show them translated."""

from __future__ import annotations

from typing import Any

from .marked import N_

ATTRIBUTES = {
    "code": N_("Kode"), "name": N_("Nama"), "title": N_("Judul"), "agency": N_("Instansi"),
    "sector": N_("Bidang"), "kind": N_("Jenis"), "address": N_("Alamat"),
    "head_title": N_("Jabatan kepala"), "description": N_("Uraian"),
    "legal_basis": N_("Dasar hukum"), "application_types": N_("Jenis permohonan"),
    "sla_working_days": N_("Lama proses (hari kerja)"), "validity": N_("Masa berlaku"),
    "validity_by_type": N_("Masa berlaku per jenis permohonan"), "fee": N_("Retribusi"),
    "registration_number": N_("Format nomor pendaftaran"),
    "permit_number": N_("Format nomor izin"), "routing": N_("Alur"),
    "revision_deadline_days": N_("Batas perbaikan (hari kerja)"),
    "renewal_window_days_before": N_("Perpanjangan paling cepat (hari sebelum berakhir)"),
    "renewal_grace_days_after": N_("Perpanjangan paling lambat (hari setelah berakhir)"),
    "certificate": N_("Templat sertifikat"), "form": N_("Formulir"),
    "key_column": N_("Kolom kunci"), "columns": N_("Kolom"), "date": N_("Tanggal"),
    "effect": N_("Akibat persetujuan"), "powers": N_("Wewenang"), "steps": N_("Langkah"),
    "rows": N_("Isi tabel"), "requirements": N_("Persyaratan"),
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
