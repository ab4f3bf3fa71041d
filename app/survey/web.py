"""The survey page flow shared by the applicant area and the public portal: show the
questionnaire of a finished application, check it with the form engine, store it once.

Both entrances call this one function; they differ only in how they found the application
(the owner's uid, or a resi typed on the portal), the channel recorded and the prefill.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from forms_schema import month_names

from .. import i18n
from ..forms.web import not_done
from ..services.errors import DomainError
from . import forms, responses, store
from .periods import ROMAN, Period, numbers

# the service's refusals, translated where shown (tests/unit/survey/test_texts.py keeps this
# list equal to the texts in responses.py)
MSGIDS = (
    _l("Survey hanya dapat diisi untuk permohonan yang sudah selesai. Tunggu hingga "
       "permohonan selesai diproses."),
    _l("Survey untuk permohonan ini sudah diisi. Satu permohonan hanya dapat diisi satu kali."),
    _l("Kuesioner survey belum diterbitkan. Coba lagi nanti."),
    _l("Versi kuesioner tidak dikenal. Muat ulang halaman lalu isi kembali."),
    _l("Nomor resi tidak ditemukan. Periksa kembali penulisannya."),
)


def refused(application, message: str, template: str, status: int = 200, **context):
    """The page saying why this application cannot be surveyed (no form on it)."""
    done = responses.response_of(application.id)
    return render_template(template, application=application, refusal=_(message),
                           answered=done, form=None, **context), status


def survey_page(application, *, channel: str, template: str, done_url: str, user=None,
                initial: dict | None = None, **context):
    try:
        responses.check_open(application)
        version = responses.version_for(request.form.get("_version")
                                        if request.method == "POST" else None)
    except DomainError as exc:
        return refused(application, exc.message, template,
                       409 if request.method == "POST" else 200, **context)
    questionnaire = store.questionnaire_of(version)
    form_cls = forms.form_class(questionnaire)
    if request.method == "GET":
        form = form_cls(data=initial or {})
    else:  # CSRF was checked by CSRFProtect before the view ran
        form = form_cls()
        if form.validate():
            try:
                responses.submit(application, version, form.schema_answers(), channel=channel,
                                 user=user)
            except responses.AlreadyAnswered as exc:
                return refused(application, exc.message, template, 409, **context)
            except responses.InvalidAnswers as exc:
                for name, messages in exc.errors.items():
                    if name in form._fields:
                        form._fields[name].errors = list(messages)
            else:
                flash(_("Survey berhasil dikirim. Terima kasih atas partisipasi Anda."),
                      "success")
                return redirect(done_url)
        flash(not_done(_("Survey belum terkirim.")), "danger")
    return render_template(template, application=application, form=form,
                           questionnaire=questionnaire, version=version, refusal=None,
                           answered=None, **context)


def period_label(kind: str, year: int, number: int) -> str:
    """A report period in the reader's language ("Semester I 2026" / "Half-year I 2026")."""
    period = Period(kind, int(year), int(number))
    if i18n.locale() != "en":
        return period.label
    if kind == "bulan":
        return f"{month_names('en')[period.number - 1]} {period.year}"
    if kind == "triwulan":
        return f"Quarter {ROMAN[period.number - 1]} {period.year}"
    if kind == "semester":
        return f"Half-year {ROMAN[period.number - 1]} {period.year}"
    return f"Year {period.year}"


def month_label(month) -> str:
    """"Mei 2026" / "May 2026" for a month's first day, abbreviated."""
    return f"{month_names(i18n.locale(), short=True)[month.month - 1]} {month.year}"


def period_numbers(kind: str) -> list[tuple[int, str]]:
    """The choices of the report's "Ke" select in the reader's language."""
    return numbers(kind, i18n.locale())


def grade_words(kinerja: str) -> str:
    """The regulation's kinerja words (Sangat Baik, Baik, Kurang Baik, Tidak Baik), translated."""
    return _(kinerja)


KINERJA_MSGIDS = (_l("Sangat Baik"), _l("Baik"), _l("Kurang Baik"), _l("Tidak Baik"))


def template_helpers() -> dict:
    return {"period_label": period_label, "kinerja_text": grade_words,
            "month_label": month_label}
