"""A login form whose form session ended is shown again, not answered with an error page.

The CSRF token of a form is checked against a secret kept in the session. A login page's
secret legitimately goes away while the page stays open: the browser was restarted (a session
cookie does not outlive it, but the restored tab does), or a login or logout in another tab
started a new session (app/security/sessions.py gives it a new secret). CSRFProtect then
refuses the post, rightly, and the generic answer is an error page that loses what was typed.
For a login form that is a dead end for no fault of the person, so the views marked here get
their own page back instead: still status 400 and nothing done, the reason said in plain
Indonesian, the typed e-mail/NIK kept, a fresh token and a fresh captcha to try again.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import current_app, flash, render_template, request
from flask_babel import gettext as _

from ..i18n import N_

_MARK = "eptsp_reshown_when_expired"
# the one wording of a post refused for its CSRF token: the error page (app/web.py) and a
# console form that finds its token missing (a script sent the header only) say the same
EXPIRED = N_("Formulir sudah kedaluwarsa atau tidak sah. Muat ulang halaman lalu coba lagi.")
MESSAGE = N_("Sesi halaman login sudah berakhir: halaman ini terlalu lama terbuka, atau Anda "
             "masuk atau keluar di tab lain. Isian Anda tidak diproses. Ketik ulang password "
             "dan kode captcha, lalu login lagi.")


def reshown_when_expired(form_class: type, template: str) -> Callable:
    """Marks a login view (put it right above the function): a post of its form refused for
    its CSRF token is answered with `template` and `form_class` filled from the post."""
    def mark(view: Callable) -> Callable:
        setattr(view, _MARK, (form_class, template))
        return view
    return mark


def in_own_words(form) -> None:
    """A form refused for its CSRF token says EXPIRED (a marked text: the page shows it
    through `pesan`) instead of the CSRF library's own sentence, which reads in English or
    in its own Indonesian whatever the page, and tells nobody what to do."""
    field = getattr(form, "csrf_token", None)
    if field is not None and field.errors:
        field.errors = [EXPIRED]


def reshown():
    """The marked view's page again for a post CSRFProtect refused (status 400), or None for
    any other view (the caller shows its general error page). The form is filled from the
    post but never validated: nothing is checked or done, the password and the captcha
    answer are emptied (the captcha shown is a new one)."""
    view = current_app.view_functions.get(request.endpoint or "")
    page = getattr(view, _MARK, None)
    if request.method != "POST" or page is None:
        return None
    form_class, template = page
    form = form_class()
    form.password.data = ""
    form.captcha.data = ""
    flash(_(MESSAGE), "warning")
    return render_template(template, form=form), 400
