"""HTML -> PDF bytes with WeasyPrint: the one module that imports it.

Importing WeasyPrint costs about half a second of CPU (fontTools, Pango through cffi, and its
user-agent stylesheets, parsed at import), and only the requests that print a receipt, a
permit, a report or the manual need it. So nothing imports this module when the app starts:
`render.render_pdf` loads it at the first PDF of a process. The import system runs it once;
a second thread asking meanwhile waits for the first (tests/unit/test_lazy_imports.py checks
that an ordinary page never loads it and a PDF does).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint import HTML
from weasyprint.urls import URLFetcher


class LocalOnlyFetcher(URLFetcher):
    """Serves data: URIs and files under one folder; refuses everything else."""

    def __init__(self, root: Path):
        super().__init__(timeout=2, allowed_protocols={"data", "file"}, allow_redirects=False)
        self.root = Path(root).resolve()

    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        if parts.scheme == "file":
            path = Path(unquote(parts.path)).resolve()
            if not path.is_file() or not path.is_relative_to(self.root):
                raise ValueError(f"Berkas di luar folder statis ditolak: {url}")
        elif parts.scheme != "data":
            raise ValueError(f"Sumber daya jaringan ditolak: {url}")
        return super().fetch(url, headers)


def write_pdf(html: str, *, base_url: str, root: Path) -> bytes:
    """The document's resources come only from data: URIs and files under `root`."""
    # presentational hints: an admin's inline template may say <table border="1"> (plain HTML)
    return HTML(string=html, base_url=base_url, url_fetcher=LocalOnlyFetcher(root)).write_pdf(
        presentational_hints=True)
