"""Property tests: for random valid definitions, a valid answer validates and breaking one
rule of one field is reported on exactly that field, by the web form and the JSON path."""

import json
import string
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict

from forms_schema import (
    FormContext,
    build_form,
    deserialise,
    form_errors,
    long_date,
    serialise,
    validate_answers,
    validate_form_definition,
)

CODES = ["C1", "C2", "C3"]
CONTEXT = FormContext(
    lookups={"tbl": [{"code": code, "name": f"Nama {code}"} for code in CODES]},
    files={"doc-1": {"name": "a.pdf", "size": 1000, "ext": "pdf"}},
    requirements={"surat": {"formats": ["pdf"], "max_mb": 1}},
)
SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
LETTERS = st.text(string.ascii_lowercase, min_size=1, max_size=8)
DIGITS = string.digits


def digits(n):
    return st.text(DIGITS, min_size=n, max_size=n)


# Each recipe draws (spec, good posted value, bad posted value, message the bad value gets).
@st.composite
def text_recipe(draw, key):
    lo = draw(st.integers(0, 4))
    hi = draw(st.integers(max(lo, 1), lo + 10))
    good = draw(st.text(string.ascii_letters, min_size=max(lo, 1), max_size=hi))
    kind = draw(st.sampled_from(["text", "textarea"]))
    spec = {"type": kind, "min_length": lo, "max_length": hi}
    return spec, good, "x" * (hi + 1), f"Maksimal {hi} karakter."


@st.composite
def number_recipe(draw, key):
    lo = draw(st.integers(-1000, 1000))
    hi = lo + draw(st.integers(0, 1000))
    good = draw(st.integers(lo, hi))
    spec = {"type": "number", "min": lo, "max": hi}
    return spec, str(good), str(lo - 1), f"Nilai minimal {lo}."


@st.composite
def decimal_recipe(draw, key):
    places = draw(st.integers(0, 3))
    hi = draw(st.integers(1, 1000))
    good = Decimal(draw(st.integers(0, hi * 10**places))).scaleb(-places)
    text = format(good, "f")
    text = text.replace(".", ",") if draw(st.booleans()) else text
    bad = format(good + Decimal(1).scaleb(-(places + 1)), "f")
    message = ("Harus berupa bilangan bulat." if places == 0
               else f"Maksimal {places} angka di belakang koma.")
    return {"type": "decimal", "decimals": places, "min": 0, "max": hi}, text, bad, message


@st.composite
def date_recipe(draw, key):
    low = draw(st.dates(date(2000, 1, 1), date(2030, 1, 1)))
    high = low + timedelta(days=draw(st.integers(0, 400)))
    good = draw(st.dates(low, high))
    spec = {"type": "date", "min": low.isoformat(), "max": high.isoformat()}
    bad = (high + timedelta(days=1)).isoformat()
    return spec, good.isoformat(), bad, f"Tanggal paling akhir {long_date(high)}."


@st.composite
def choice_recipe(draw, key):
    options = draw(st.lists(LETTERS, min_size=1, max_size=5, unique=True))
    spec = {"type": draw(st.sampled_from(["select", "radio"])), "options": options}
    return spec, draw(st.sampled_from(options)), "zz_bukan_opsi1", "Pilihan tidak valid."


@st.composite
def multiselect_recipe(draw, key):
    options = draw(st.lists(LETTERS, min_size=2, max_size=5, unique=True))
    low = draw(st.integers(0, len(options) - 1))
    high = draw(st.integers(max(low, 1), len(options)))
    chosen = st.sampled_from(options)
    good = draw(st.lists(chosen, min_size=max(low, 1), max_size=high, unique=True))
    spec = {"type": "multiselect", "options": options, "min": low, "max": high}
    return spec, good, [*good[:-1], "zz_bukan_opsi1"], "Pilihan tidak valid."


@st.composite
def boolean_recipe(draw, key):
    good = draw(st.sampled_from(["y", "1", "on"]))
    return {"type": "boolean", "required": True}, good, None, "Wajib diisi."


@st.composite
def email_recipe(draw, key):
    local = draw(st.text(string.ascii_lowercase + DIGITS, min_size=1, max_size=10))
    domain = draw(st.text(string.ascii_lowercase, min_size=2, max_size=10))
    return {"type": "email"}, f"{local}@{domain}.go.id", f"{local}@", "Alamat email tidak valid."


@st.composite
def phone_recipe(draw, key):
    prefix = draw(st.sampled_from(["08", "628", "+628"]))
    rest = draw(st.text(DIGITS, min_size=8, max_size=11))
    good = prefix + (f"{rest[:3]}-{rest[3:]}" if draw(st.booleans()) else rest)
    message = "Nomor HP tidak valid (contoh: 081234567890)."
    return {"type": "phone"}, good, "07" + rest, message


@st.composite
def nik_recipe(draw, key):
    area = draw(digits(6))
    born = draw(st.dates(date(1940, 1, 1), date(2015, 12, 31)))
    day = born.day + (40 if draw(st.booleans()) else 0)
    serial = f"{draw(st.integers(1, 9999)):04d}"
    good = f"{area}{day:02d}{born.month:02d}{born.year % 100:02d}{serial}"
    bad = f"{area}{day:02d}13{born.year % 100:02d}{serial}"
    return {"type": "nik"}, good, bad, "NIK tidak valid: tanggal lahir pada NIK tidak sesuai."


@st.composite
def npwp_recipe(draw, key):
    good = draw(st.one_of(digits(15), digits(16)))
    return {"type": "npwp"}, good, good[:14], "Format NPWP harus 15 atau 16 digit angka."


@st.composite
def nib_recipe(draw, key):
    good = draw(digits(13))
    return {"type": "nib"}, good, good[:12], "Format NIB harus 13 digit angka."


LEVELS = {"province": "provinsi", "regency": "kabupaten/kota", "district": "kecamatan",
          "village": "desa/kelurahan"}


@st.composite
def region_recipe(draw, key):
    level = draw(st.sampled_from(list(LEVELS)))
    parts = [draw(digits(2)), draw(digits(2)), draw(digits(2)), draw(digits(4))]
    depth = list(LEVELS).index(level) + 1
    other = draw(st.sampled_from([d for d in range(1, 5) if d != depth]))
    good, bad = ".".join(parts[:depth]), ".".join(parts[:other])
    message = f"Pilih wilayah sampai tingkat {LEVELS[level]}."
    return {"type": "region", "level": level}, good, bad, message


@st.composite
def geopoint_recipe(draw, key):
    lat = draw(st.decimals(-90, 90, places=4))
    lng = draw(st.decimals(-180, 180, places=4))
    bad_lat = draw(st.decimals(Decimal("90.0001"), 999, places=4))
    message = "Lintang harus di antara -90 dan 90."
    return {"type": "geopoint"}, f"{lat},{lng}", f"{bad_lat},{lng}", message


@st.composite
def lookup_recipe(draw, key):
    good = draw(st.sampled_from(CODES))
    return {"type": "lookup", "table": "tbl"}, good, "C99", "Pilihan tidak valid."


@st.composite
def file_recipe(draw, key):
    good = draw(st.just("doc-1"))
    message = "Berkas tidak ditemukan di File Saya."
    return {"type": "file", "requirement": "surat"}, good, "doc-lain", message


@st.composite
def group_recipe(draw, key):
    low = draw(st.integers(0, 2))
    high = draw(st.integers(max(low, 1), 3))
    row = st.fixed_dictionaries({
        f"{key}_name": LETTERS, f"{key}_qty": st.integers(0, 99).map(str),
    })
    good = draw(st.lists(row, min_size=low, max_size=high))
    spec = {"type": "group", "min_rows": low, "max_rows": high, "fields": [
        {"key": f"{key}_name", "type": "text", "required": True},
        {"key": f"{key}_qty", "type": "number", "min": 0},
    ]}
    bad = [{f"{key}_name": "a", f"{key}_qty": "1"}] * (high + 1)
    return spec, good, bad, f"Maksimal {high} baris."


RECIPES = [
    text_recipe, number_recipe, decimal_recipe, date_recipe, choice_recipe, multiselect_recipe,
    boolean_recipe, email_recipe, phone_recipe, nik_recipe, npwp_recipe, nib_recipe,
    region_recipe, geopoint_recipe, lookup_recipe, file_recipe, group_recipe,
]


@st.composite
def forms(draw, gate=False):
    count = draw(st.integers(1, 6))
    fields = []
    for index in range(count):
        key = f"f{index}"
        spec, good, bad, message = draw(draw(st.sampled_from(RECIPES))(key))
        if spec["type"] not in ("boolean", "group") and draw(st.booleans()):
            spec["required"] = True
        if gate:
            spec["visible_if"] = "gate == 'tampil'"
        fields.append(({"key": key, **spec}, good, bad, message))
    specs = [spec for spec, *_ in fields]
    if gate:
        specs.insert(0, {"key": "gate", "type": "radio", "options": ["tampil", "sembunyi"]})
    split = draw(st.integers(0, len(specs)))
    sections = [{"title": {"id": "Satu"}, "fields": specs[:split]},
                {"title": {"id": "Dua"}, "fields": specs[split:]}]
    return {"sections": sections}, fields


def post_pairs(values):
    pairs = []
    for (spec, value) in values:
        key = spec["key"]
        if value is None:
            continue
        if spec["type"] == "group":
            for index, row in enumerate(value):
                pairs += [(f"{key}-{index}-{sub}", v) for sub, v in row.items()]
        elif isinstance(value, list):
            pairs += [(key, v) for v in value]
        else:
            pairs.append((key, value))
    return MultiDict(pairs)


def json_answers(values):
    return {
        spec["key"]: (value is not None) if spec["type"] == "boolean" else value
        for spec, value in values
    }


def web_errors(definition, values):
    form = build_form(definition, context=CONTEXT)(post_pairs(values))
    form.validate()
    return form, form_errors(form)


@SETTINGS
@given(forms())
def test_a_valid_answer_validates_and_round_trips(case):
    definition, fields = case
    assert validate_form_definition(definition) == []
    values = [(spec, good) for spec, good, _, _ in fields]
    form, errors = web_errors(definition, values)
    assert errors == {}
    assert validate_answers(definition, json_answers(values), context=CONTEXT) == {}
    stored = json.loads(json.dumps(serialise(form)))
    assert validate_answers(definition, stored, context=CONTEXT) == {}
    again = build_form(definition, context=CONTEXT)(data=deserialise(definition, stored))
    assert again.validate() and serialise(again) == stored


@SETTINGS
@given(forms(), st.data())
def test_breaking_one_rule_is_reported_on_that_field_only(case, data):
    definition, fields = case
    broken = data.draw(st.integers(0, len(fields) - 1))
    values = [
        (spec, bad if i == broken else good) for i, (spec, good, bad, _) in enumerate(fields)
    ]
    spec, _, _, message = fields[broken]
    _, errors = web_errors(definition, values)
    assert set(errors) == {spec["key"]}
    assert message in errors[spec["key"]]
    assert validate_answers(definition, json_answers(values), context=CONTEXT) == errors


@SETTINGS
@given(forms(gate=True))
def test_hidden_fields_are_ignored_whatever_they_hold(case):
    definition, fields = case
    gate = {"key": "gate", "type": "radio"}
    values = [(gate, "sembunyi"), *((spec, bad) for spec, _, bad, _ in fields)]
    form, errors = web_errors(definition, values)
    assert errors == {}
    assert serialise(form) == {"gate": "sembunyi"}
    assert validate_answers(definition, json_answers(values), context=CONTEXT) == {}
