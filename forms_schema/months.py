"""Month names in the office's two languages, written once: printed documents, form answers,
the screen's dates, the Laporan and Survey IKM periods and the console's holiday calendar all
read them here.

Pure like the rest of the engine (another office reuses it without our app), which is why it
lives in this package: `app/` may import it, this package may not import `app/`. The caller
says the language: the web shell passes the reader's (`app.i18n.locale()`), a printed
document passes "id".
"""

from __future__ import annotations

from datetime import date

MONTHS = {
    "id": ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
           "September", "Oktober", "November", "Desember"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
}


def month_names(lang: str = "id", *, short: bool = False) -> tuple[str, ...]:
    """The twelve month names in `lang` (Indonesian for a language we do not write), or
    their first three letters for a chart's axis ("Mei", "Agu" / "May", "Aug")."""
    names = MONTHS.get(lang, MONTHS["id"])
    return tuple(name[:3] for name in names) if short else names


def long_date(day: date, lang: str = "id") -> str:
    """23 November 2026."""
    return f"{day.day} {month_names(lang)[day.month - 1]} {day.year}"
