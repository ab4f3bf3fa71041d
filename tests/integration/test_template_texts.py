"""`_()` in templates (app/i18n.py) keeps Jinja's newstyle gettext rules while skipping its
layers: the reader's language, values escaped under autoescape, the text always used as a
format string (so "%%" prints "%"), the text itself trusted as markup."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("source", "language", "shown"), [
    ("{{ _('Lacak Permohonan') }}", "id", "Lacak Permohonan"),
    ("{{ _('Lacak Permohonan') }}", "en", "Track Application"),
    ("{{ _('%(n)s dari %(sla)s hari kerja (SLA)', n='<b>3</b>', sla=5) }}", "en",
     "&lt;b&gt;3&lt;/b&gt; of 5 working days (SLA)"),
    ("{{ _('%(n)s dari %(sla)s hari kerja (SLA)', n=3, sla=5) }}", "id",
     "3 dari 5 hari kerja (SLA)"),
    ("{{ _('Selesai 100%%') }}", "id", "Selesai 100%"),
    ("{{ _('<em>Baru</em>') }}", "id", "<em>Baru</em>"),
    ("{% for i in range(2) %}{{ gettext('Lacak Permohonan') }};{% endfor %}", "en",
     "Track Application;Track Application;"),
])
def test_template_texts_follow_jinjas_gettext_rules(app, source, language, shown):
    with app.test_request_context(f"/?_l_={language}"):
        assert app.jinja_env.from_string(source).render() == shown
