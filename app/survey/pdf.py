"""The IKM report as a printable PDF (WeasyPrint) on the office's letterhead: the office's
name from configuration and its address from the catalogue's agency entry, as the receipt
does. The template gets plain, already formatted values (Indonesian decimal commas), so it
needs no logic beyond loops; bars are CSS widths, not a script."""

from __future__ import annotations

from flask import current_app

from ..documents.render import render_pdf, render_pdf_template
from ..services import calendar, catalogue_store
from . import ikm
from .report import Report

SUGGESTIONS_MAX = 30


def number(value, places: int = 2) -> str:
    return ikm.text(value, places, "id")  # the report's language


def count(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _index(index) -> dict:
    """With no answers yet there is no score, but the weight is still the rule's: 1 / the
    number of unsur (the questionnaire's), not "- = 1/0"."""
    score = index.score
    unsur = len(score.unsur) if score else len(index.items)
    return {
        "name": index.name, "graded": index.graded,
        "items": [{"code": i.code, "name": i.name, "total": count(i.total),
                   "answers": count(i.answers), "nrr": number(i.nrr),
                   "weighted": number(i.weighted, 3),
                   "bar": 0 if i.nrr is None else round(float(i.nrr) / 4 * 100, 1)}
                  for i in index.items],
        "weight": number(score.weight if score else ikm.weight(unsur), 3) if unsur else "-",
        "unsur": unsur,
        "value": number(score.value, 3) if score else "-",
        "converted": number(score.converted) if score else "-",
        "grade": score.grade.letter if score and index.graded else "",
        "kinerja": score.grade.kinerja if score and index.graded else "",
    }


def _group(row) -> dict:
    score = row.score
    return {"code": row.code, "name": row.name, "respondents": count(row.respondents),
            "population": count(row.population), "sample": count(row.sample),
            "converted": number(score.converted) if score else "-",
            "grade": score.grade.letter if score else "-"}


def context(found: Report, *, scope_text: str, suggestion_rows) -> dict:
    cat = catalogue_store.current()
    office = (cat.agency(current_app.config["OFFICE_AGENCY"]) if cat else None) or {}
    return {
        "office_name": current_app.config["OFFICE_NAME"],
        "office_address": office.get("address", ""),
        "period": found.period.label, "scope": scope_text,
        "respondents": count(found.respondents), "population": count(found.population),
        "sample": count(found.sample), "enough": found.respondents >= found.sample,
        "indices": [_index(i) for i in found.indices],
        # the headline figures; none before any questionnaire was published (the screen
        # says "-" then too, and the PDF must still open)
        "main": _index(found.ikm) if found.ikm else {"converted": "-", "value": "-",
                                                     "grade": "", "kinerja": ""},
        "per_permit": [_group(g) for g in found.per_permit],
        "per_agency": [_group(g) for g in found.per_agency],
        "trend": [{"label": p.label, "respondents": count(p.respondents),
                   "converted": number(p.score.converted) if p.score else "-",
                   "grade": p.score.grade.letter if p.score else "-"} for p in found.trend],
        "profile": [{"label": t.label, "rows": [
            {"label": label, "n": count(n),
             "percent": number(100 * n / t.total, 1) if t.total else "-"}
            for label, n in t.rows]} for t in found.profile],
        "suggestions": [{"at": calendar.local_date(r.submitted_at), "text": r.suggestion}
                        for r in suggestion_rows],
        "printed_at": calendar.local_now(),
    }


def report_pdf(found: Report, *, scope_text: str, suggestion_rows) -> bytes:
    html = render_pdf_template("ikm_report.html", context(found, scope_text=scope_text,
                                                          suggestion_rows=suggestion_rows))
    return render_pdf(html)
