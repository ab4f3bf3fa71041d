"""Applicant-facing messages shared by the web form and the JSON validator.

Both paths must say exactly the same thing for the same mistake, so the texts live in one place.
"""

REQUIRED = "Wajib diisi."
INVALID_CHOICE = "Pilihan tidak valid."
UNKNOWN_FIELD = "Field tidak dikenal."
NOT_INTEGER = "Harus berupa bilangan bulat."
NOT_DECIMAL = "Harus berupa angka."
NOT_DATE = "Format tanggal tidak valid (TTTT-BB-HH)."
NOT_TEXT = "Harus berupa teks."
NOT_BOOLEAN = "Harus berupa ya/tidak (true/false)."
NOT_LIST = "Harus berupa daftar pilihan."
NOT_ROWS = "Harus berupa daftar baris."
PATTERN = "Format tidak sesuai."
EMAIL = "Alamat email tidak valid."
PHONE = "Nomor HP tidak valid (contoh: 081234567890)."
# The wording of the NIK format error is the one applicants know from the old system's manual.
NIK_FORMAT = "No NIK hanya boleh Angka 16 digit"
NIK_DATE = "NIK tidak valid: tanggal lahir pada NIK tidak sesuai."
NIK_SERIAL = "NIK tidak valid: nomor urut tidak boleh 0000."
NIK_PROVINCE = "NIK tidak valid: kode provinsi tidak dikenal."
NPWP_FORMAT = "Format NPWP harus 15 atau 16 digit angka."
NIB_FORMAT = "Format NIB harus 13 digit angka."
REGION_CODE = "Kode wilayah tidak valid."
REGION_UNKNOWN = "Wilayah tidak ditemukan."
GEOPOINT_FORMAT = "Format titik lokasi harus 'lintang,bujur', misalnya -1.2654,116.8312."
LATITUDE = "Lintang harus di antara -90 dan 90."
LONGITUDE = "Bujur harus di antara -180 dan 180."
OUT_OF_BOUNDS = "Titik lokasi berada di luar batas wilayah."
FILE_UNKNOWN = "Berkas tidak ditemukan di File Saya."
NOT_FUTURE = "Tanggal tidak boleh di masa depan."
NOT_PAST = "Tanggal tidak boleh sebelum hari ini."
NOT_TIME = "Format jam tidak valid (JJ:MM)."
NOT_DATETIME = "Format tanggal dan jam tidak valid (TTTT-BB-HH JJ:MM)."


def min_value(limit: object) -> str:
    return f"Nilai minimal {limit}."


def max_value(limit: object) -> str:
    return f"Nilai maksimal {limit}."


def min_date(limit: str) -> str:
    return f"Tanggal paling awal {limit}."


def max_date(limit: str) -> str:
    return f"Tanggal paling akhir {limit}."


def min_length(limit: int) -> str:
    return f"Minimal {limit} karakter."


def max_length(limit: int) -> str:
    return f"Maksimal {limit} karakter."


def min_selected(limit: int) -> str:
    return f"Pilih minimal {limit}."


def max_selected(limit: int) -> str:
    return f"Pilih maksimal {limit}."


def decimals(limit: int) -> str:
    return "Harus bilangan bulat." if limit == 0 else f"Maksimal {limit} angka di belakang koma."


def min_rows(limit: int) -> str:
    return f"Minimal {limit} baris."


def max_rows(limit: int) -> str:
    return f"Maksimal {limit} baris."


def region_level(level_name: str) -> str:
    return f"Pilih wilayah sampai tingkat {level_name}."


def file_format(formats: list[str]) -> str:
    return "Format berkas harus salah satu dari: " + ", ".join(formats) + "."


def file_size(max_mb: object) -> str:
    return f"Ukuran berkas melebihi batas {max_mb} MB."


def region_outside(label: str) -> str:
    return f"{label} tidak valid: tidak berada di wilayah yang dipilih di atasnya."


def min_moment(limit: str) -> str:
    return f"Tidak boleh sebelum {limit}."


def max_moment(limit: str) -> str:
    return f"Tidak boleh setelah {limit}."
