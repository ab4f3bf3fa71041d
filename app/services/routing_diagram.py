"""A routing drawn as an SVG diagram an admin can read: one box per step (name, role, who
acts: the office, the permit's own Dinas, fixed agencies or several in parallel), arrows for
every action labelled with its name from the catalogue, and the three ends (back to the
applicant, rejected, issued) on the right. Drawn on the server: no script, prints and
screenshots as it is. A step no path from the first step reaches (the routing check's rule)
is drawn dashed and grey with the words "tidak terjangkau", as the check lists it."""

from __future__ import annotations

from xml.sax.saxutils import escape

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

import catalogue as cat_lib
from catalogue.routing import APPLICANT, ISSUED, REJECTED
from catalogue.routing_graph import unreached_steps

from ..i18n import text

STEP_W, STEP_H, GAP = 300, 74, 46
LEFT = 150
CHAR_W = 6.2  # a generous width of one 10 px character: labels are measured, not rendered
END_X, END_W, END_H = 610, 190, 40
ENDS = ((APPLICANT, _l("Kembali ke pemohon"), "#fff3cd", "#b58105"),
        (REJECTED, _l("Ditolak"), "#f8d7da", "#b02a37"),
        (ISSUED, _l("Izin terbit"), "#d1e7dd", "#146c43"))


def who(step: dict, office: str) -> str:
    if "agencies" in step:
        names = [_("Dinas pemilik izin") if a == cat_lib.PERMIT_AGENCY else a
                 for a in step.get("agencies") or []]
        return _("Paralel: %(who)s", who=", ".join(names))
    agency = step.get("agency", cat_lib.PERMIT_AGENCY)
    if agency == cat_lib.PERMIT_AGENCY:
        return _("Dinas pemilik izin")
    return _("Kantor (%(code)s)", code=agency) if agency == office else str(agency)


def _box(x: int, y: int, w: int, h: int, fill: str, stroke: str, double: bool,
         dash: str = "") -> str:
    line = f'stroke="{stroke}" ' + (f'stroke-dasharray="{dash}" ' if dash else "")
    out = (f'<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="8" fill="{fill}" '
           f'{line}stroke-width="1.5"/>')
    if double:
        out += (f'<rect x="{x + 4}" y="{y + 4}" width="{w - 8}" height="{h - 8}" rx="6" '
                f'fill="none" {line}stroke-width="1"/>')
    return out


def _label(x: float, y: float, words: str, *, size: int = 11, weight: str = "normal",
           anchor: str = "start", fill: str = "#212529") -> str:
    return (f'<text x="{x:.0f}" y="{y:.0f}" font-size="{size}" font-weight="{weight}" '
            f'text-anchor="{anchor}" fill="{fill}">{escape(words)}</text>')


def _short(words: str, limit: int) -> str:
    return words if len(words) <= limit else words[: limit - 1] + "…"


def svg(routing: dict, cat: cat_lib.Catalogue, office: str, locale: str = "id") -> str:
    steps = [s for s in routing.get("steps") or [] if isinstance(s, dict)]
    index = {s.get("key"): i for i, s in enumerate(steps)}
    top = lambda i: 20 + i * (STEP_H + GAP)  # noqa: E731
    height = max(top(len(steps)), 3 * (END_H + 60) + 20)
    ends = {key: 20 + i * (END_H + 60) + (height - 3 * (END_H + 60)) // 2
            for i, (key, *_rest) in enumerate(ENDS)}
    edges, left = _edges(steps, index, ends, top, cat, locale)
    left = min(0, int(left) - 8)  # a long label on a backward arrow widens the view leftwards
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{left} 0 '
             f'{END_X + END_W + 20 - left} {height}" role="img" '
             f'font-family="system-ui, sans-serif" '
             f'aria-label="{escape(text(routing.get("name"), locale) or "")}">',
             '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
             'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
             'fill="#495057"/></marker></defs>']
    for key, name, fill, stroke in ENDS:
        y = ends[key]
        parts += [_box(END_X, y, END_W, END_H, fill, stroke, False),
                  _label(END_X + END_W / 2, y + 25, str(name), weight="bold", anchor="middle")]
    unreached = unreached_steps(routing)
    for i, step in enumerate(steps):
        gone = step.get("key") in unreached
        title, mark = _unreached(top(i)) if gone else ([], [])
        parts += ['<g class="step unreached">' if gone else '<g class="step">', *title,
                  *_step_box(i, step, top(i), office, locale, gone), *mark, "</g>"]
    parts += edges
    parts.append("</svg>")
    return "".join(parts)


def _step_box(i: int, step: dict, y: int, office: str, locale: str,
              unreached: bool = False) -> list[str]:
    """The step's box and words; an unreached step's box dashed and grey."""
    parallel = "agencies" in step
    fill, stroke, dash = ("#f8f9fa", "#6c757d", "6 4") if unreached else (
        "#e7f1ff" if i else "#cfe2ff", "#0a58ca", "")
    return [_box(LEFT, y, STEP_W, STEP_H, fill, stroke, parallel, dash),
            _label(LEFT + 10, y + 20, f"{i + 1}. " + _short(
                text(step.get("name"), locale) or str(step.get("key")), 38),
                weight="bold", size=12),
            _label(LEFT + 10, y + 40, _short(_("Peran: %(role)s", role=step.get("role", "-")),
                                             44)),
            _label(LEFT + 10, y + 58, _short(who(step, office), 44),
                   fill="#0a58ca" if parallel else "#495057")]


def _unreached(y: int) -> tuple[list[str], list[str]]:
    """For a step nothing leads to from the first step: a <title> (read out and shown on
    hover) saying so, and the words above the box's top right corner."""
    title = _("Tidak terjangkau: tidak ada jalan dari langkah pertama menuju langkah ini.")
    return ([f"<title>{escape(title)}</title>"],
            [_label(LEFT + STEP_W - 4, y - 5, _("tidak terjangkau"), size=10, anchor="end",
                    fill="#6c757d", weight="bold")])


def _edges(steps, index, ends, top, cat, locale) -> tuple[list[str], float]:
    """The arrows and their labels, and the leftmost x a label reaches (labels of arrows
    between steps sit left of the boxes and may need room beyond x = 0)."""
    out: list[str] = []
    left = 0.0
    for i, step in enumerate(steps):
        actions = step.get("actions") if isinstance(step.get("actions"), dict) else {}
        for n, (action, target) in enumerate(actions.items()):
            name = text(cat.action_name(action), locale)
            y0 = top(i) + 18 + n * 14
            if target in ends:
                y1 = ends[target] + END_H / 2
                x0, x1 = LEFT + STEP_W, END_X
                out.append(f'<path d="M{x0},{y0} C{x0 + 90},{y0} {x1 - 90},{y1} {x1},{y1}" '
                           'fill="none" stroke="#495057" marker-end="url(#arrow)"/>')
                out.append(_label(x0 + 8, y0 - 3, _short(name, 22), size=10, fill="#343a40"))
            elif target in index:
                j = index[target]
                y1 = top(j) + STEP_H / 2 + (6 if j < i else -6)
                bend = LEFT - 24 - 10 * (n % 3)
                out.append(f'<path d="M{LEFT},{y0} C{bend},{y0} {bend},{y1} {LEFT},{y1}" '
                           'fill="none" stroke="#495057" marker-end="url(#arrow)"/>')
                name = _short(name, 40)
                left = min(left, bend - 3 - len(name) * CHAR_W)
                out.append(_label(bend - 3, (y0 + y1) / 2, name, size=10, anchor="end",
                                  fill="#343a40"))
    return out, left
