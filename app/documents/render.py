"""HTML -> PDF with WeasyPrint, and a sandbox for templates that are catalogue data.

Two risks shape this module. A certificate template is written by catalogue admins, not
developers, so it runs in Jinja's sandbox and can reach only the values it is given. And a PDF
rendered on the server must never fetch from the network: a template (or an applicant's text)
pointing at an http(s) address would otherwise make the server a proxy and stall issuance on a
slow host. Only data: URIs and files under the project's static folder are served.

WeasyPrint itself lives in pdf_writer.py, loaded at the first PDF: the Jinja half of this module
is imported when the app starts, and most processes never print a document.
"""

from __future__ import annotations

import traceback

from jinja2 import FileSystemLoader, TemplateSyntaxError, UndefinedError
from jinja2.exceptions import SecurityError
from jinja2.exceptions import TemplateError as JinjaTemplateError

from app.i18n import N_
from app.services.errors import DomainError
from config import BASE_DIR

from .dates import tanggal, tanggal_waktu
from .limits import SIZE, STEPS, BoundedSandbox, LimitExceeded, Limits, render_bounded

STATIC_DIR = (BASE_DIR / "static").resolve()
PDF_TEMPLATES = BASE_DIR / "templates" / "pdf"
_TEMPLATE_NAME = "<template>"  # the filename Jinja gives from_string templates
# A template past the limits of limits.py / bounded.py (config.py: TEMPLATE_MAX_*).
MSG_TOO_LARGE = N_("Templat melampaui batas ukuran: hasilnya akan lebih dari {limit} karakter. "
                   "Kurangi teks yang diulang atau perulangan yang besar.")
MSG_TOO_MANY_STEPS = N_("Templat melampaui batas {limit} langkah (putaran perulangan dan "
                        "pemanggilan). Kurangi perulangan bersarang atau rentang range() yang "
                        "besar.")
MSG_TOO_SLOW = N_("Templat melampaui batas waktu pemrosesan {limit} detik. Kurangi perulangan "
                  "bersarang atau rentang range() yang besar.")
MSG_TOO_HEAVY = N_("Templat terlalu berat diproses (melampaui batas memori {memory} MB atau "
                   "waktu {seconds} detik) dan dihentikan. Kurangi teks yang diulang atau "
                   "perulangan yang besar.")


class TemplateError(DomainError):
    """A certificate or receipt template that cannot be rendered; the message names the line."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.line = line


class TemplateTooHeavy(TemplateError):
    """A template stopped by a rendering limit (limits.py, bounded.py): refused where it is
    saved or published, where other template problems are reported as issues."""


def render_pdf(html: str, *, base_url: str | None = None) -> bytes:
    """Relative URLs resolve against the static folder, so a template can use `img/logo.png`."""
    from . import pdf_writer  # WeasyPrint: loaded here, at the first PDF (see its docstring)

    base = base_url or STATIC_DIR.as_uri() + "/"
    return pdf_writer.write_pdf(html, base_url=base, root=STATIC_DIR)


def _environment(loader=None) -> BoundedSandbox:
    env = BoundedSandbox(autoescape=True, loader=loader)
    env.filters.update(tanggal=tanggal, tanggal_waktu=tanggal_waktu)
    return env


_ENV = _environment()
_OWN_ENV = _environment(FileSystemLoader(PDF_TEMPLATES))


def _template_line(exc: BaseException) -> int | None:
    """Jinja rewrites tracebacks so template frames carry the template's own line numbers."""
    lines = [frame.lineno for frame in traceback.extract_tb(exc.__traceback__)
             if frame.filename == _TEMPLATE_NAME or frame.filename.endswith(".html")]
    return lines[-1] if lines else None


def _where(line: int | None) -> str:
    return f" (baris {line})" if line else ""


def _compiled(load, what: str):
    """`load()` a template; a syntax error becomes a TemplateError naming `what` and the line."""
    try:
        return load()
    except TemplateSyntaxError as exc:
        raise TemplateError(
            f"{what} tidak valid pada baris {exc.lineno} (rincian: {exc.message})",
            exc.lineno) from exc


def render_template_string_sandboxed(source: str, context: dict) -> str:
    """Render admin-written Jinja; every failure becomes a TemplateError in Indonesian."""
    return _render(_compiled(lambda: _ENV.from_string(source), "Templat"), context)


def render_pdf_template(name: str, context: dict) -> str:
    """Our own templates under templates/pdf/ (they may extend _base.html), same sandbox."""
    return _render(_compiled(lambda: _OWN_ENV.get_template(name), f"Templat {name}"), context)


def limit_error(exc: LimitExceeded | None, limits: Limits) -> TemplateTooHeavy:
    """The admin's words for a template stopped by a limit (`exc` None: by the child
    process's hard limits, bounded.py)."""
    if exc is None:
        return TemplateTooHeavy(MSG_TOO_HEAVY.format(memory=limits.memory_mb,
                                                  seconds=f"{limits.seconds:g}"))
    line = _template_line(exc)
    if exc.what == SIZE:
        return TemplateTooHeavy(MSG_TOO_LARGE.format(limit=limits.max_output), line)
    if exc.what == STEPS:
        return TemplateTooHeavy(MSG_TOO_MANY_STEPS.format(limit=limits.max_steps), line)
    return TemplateTooHeavy(MSG_TOO_SLOW.format(limit=f"{limits.seconds:g}"), line)


def _render(template, context: dict) -> str:
    limits = Limits.from_config()
    try:
        return render_bounded(template, context, limits)
    except LimitExceeded as exc:
        raise limit_error(exc, limits) from exc
    except (MemoryError, RecursionError) as exc:
        raise limit_error(None, limits) from exc
    except SecurityError as exc:
        line = _template_line(exc)
        raise TemplateError(
            f"Templat mencoba mengakses bagian internal yang tidak diizinkan{_where(line)}",
            line) from exc
    except UndefinedError as exc:
        line = _template_line(exc)
        raise TemplateError(
            f"Templat memakai data yang tidak tersedia{_where(line)} (rincian: {exc.message})",
            line) from exc
    except (JinjaTemplateError, TypeError, ValueError, ArithmeticError, LookupError) as exc:
        line = _template_line(exc)
        raise TemplateError(f"Templat gagal diproses{_where(line)} (rincian: {exc})", line) from exc
