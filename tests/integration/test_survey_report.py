"""The staff IKM report (screen "Laporan IKM"): figures of stored responses checked against a
computation written out here, the scope of a Dinas member, Excel and PDF, publishing on the
portal, the suggestions, and new questionnaire versions."""

from __future__ import annotations

import io
import json
import subprocess
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pytest
from openpyxl import load_workbook

from app.services import calendar
from app.survey import report, responses, store
from app.survey.periods import containing
from tests.backoffice_helpers import page_text, staff_client
from tests.helpers import (
    csrf_from,
    make_applicant,
    make_finished,
    publish_catalogue,
    publish_questionnaire,
)
from tests.survey_helpers import UNSUR, answers

# three respondents; every unsur not named is answered 3
GIVEN = [
    ("IZIN-PENELITIAN", {"U1": 4}, "P", "Loket ramah"),
    ("IZIN-PENELITIAN", {c: 4 for c in UNSUR}, "L", ""),
    ("SIUP-PERIKANAN", {**{c: 2 for c in UNSUR}, "U9": 1}, "P", "Ruang tunggu panas"),
]


def half_up(value, places: str = "0.01") -> str:
    if isinstance(value, Fraction):  # what the report holds
        value = Decimal(value.numerator) / Decimal(value.denominator)
    return str(Decimal(str(value)).quantize(Decimal(places), rounding=ROUND_HALF_UP))


def expected() -> dict:
    """NRR = mean of the answers of each unsur; IKM = mean of the NRR x 25."""
    scores = [{code: scores.get(code, 3) for code in UNSUR} for _p, scores, _s, _t in GIVEN]
    nrr = {code: Decimal(sum(s[code] for s in scores)) / len(scores) for code in UNSUR}
    ikm = sum(nrr.values()) / len(nrr) * 25
    return {"nrr": {c: half_up(v) for c, v in nrr.items()}, "ikm": half_up(ikm)}


@pytest.fixture
def surveyed(app):
    publish_catalogue(app)
    publish_questionnaire(app)
    version = store.current_version()
    for permit, scores, sex, text in GIVEN:
        person, _ = make_applicant(app)
        application = make_finished(app, person, permit_code=permit)
        responses.submit(application, version, answers(scores, jenis_kelamin=sex, saran=text),
                         channel="portal")
    person, _ = make_applicant(app)
    make_finished(app, person)  # finished, not surveyed: in the population only
    return containing("bulan", calendar.today())


def test_the_report_matches_a_computation_by_hand(app, surveyed):
    want = expected()
    assert want["nrr"]["U1"] == "3.33" and want["nrr"]["U9"] == "2.67"  # (4+4+2)/3, (3+4+1)/3
    found = report.build(surveyed)
    assert (found.respondents, found.population, found.sample) == (3, 4, 4)
    nrr = {item.code: half_up(item.nrr) for item in found.ikm.items}
    assert nrr == want["nrr"]
    assert str(found.ikm.score.converted_2) == want["ikm"]
    permits = {g.code: (g.respondents, g.population) for g in found.per_permit}
    assert permits == {"IZIN-PENELITIAN": (2, 3), "SIUP-PERIKANAN": (1, 1)}
    agencies = {g.code: g.respondents for g in found.per_agency}
    assert agencies == {"DPMPTSP": 2, "DKP": 1}
    dkp = next(g for g in found.per_agency if g.code == "DKP")
    assert str(dkp.score.converted_2) == half_up((8 * 2 + 1) / 9 * 25)
    sex = next(t for t in found.profile if t.field == "jenis_kelamin")
    assert dict(sex.rows) == {"Laki-laki": 1, "Perempuan": 2}
    ipk = next(i for i in found.indices if i.key == "ipk")
    assert half_up(ipk.items[0].nrr) == half_up((3 + 4 + 2) / 3)
    assert [(m.respondents > 0) for m in found.trend] == [True]


def test_helpdesk_reads_the_report_on_the_console(app, surveyed):
    client, _user = staff_client(app, "Helpdesk")
    home = client.get("/admin/").get_data(as_text=True)
    assert 'id="home-ikm"' in home and 'id="no-screens"' not in home
    args = f"periode=bulan&tahun={surveyed.year}&ke={surveyed.number}"
    response = client.get(f"/admin/ikm/?{args}")
    assert response.status_code == 200
    text, html, want = page_text(response), response.get_data(as_text=True), expected()
    assert f'id="ikm-value">{want["ikm"].replace(".", ",")}<' in html
    assert '<tr data-unsur="U1">' in html and want["nrr"]["U1"].replace(".", ",") in text
    assert 'id="ikm-respondents">3<' in html and 'id="ikm-population">4<' in html
    assert "Loket ramah" in text and "Ruang tunggu panas" in text
    assert 'data-chart="bar"' in html and "chartjs/chart.umd.min.js" in html
    assert "cdn" not in html.lower()
    saran = client.get(f"/admin/ikm/saran?{args}")
    assert "Ruang tunggu panas" in page_text(saran)
    assert "Siti Aminah" not in page_text(saran)  # respondents stay anonymous


def test_other_roles_have_no_ikm_screen(app, surveyed):
    client, _user = staff_client(app, "Verifikator")
    assert client.get("/admin/ikm/").status_code == 404
    assert 'id="home-ikm"' not in client.get("/admin/").get_data(as_text=True)


def test_a_dinas_member_reads_only_their_dinas(app, surveyed):
    client, _user = staff_client(app, "Helpdesk", "DKP")
    html = client.get("/admin/ikm/").get_data(as_text=True)
    assert 'id="ikm-respondents">1<' in html and 'id="ikm-publish"' not in html
    html = client.get("/admin/ikm/?agency=DPMPTSP").get_data(as_text=True)
    assert 'id="ikm-respondents">0<' in html
    token = csrf_from(html)
    assert client.post("/admin/ikm/publikasi", data={"csrf_token": token}).status_code == 403
    book = load_workbook(io.BytesIO(client.get("/admin/ikm/ekspor.xlsx").data))
    assert book["Ringkasan"]["B6"].value == 1  # respondents
    assert "Loket ramah" not in page_text(client.get("/admin/ikm/saran"))


def test_excel_and_pdf_carry_the_same_figures(app, surveyed, tmp_path):
    client, _user = staff_client(app, "Super Admin")
    want = expected()
    args = f"periode=bulan&tahun={surveyed.year}&ke={surveyed.number}"
    response = client.get(f"/admin/ikm/ekspor.xlsx?{args}")
    assert response.status_code == 200 and response.mimetype.endswith("sheet")
    book = load_workbook(io.BytesIO(response.data))
    sheet = book["Ringkasan"]
    rows = {r[0].value: r for r in sheet.iter_rows() if r[0].value}
    assert rows["U1"][4].value == float(want["nrr"]["U1"])
    assert rows["Responden"][1].value == 3
    converted = next(r for r in sheet.iter_rows() if r[1].value == "Nilai indeks konversi (x 25)")
    assert converted[5].value == float(want["ikm"])
    assert [c.value for c in book["Per Dinas"][1]][:3] == ["Kode", "Dinas/Instansi", "Responden"]
    assert {r[2].value for r in book["Saran"].iter_rows(min_row=2)} == {
        "Loket ramah", "Ruang tunggu panas"}
    pdf = client.get(f"/admin/ikm/laporan.pdf?{args}")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    path = tmp_path / "ikm.pdf"
    path.write_bytes(pdf.data)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "LAPORAN INDEKS KEPUASAN MASYARAKAT" in text
    assert want["ikm"].replace(".", ",") in text and "DPMPTSP Provinsi Kalimantan Timur" in text
    assert "Ruang tunggu panas" in text


def test_publishing_puts_the_figures_on_the_portal(app, surveyed, client):
    assert 'id="ikm-none"' in client.get("/survey-kepuasan").get_data(as_text=True)
    staff, _user = staff_client(app, "Super Admin")
    args = f"periode=bulan&tahun={surveyed.year}&ke={surveyed.number}"
    page = staff.get(f"/admin/ikm/?{args}").get_data(as_text=True)
    done = staff.post(f"/admin/ikm/publikasi?{args}", data={"csrf_token": csrf_from(page)})
    assert done.status_code == 302
    public = client.get("/survey-kepuasan")
    html, text, want = public.get_data(as_text=True), page_text(public), expected()
    assert f'id="ikm-value">{want["ikm"].replace(".", ",")}<' in html
    assert 'id="ikm-respondents">3<' in html and surveyed.label in text
    assert f'<tr data-unsur="U9"><td>U9</td><td>Sarana dan Prasarana</td><td class="text-end">' \
           f'{want["nrr"]["U9"].replace(".", ",")}' in html
    assert "Indeks Persepsi Korupsi" in text
    assert 'href="/survey-kepuasan" id="nav-survey-kepuasan"' in html


def test_a_new_questionnaire_version_from_the_console(app, surveyed):
    client, _user = staff_client(app, "Super Admin")
    page = client.get("/admin/ikm/kuesioner").get_data(as_text=True)
    assert "Versi berlaku: 1" in page_text(client.get("/admin/ikm/kuesioner"))
    broken = {"code": "X", "title": {"id": "X"}, "form": {"sections": []}, "indices": []}
    response = client.post("/admin/ikm/kuesioner", data={
        "csrf_token": csrf_from(page), "file": (io.BytesIO(json.dumps(broken).encode()),
                                                "rusak.json")})
    assert 'id="questionnaire-issues"' in response.get_data(as_text=True)
    content = json.loads(client.get("/admin/ikm/kuesioner/1.json").data)
    content["form"]["sections"][1]["fields"][1]["label"]["id"] = "Apakah persyaratan sesuai?"
    response = client.post("/admin/ikm/kuesioner", data={
        "csrf_token": csrf_from(page), "note": "Bahasa U1 disederhanakan",
        "file": (io.BytesIO(json.dumps(content).encode()), "v2.json")})
    assert response.status_code == 302
    assert store.current_version().number == 2
    # the old answers keep their version; the report still counts them
    found = report.build(surveyed)
    assert found.respondents == 3 and found.versions == [(1, 3)]


def test_the_suggestions_come_a_page_at_a_time(app, surveyed, monkeypatch):
    from app.survey import suggestions

    monkeypatch.setattr(suggestions, "PER_PAGE", 1)
    client, _user = staff_client(app, "Helpdesk")
    args = f"periode=bulan&tahun={surveyed.year}&ke={surveyed.number}"
    first = client.get(f"/admin/ikm/saran?{args}")
    second = client.get(f"/admin/ikm/saran?{args}&hal=2")
    texts = [page_text(first), page_text(second)]
    assert "Ruang tunggu panas" in texts[0] and "Loket ramah" not in texts[0]  # newest first
    assert "Loket ramah" in texts[1] and "Ruang tunggu panas" not in texts[1]
    assert "Hal 1 dari 2" in texts[0] and 'id="suggestions-next"' in first.get_data(as_text=True)


def test_the_report_reads_in_english_when_chosen(app, surveyed):
    client, _user = staff_client(app, "Helpdesk")
    client.get("/bahasa/en")
    text = page_text(client.get("/admin/ikm/?periode=bulan"))
    assert "Public Satisfaction Index according to PermenPANRB No. 14 of 2017." in text
    assert "Requirements" in text and "Persyaratan" not in text
    assert "Weighted average" in text and "Respondent profile" in text
    english = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")
    assert f"{english[surveyed.number - 1]} {surveyed.year}" in text  # the period's name


def test_the_pdf_of_a_period_without_answers_states_the_weight_rule(app, tmp_path):
    """No answers yet: no index value, but the weight is still 1 / the number of unsur."""
    publish_catalogue(app)
    publish_questionnaire(app)
    client, _user = staff_client(app, "Super Admin")
    pdf = client.get("/admin/ikm/laporan.pdf?periode=tahun&tahun=2026")
    assert pdf.status_code == 200
    path = tmp_path / "ikm.pdf"
    path.write_bytes(pdf.data)
    text = " ".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True,
                                   text=True, check=True).stdout.split())
    assert f"bobot {half_up(Fraction(1, len(UNSUR)), '0.001').replace('.', ',')} = " \
           f"1/{len(UNSUR)})" in text
    assert "1/0" not in text


def test_the_pdf_opens_before_any_questionnaire_was_published(app, tmp_path):
    """A new office (no questionnaire yet) gets the empty report the screen shows, not a
    template error flashed on whatever page opened the PDF's tab."""
    publish_catalogue(app)
    client, _user = staff_client(app, "Pimpinan")
    pdf = client.get("/admin/ikm/laporan.pdf?periode=tahun&tahun=2026")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    path = tmp_path / "ikm.pdf"
    path.write_bytes(pdf.data)
    text = " ".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True,
                                   text=True, check=True).stdout.split())
    assert "LAPORAN INDEKS KEPUASAN MASYARAKAT" in text and "nilai indeks - (skala 1-4)" in text


def test_a_nik_typed_into_a_suggestion_is_masked_on_every_staff_page_and_in_the_excel(app):
    publish_catalogue(app)
    publish_questionnaire(app)
    person, _ = make_applicant(app)
    application = make_finished(app, person, permit_code="IZIN-PENELITIAN")
    said = "NIK saya 6472 0115 0590 0001, NPWP 01.234.567.8-901.234, antre 2 jam"
    responses.submit(application, store.current_version(), answers({}, saran=said),
                     channel="portal")
    client, _user = staff_client(app, "Helpdesk")
    book = load_workbook(io.BytesIO(client.get("/admin/ikm/ekspor.xlsx").data))
    shown = [page_text(client.get("/admin/ikm/saran")), page_text(client.get("/admin/ikm/")),
             " ".join(str(r[2].value) for r in book["Saran"].iter_rows(min_row=2))]
    for text in shown:
        assert "6472 0115 0590 0001" not in text and "567.8-901" not in text
        assert "NIK saya 6472********0001, NPWP 0123*******1234, antre 2 jam" in text
