"""An admin pastes a lookup table's rows from Excel (tab-separated) into the draft: with a
header row naming the columns by label, numbers kept as numbers, added or replacing; a header
the table does not know is refused with its name and the draft keeps its rows."""

from __future__ import annotations

from app.extensions import db
from app.models import CatalogueDraft
from tests.catalogue_helpers import csrf, publish_sample
from tests.integration.catalogue_console.test_catalogue_draft import start_draft

PASTE = "/admin/katalog/atur/referensi/faskes/tempel"


def draft_rows() -> list[dict]:
    db.session.expire_all()
    content = db.session.query(CatalogueDraft).one().content
    return next(t for t in content["lookups"] if t["name"] == "faskes")["rows"]


def paste(admin, text: str, **extra):
    return admin.post(PASTE, data={"csrf_token": csrf(admin, PASTE), "what": "rows",
                                   "rows": text, **extra})


def test_rows_pasted_from_excel_join_the_draft_table(admin):
    publish_sample()
    start_draft(admin)
    before = len(draft_rows())
    page = admin.get(PASTE)
    assert page.status_code == 200 and 'id="paste-form"' in page.get_data(as_text=True)

    pasted = paste(admin, "Kode Faskes\tNama Faskes\tlat\tlng\n"
                          "6472PK099\tPuskesmas Uji\t-0,5\t117.1\r\n", header="1", mode="append")
    assert pasted.status_code == 302 and pasted.location.endswith(PASTE)
    rows = draft_rows()
    assert len(rows) == before + 1
    added = rows[-1]
    assert (added["code"], added["name"], added["lat"], added["lng"]) == \
        ("6472PK099", "Puskesmas Uji", -0.5, 117.1)
    assert "1 baris dari Excel tersimpan di draf." in admin.get(pasted.location).get_data(
        as_text=True)

    paste(admin, "6472PK100\tKlinik Satu\n6472PK101\tKlinik Dua", mode="replace")
    assert [r["code"] for r in draft_rows()] == ["6472PK100", "6472PK101"]


def test_an_unknown_column_title_is_refused_and_nothing_changes(admin):
    publish_sample()
    start_draft(admin)
    before = draft_rows()
    refused = paste(admin, "Kode Faskes\tWarna\n6472PK099\tmerah", header="1", mode="append")
    assert refused.status_code == 200
    assert "Judul kolom &#39;Warna&#39; tidak dikenal" in refused.get_data(as_text=True)
    assert draft_rows() == before
