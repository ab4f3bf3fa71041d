"""The dashboard writes the applicant's address as every other page does (the `alamat` rule):
the street line, then village, district, regency, province."""

import re

from app import regions


def test_the_dashboard_address_reads_village_first(app, client, user):
    html = client.get("/dashboard").get_data(as_text=True)
    card = html.split('id="profile-card"')[1].split("</ul>")[0]
    line = re.search(r'bi-geo-alt"></i>\s*([^<]+)</li>', card).group(1).strip()
    with app.app_context():
        names = [r.name for r in regions.path("64.72.01.1003")]
    assert line == ", ".join(["Jl. Juanda No. 7", *reversed(names)])
    assert line.endswith("Kalimantan Timur")
