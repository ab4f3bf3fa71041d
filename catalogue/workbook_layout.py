"""The workbook layout: which sheet holds which documents, column by column.

One row per object; child objects (requirements, form sections, fields, options, steps,
lookup columns) sit on their own sheets and name their parent in the first columns. Anything
a column cannot show faithfully goes to the row's `extra` cell as JSON, so nothing is lost.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from .cells import (
    MISSING,
    Actions,
    Any_,
    Bool,
    CellError,
    Column,
    I18n,
    Int,
    IsoDate,
    Number,
    Text,
    Validity,
    Words,
    Wrapped,
)
from .marked import N_

EXTRA = "extra"
# The row reader's refusals, marked for the console's English pages (catalogue.marked).
MSG_EXTRA_NOT_JSON = N_("Kolom extra bukan JSON yang valid: {reason}.")
MSG_EXTRA_NOT_OBJECT = N_("Kolom extra harus berisi objek JSON {...}.")
MSG_EXTRA_TWICE = N_("Isian '{key}' diisi di kolom extra dan juga di kolomnya sendiri.")

LOOKUP_PREFIX = "Lookup_"
INSTRUCTIONS = "Petunjuk"


@dataclass(frozen=True)
class Sheet:
    name: str
    about: str
    columns: tuple[Column, ...]
    links: tuple[tuple[str, str], ...] = ()  # (header, note) naming the parent object
    held_elsewhere: tuple[str, ...] = ()  # JSON keys stored on child sheets
    # headers (and whole sheets) added after workbooks were already in use: a workbook
    # without them still reads (their values empty)
    optional: tuple[str, ...] = ()
    optional_sheet: bool = False
    _by_key: dict[str, Column] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._by_key.update({c.key: c for c in self.columns})

    @property
    def headers(self) -> tuple[str, ...]:
        own = tuple(h for c in self.columns for h in c.headers)
        return tuple(h for h, _ in self.links) + own + (EXTRA,)

    def notes(self) -> list[tuple[str, str]]:
        out = list(self.links)
        for col in self.columns:
            out.extend((h, col.note) for h in col.headers)
        out.append((EXTRA, "JSON untuk isian yang tidak punya kolom sendiri (biasanya kosong)."))
        return out

    def encode(self, obj: dict, spill: frozenset[str] = frozenset()) -> list[Any]:
        """Cells after the link columns; `spill` forces child keys into `extra`."""
        cells: list[Any] = []
        extra: dict[str, Any] = {}
        for col in self.columns:
            encoded = None
            if col.key in obj:
                encoded = col.encode(obj[col.key])
                if encoded is None:
                    extra[col.key] = obj[col.key]
            cells.extend(encoded or col.empty())
        for key, value in obj.items():
            if key not in self._by_key and (key not in self.held_elsewhere or key in spill):
                extra[key] = value
        cells.append(json.dumps(extra, ensure_ascii=False, sort_keys=True) if extra else None)
        if all(cell is None for cell in cells):
            cells[-1] = "{}"  # an empty object still needs a row, or it would vanish
        return cells

    def decode(self, row: dict[str, Any]) -> tuple[dict, list[tuple[str, str, str]]]:
        """The object of one row, plus (header, key, message) for cells that did not parse."""
        obj: dict[str, Any] = {}
        errors: list[tuple[str, str, str]] = []
        for col in self.columns:
            try:
                value = col.decode(tuple(row.get(h) for h in col.headers))
            except CellError as exc:
                errors.append((exc.header, col.key, exc.message))
                continue
            if value is not MISSING:
                obj[col.key] = value
        raw = row.get(EXTRA)
        if raw is not None:
            try:
                extra = json.loads(raw) if isinstance(raw, str) else None
            except ValueError as exc:
                errors.append((EXTRA, EXTRA, MSG_EXTRA_NOT_JSON.format(reason=exc)))
                return obj, errors
            if not isinstance(extra, dict):
                errors.append((EXTRA, EXTRA, MSG_EXTRA_NOT_OBJECT))
                return obj, errors
            for key, value in extra.items():
                if key in obj:
                    errors.append((EXTRA, key, MSG_EXTRA_TWICE.format(key=key)))
                else:
                    obj[key] = value
        return obj, errors

    def column_for(self, rest: tuple) -> str | None:
        if not rest:
            return None
        col = self._by_key.get(rest[0]) if isinstance(rest[0], str) else None
        if col is not None:
            return col.header_for(rest[1:])
        return None if rest[0] in self.held_elsewhere else EXTRA


def _t(key: str, note: str) -> Text:
    return Text(key, note)


APPLICATION_TYPES = Sheet(
    "ApplicationTypes", "Jenis permohonan (baru, perpanjangan, ...).",
    (_t("code", "Kode huruf kecil, mis. baru"), I18n("name", "Nama (id wajib, en opsional)"),
     _t("effect", "Akibat bila disetujui: new (izin baru), renewal (memperpanjang izin yang "
                  "dipilih pemohon), amendment (mengganti izin yang dipilih), revocation "
                  "(mencabut izin yang dipilih); kosong = new")),
    optional=("effect",),
)
ACTIONS = Sheet(
    "Actions", "Nama tindakan alur (tombol petugas, riwayat, API), mis. lanjut = Teruskan.",
    (_t("code", "Kode tindakan huruf kecil, sama dengan di kolom actions sheet Steps"),
     I18n("name", "Nama tindakan")),
)
AGENCIES = Sheet(
    "Agencies", "Instansi: kantor pelayanan terpadu dan Dinas/Badan teknis.",
    (_t("code", "Kode huruf kapital, mis. DINKES"), I18n("name", "Nama instansi"),
     _t("kind", "dpmptsp | dinas | badan"), _t("address", "Alamat kantor"),
     _t("head_title", "Jabatan kepala, mis. Kepala Dinas Kesehatan")),
)
SECTORS = Sheet(
    "Sectors", "Bidang usaha/layanan, dipakai untuk mengelompokkan izin di portal.",
    (_t("code", "Kode huruf kapital"), I18n("name", "Nama bidang"),
     _t("agency", "Kode instansi pembina (sheet Agencies)")),
)
ROLES = Sheet(
    "Roles", "Peran petugas yang boleh dipakai oleh langkah alur.",
    (_t("name", "Nama peran, mis. Tim Teknis"), I18n("description", "Keterangan"),
     Words("powers", "Wewenang kantor di luar alur, dipisah koma: reopen (buka kembali "
                     "permohonan kedaluwarsa), revoke (cabut izin)")),
)
ROUTINGS = Sheet(
    "Routings", "Alur proses permohonan; langkahnya di sheet Steps.",
    (_t("code", "Kode huruf kecil, mis. rekomendasi-teknis"), I18n("name", "Nama alur"),
     I18n("description", "Keterangan")),
    held_elsewhere=("steps",),
)
STEPS = Sheet(
    "Steps", "Langkah alur, berurutan; langkah pertama adalah titik awal.",
    (_t("key", "Kunci langkah, huruf kecil"), I18n("name", "Nama langkah"),
     _t("role", "Peran petugas (sheet Roles)"),
     _t("agency", "Kode instansi atau @permit (instansi pemilik izin)"),
     Words("agencies", "Untuk langkah paralel: daftar instansi dipisah koma, mis. @permit, DLH"),
     Int("sla_days", "Batas waktu langkah (hari kerja)"),
     Actions("actions", "tindakan: tujuan; ... Tujuan: kunci langkah, @applicant, @rejected, "
                        "@issued")),
    links=(("routing", "Kode alur (sheet Routings)"),),
)
PERMITS = Sheet(
    "Permits", "Jenis izin; persyaratan, formulir dan opsi ada di sheet berikutnya.",
    (_t("code", "Kode izin huruf kapital, mis. SIP-DOKTER"), I18n("name", "Nama izin"),
     _t("agency", "Kode instansi teknis"), _t("sector", "Kode bidang"),
     I18n("description", "Uraian singkat"),
     Words("legal_basis", "Dasar hukum, satu per baris", sep="\n"),
     Words("application_types", "Jenis permohonan dipisah koma, mis. baru, perpanjangan"),
     Int("sla_working_days", "Lama proses (hari kerja)"),
     Validity("validity", "Masa berlaku; kosongkan ketiganya bila berlaku selamanya"),
     Number("fee", "Retribusi (Rp), 0 bila gratis"),
     _t("registration_number", "Format nomor pendaftaran, mis. {seq}/SIPD-B/{month}/{year}"),
     _t("permit_number", "Format nomor izin, mis. 503/{seq:04}/SIP-D/{year}"),
     _t("routing", "Kode alur (sheet Routings)"),
     Int("revision_deadline_days", "Batas perbaikan oleh pemohon (hari kerja), bawaan 5"),
     Int("renewal_window_days_before", "Perpanjangan dapat diajukan paling cepat N hari "
                                       "sebelum masa berlaku berakhir; kosong = kapan saja"),
     Int("renewal_grace_days_after", "Perpanjangan masih dapat diajukan paling lambat M hari "
                                     "setelah masa berlaku berakhir; kosong = tanpa batas"),
     Wrapped("certificate", "template", "Nama berkas templat sertifikat atau HTML langsung"),
     Wrapped("map", "field", "Tampil di WebGIS Perizinan: kunci isian geopoint formulir yang "
                             "menjadi titik izin; kosong = tidak dipetakan")),
    held_elsewhere=("requirements", "form"),
    optional=("renewal_window_days_before", "renewal_grace_days_after"),
)
REQUIREMENTS = Sheet(
    "Requirements", "Persyaratan dokumen per izin.",
    (_t("key", "Kunci persyaratan, huruf kecil"), I18n("name", "Nama persyaratan"),
     I18n("description", "Keterangan"), Bool("required", "TRUE bila wajib"),
     Words("formats", "Format berkas dipisah koma, mis. pdf, jpg"),
     Number("max_mb", "Ukuran maksimal (MB)"),
     Words("applies_to", "Jenis permohonan yang memerlukan; kosong = semua"),
     _t("template_file", "Templat unduhan, mis. templates/surat-pernyataan.pdf")),
    links=(("permit", "Kode izin"),),
)
SECTIONS = Sheet(
    "Sections", "Bagian formulir data teknis per izin, berurutan.",
    (_t("key", "Kunci bagian"), I18n("title", "Judul bagian"),
     I18n("description", "Keterangan bagian"),
     _t("visible_if", "Syarat tampil seluruh bagian, mis. application_type == 'pencabutan'")),
    links=(("permit", "Kode izin"),),
    held_elsewhere=("fields",),
    optional=("visible_if",),
)
FIELDS = Sheet(
    "Fields", "Isian formulir, berurutan. Isian di dalam grup menyebut grupnya di kolom parent.",
    (_t("key", "Kunci isian"), _t("type", "Jenis isian (text, select, lookup, group, file, ...)"),
     I18n("label", "Label"), I18n("help", "Teks bantuan"), I18n("placeholder", "Contoh isian"),
     Bool("required", "TRUE bila wajib"),
     _t("required_if", "Syarat wajib, mis. practice_kind == 'non_mandiri'"),
     _t("visible_if", "Syarat tampil"), Any_("default", "Nilai bawaan"),
     Any_("min", "Nilai minimal"), Any_("max", "Nilai maksimal"),
     Int("min_length", "Panjang minimal"), Int("max_length", "Panjang maksimal"),
     _t("pattern", "Pola (regex)"), I18n("pattern_message", "Pesan bila pola tidak cocok"),
     Int("decimals", "decimal: jumlah desimal"),
     _t("table", "lookup: nama tabel referensi"),
     _t("requirement", "file: kunci persyaratan"),
     _t("level", "region: province | regency | district | village"),
     Int("min_rows", "group: baris minimal"), Int("max_rows", "group: baris maksimal")),
    links=(("permit", "Kode izin"), ("section", "Kunci bagian"),
           ("parent", "Kunci grup induk (a.b untuk grup bertingkat); kosong di tingkat atas")),
    held_elsewhere=("fields", "options"),
)
OPTIONS = Sheet(
    "Options", "Pilihan untuk isian select, multiselect dan radio, berurutan.",
    (Any_("value", "Nilai yang disimpan"),
     I18n("label", "Label; kosongkan bila sama dengan nilai")),
    links=(("permit", "Kode izin"), ("section", "Kunci bagian"),
           ("field", "Kunci isian (grup.isian untuk isian di dalam grup)")),
)
RULES = Sheet(
    "Rules", "Aturan antar-isian formulir per izin (dicek setelah setiap isian benar).",
    (_t("check", "Syarat yang harus benar, mis. end_time > start_time atau unique(jadwal.hari)"),
     I18n("message", "Pesan bila syarat tidak terpenuhi"),
     _t("field", "Isian tempat pesan ditampilkan; kosong = isian pertama di syarat")),
    links=(("permit", "Kode izin"),),
    optional_sheet=True,
)
LOOKUPS = Sheet(
    "Lookups", "Tabel referensi; isinya di sheet Lookup_<nama>.",
    (_t("name", "Nama tabel, huruf kecil (maks. 24 karakter)"), I18n("title", "Judul tabel"),
     _t("key_column", "Kolom kunci yang disimpan pada permohonan")),
    held_elsewhere=("columns", "rows"),
)
LOOKUP_COLUMNS = Sheet(
    "LookupColumns", "Kolom tabel referensi, berurutan.",
    (_t("key", "Kunci kolom"), I18n("label", "Judul kolom")),
    links=(("lookup", "Nama tabel"),),
)
HOLIDAYS = Sheet(
    "Holidays", "Hari libur nasional dan cuti bersama (tidak dihitung hari kerja).",
    (IsoDate("date", "Tanggal (TTTT-BB-HH)"), _t("name", "Nama hari libur"),
     _t("kind", "national | cuti_bersama")),
)

SHEETS = (APPLICATION_TYPES, ACTIONS, AGENCIES, SECTORS, ROLES, ROUTINGS, STEPS, PERMITS,
          REQUIREMENTS, SECTIONS, FIELDS, OPTIONS, RULES, LOOKUPS, LOOKUP_COLUMNS, HOLIDAYS)
LOOKUP_ROWS_ABOUT = ("Lookup_<nama>: satu sheet per tabel referensi; baris judul = kunci kolom "
                     "(sheet LookupColumns), satu baris per data.")
# The files a catalogue refers to (certificate templates, downloadable requirement templates)
# travel in the workbook, so it imports on its own: one row per piece of a file.
FILES = "Files"
FILES_HEADERS = ("path", "part", "encoding", "content")
FILES_ABOUT = ("Files: berkas templat (templates/...) yang dibawa workbook; satu baris per "
               "potongan isi (kolom part), encoding text atau base64. Jangan diubah di Excel.")
