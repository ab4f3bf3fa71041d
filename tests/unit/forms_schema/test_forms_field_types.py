"""Every field type accepts a good value and rejects a bad one with its Indonesian message,
identically through a posted web form and through validate_answers (the API/CLI path)."""

import pytest
from werkzeug.datastructures import MultiDict

from forms_schema import FIELD_TYPES, FormContext, build_form, form_errors, validate_answers

KB = 1024
CONTEXT = FormContext(
    lookups={"faskes": [{"code": "F1", "name": "RSUD AWS"}, {"code": "F2", "name": "Klinik"}]},
    files={
        "f-pdf": {"name": "ktp.pdf", "size": 200 * KB, "ext": "pdf"},
        "f-exe": {"name": "x.exe", "size": KB, "ext": "exe"},
        "f-big": {"name": "besar.pdf", "size": 9 * KB * KB, "ext": "PDF"},
    },
    requirements={"ktp": {"formats": ["pdf", "jpg"], "max_mb": 5}},
)

PHONE = "Nomor HP tidak valid (contoh: 081234567890)."
NPWP = "Format NPWP harus 15 atau 16 digit angka."

# (field spec, good posted value, bad posted value, expected message)
CASES = [
    ({"type": "text", "min_length": 3}, "Budi", "Bu", "Minimal 3 karakter."),
    ({"type": "text", "pattern": "^[A-Z]{2}[0-9]+$"}, "AB12", "ab12", "Format tidak sesuai."),
    ({"type": "text", "pattern": "^[0-9]+$", "pattern_message": {"id": "Hanya angka."}},
     "123", "12a", "Hanya angka."),
    ({"type": "textarea", "max_length": 12}, "Jl. Merdeka", "Jl. Merdeka No. 1",
     "Maksimal 12 karakter."),
    ({"type": "number", "min": 10, "max": 20}, "15", "5", "Nilai minimal 10."),
    ({"type": "number", "min": 10, "max": 20}, "20", "21", "Nilai maksimal 20."),
    ({"type": "number"}, "-3", "tiga", "Harus berupa bilangan bulat."),
    ({"type": "number"}, "7", "7.5", "Harus berupa bilangan bulat."),
    ({"type": "decimal", "decimals": 2}, "1,25", "1,255", "Maksimal 2 angka di belakang koma."),
    ({"type": "decimal", "min": 0.5}, "0.5", "0.49", "Nilai minimal 0.5."),
    ({"type": "decimal"}, "12.5", "12,5,1", "Harus berupa angka."),
    ({"type": "date", "min": "2024-01-01"}, "2024-01-01", "2023-12-31",
     "Tanggal paling awal 1 Januari 2024."),
    ({"type": "date", "max": "2030-12-31"}, "2030-12-31", "2031-01-01",
     "Tanggal paling akhir 31 Desember 2030."),
    ({"type": "date"}, "2024-02-29", "2023-02-29", "Format tanggal tidak valid (TTTT-BB-HH)."),
    ({"type": "time", "min": "07:00", "max": "21:00"}, "07:00", "06:59",
     "Tidak boleh sebelum 07:00."),
    ({"type": "time", "max": "21:00"}, "20:59", "21:30", "Tidak boleh setelah 21:00."),
    ({"type": "time"}, "23:59", "24:00", "Format jam tidak valid (JJ:MM)."),
    ({"type": "datetime", "min": "2026-01-01T08:00"}, "2026-01-01T08:00", "2026-01-01T07:59",
     "Tidak boleh sebelum 1 Januari 2026, 08:00."),
    ({"type": "datetime"}, "2026-02-28T10:15", "2026-02-30T10:15",
     "Format tanggal dan jam tidak valid (TTTT-BB-HH JJ:MM)."),
    ({"type": "select", "options": ["mandiri", "non_mandiri"]}, "mandiri", "lain",
     "Pilihan tidak valid."),
    ({"type": "radio", "options": [{"value": "L", "label": {"id": "Laki-laki"}}, "P"]}, "L", "X",
     "Pilihan tidak valid."),
    ({"type": "multiselect", "options": ["a", "b", "c"]}, ["a", "c"], ["a", "z"],
     "Pilihan tidak valid."),
    ({"type": "multiselect", "options": ["a", "b", "c"], "min": 2}, ["a", "b"], ["a"],
     "Pilih minimal 2."),
    ({"type": "multiselect", "options": ["a", "b", "c"], "max": 2}, ["a", "b"], ["a", "b", "c"],
     "Pilih maksimal 2."),
    ({"type": "boolean", "required": True}, "y", None, "Wajib diisi."),
    ({"type": "email"}, "budi@dpmptsp.kaltimprov.go.id", "budi@", "Alamat email tidak valid."),
    ({"type": "email"}, "a.b@contoh.co.id", "budi pekerti@contoh.id", "Alamat email tidak valid."),
    ({"type": "phone"}, "0812-3456-7890", "0212345678", PHONE),
    ({"type": "phone"}, "+62 812 3456 789", "08123", PHONE),
    ({"type": "nik"}, "6472014101900001", "647201410190001", "NIK harus 16 digit angka."),
    ({"type": "nik"}, "6472010101900001", "6472013201900001",
     "NIK tidak valid: tanggal lahir pada NIK tidak sesuai."),
    ({"type": "nik"}, "6472012902000001", "6472013002000001",
     "NIK tidak valid: tanggal lahir pada NIK tidak sesuai."),
    ({"type": "nik"}, "6472 0101 0190 0001", "6472010101900000",
     "NIK tidak valid: nomor urut tidak boleh 0000."),
    ({"type": "npwp"}, "01.234.567.8-901.000", "01.234.567.8-901", NPWP),
    ({"type": "npwp"}, "0123456789012345", "01234567890123456", NPWP),
    ({"type": "nib"}, "1234567890123", "123456789012", "Format NIB harus 13 digit angka."),
    ({"type": "region", "level": "district"}, "64.72.01", "64.72",
     "Pilih wilayah sampai tingkat kecamatan."),
    ({"type": "region"}, "64.72.01.1001", "64-72", "Kode wilayah tidak valid."),
    ({"type": "region", "level": "province"}, "64", "64.72.01.1001",
     "Pilih wilayah sampai tingkat provinsi."),
    ({"type": "geopoint"}, "-1.2654, 116.8312", "91,100", "Lintang harus di antara -90 dan 90."),
    ({"type": "geopoint"}, "0,180", "0,-180.5", "Bujur harus di antara -180 dan 180."),
    ({"type": "geopoint"}, "-1,116", "Samarinda",
     "Format titik lokasi harus 'lintang,bujur', misalnya -1.2654,116.8312."),
    ({"type": "lookup", "table": "faskes"}, "F2", "F9", "Pilihan tidak valid."),
    ({"type": "file", "requirement": "ktp"}, "f-pdf", "f-orang-lain",
     "Berkas tidak ditemukan di File Saya."),
    ({"type": "file", "requirement": "ktp"}, "f-pdf", "f-exe",
     "Format berkas harus salah satu dari: pdf, jpg."),
    ({"type": "file", "requirement": "ktp"}, "f-pdf", "f-big",
     "Ukuran berkas melebihi batas 5 MB."),
]


def definition_for(spec):
    return {"sections": [{"title": {"id": "Data"}, "fields": [{"key": "f", **spec}]}]}


def post(spec, value, context=CONTEXT):
    values = [] if value is None else value if isinstance(value, list) else [value]
    pairs = [("f", v) for v in values]
    form = build_form(definition_for(spec), context=context)(MultiDict(pairs))
    form.validate()
    return form_errors(form).get("f", [])


def as_json(spec, value):
    if spec["type"] == "boolean":
        return value is not None
    return value


def api(spec, value, context=CONTEXT):
    errors = validate_answers(definition_for(spec), {"f": as_json(spec, value)}, context=context)
    return errors.get("f", [])


def test_cases_cover_every_field_type_except_group():
    assert {spec["type"] for spec, *_ in CASES} == set(FIELD_TYPES) - {"group"}


@pytest.mark.parametrize(("spec", "good", "bad", "message"), CASES)
def test_posted_form_accepts_good_and_rejects_bad(spec, good, bad, message):
    assert post(spec, good) == []
    errors = post(spec, bad)
    assert errors == [message]


@pytest.mark.parametrize(("spec", "good", "bad", "message"), CASES)
def test_json_answers_get_the_same_verdict(spec, good, bad, message):
    assert api(spec, good) == []
    assert api(spec, bad) == post(spec, bad)


@pytest.mark.parametrize("field_type", sorted(set(FIELD_TYPES) - {"group", "boolean"}))
def test_empty_optional_passes_and_empty_required_says_wajib_diisi(field_type):
    spec = next(spec for spec, *_ in CASES if spec["type"] == field_type)
    assert post(spec, "") == []
    assert post({**spec, "required": True}, "") == ["Wajib diisi."]
    assert api({**spec, "required": True}, None) == ["Wajib diisi."]


def test_identity_numbers_are_stored_normalised():
    for spec, raw, stored in [
        ({"type": "npwp"}, "01.234.567.8-901.000", "012345678901000"),
        ({"type": "phone"}, "0812-3456 7890", "081234567890"),
        ({"type": "nik"}, "6472 0101 0190 0001", "6472010101900001"),
        ({"type": "geopoint"}, " -1.2654, 116.8312 ", "-1.2654,116.8312"),
    ]:
        form = build_form(definition_for(spec))(MultiDict({"f": raw}))
        assert form.validate()
        assert form.schema_answers() == {"f": stored}


def test_nik_province_is_checked_by_the_callable_the_web_layer_passes():
    context = FormContext(nik_province_exists=lambda code: code == "64")
    assert post({"type": "nik"}, "6472010101900001", context) == []
    assert post({"type": "nik"}, "9972010101900001", context) == [
        "NIK tidak valid: kode provinsi tidak dikenal."
    ]


def test_geopoint_outside_the_office_bounds_is_refused():
    kaltim = FormContext(bounds=(-2.6, 113.8, 2.6, 119.1))
    assert post({"type": "geopoint"}, "-0.5,117.1", kaltim) == []
    assert post({"type": "geopoint"}, "-6.2,106.8", kaltim) == [
        "Titik lokasi berada di luar batas wilayah."
    ]


class Regions:
    LEVELS = {"64": "province", "64.72": "regency", "64.72.01": "district"}

    def name(self, code):
        names = {"64": "Kalimantan Timur", "64.72": "Kota Samarinda", "64.72.01": "Palaran"}
        return names.get(code)

    def level(self, code):
        return self.LEVELS.get(code)


def test_region_codes_are_checked_against_the_provider_when_given():
    context = FormContext(regions=Regions())
    spec = {"type": "region", "level": "district"}
    assert post(spec, "64.72.01", context) == []
    assert post(spec, "64.72.09", context) == ["Wilayah tidak ditemukan."]
    assert post(spec, "64.72", context) == ["Pilih wilayah sampai tingkat kecamatan."]


def test_files_are_refused_when_the_context_lists_none():
    assert post({"type": "file", "requirement": "ktp"}, "f-pdf", FormContext()) == [
        "Berkas tidak ditemukan di File Saya."
    ]


def test_json_path_reports_wrong_json_types_in_indonesian():
    cases = [
        ({"type": "number"}, True, "Harus berupa bilangan bulat."),
        ({"type": "text"}, 12, "Harus berupa teks."),
        ({"type": "boolean"}, "ya", "Harus berupa ya/tidak (true/false)."),
        ({"type": "multiselect", "options": ["a"]}, "a", "Harus berupa daftar pilihan."),
        ({"type": "date"}, "31-12-2024", "Format tanggal tidak valid (TTTT-BB-HH)."),
        ({"type": "decimal"}, float("nan"), "Harus berupa angka."),
    ]
    for spec, value, message in cases:
        assert validate_answers(definition_for(spec), {"f": value}) == {"f": [message]}
