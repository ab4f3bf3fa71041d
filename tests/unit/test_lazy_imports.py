"""The heavy libraries load at first use, not when a process starts.

WeasyPrint (with fontTools), pyHanko, openpyxl and redis cost about a second of CPU to import
in every process that creates the app (each gunicorn worker, `flask` command, the outbox
worker, each test process), although only a PDF, a signature, an Excel file or a configured
Redis needs them (app/documents/pdf_writer.py, app/signing/pades.py, catalogue/xlsx.py,
app/redis_client.py). A fresh process, as gunicorn starts one (`run:app`, the embedded
defaults, a migrated SQLite file), serves public pages without loading any of them; then each
loads when, and only when, its first real use comes.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pypdf

from tests.processes import ROOT, server_env

PUBLIC_PAGES = ("/", "/persyaratan", "/lacak?resi=EPTSP-TIDAK-ADA", "/bantuan", "/bantuan/faq",
                "/daftar", "/masuk", "/privasi", "/healthz")

# Runs in the fresh process; prints which heavy libraries were loaded after each step.
CHILD = r"""
import json, sys
from pathlib import Path

HEAVY = ("weasyprint", "fontTools", "pyhanko", "openpyxl", "redis")
seen = {}

def step(name):
    seen[name] = sorted(lib for lib in HEAVY if lib in sys.modules)

import run  # the app as gunicorn's `run:app` creates it
step("created")
client = run.app.test_client()
seen["statuses"] = {path: client.get(path).status_code for path in json.loads(sys.argv[1])}
step("public pages")

out = Path(sys.argv[2])
manual = client.get("/bantuan/panduan.pdf")  # the user manual, rendered by its service
seen["manual"] = [manual.status_code, manual.mimetype]
step("manual PDF")

from app.signing import adapter_from_config, create_dev_ca, validate_pdf_signature
from app.signing.factory import signing_folder, trust_roots_from_config

with run.app.app_context():
    create_dev_ca(signing_folder(run.app.config))
    signed = adapter_from_config(run.app.config).sign(manual.data, reason="Uji",
                                                      location="Samarinda")
step("signed")
(out / "signed.pdf").write_bytes(signed)
seen["verified"] = validate_pdf_signature(signed, trust_roots_from_config(run.app.config)).ok

import catalogue
catalogue.write_template(out / "template.xlsx")
step("excel")

from app import create_app
create_app(REDIS_URL="redis://127.0.0.1:9/0")  # connections open on first use: none here
step("redis configured")
print(json.dumps(seen))
"""


def test_public_pages_load_no_heavy_library_and_first_use_loads_each(served_sqlite, tmp_path):
    instance = tmp_path / "instance"
    instance.mkdir()
    done = subprocess.run(
        [sys.executable, "-c", CHILD, json.dumps(PUBLIC_PAGES), str(tmp_path)], cwd=ROOT,
        env=server_env(served_sqlite, instance), capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    seen = json.loads(done.stdout.splitlines()[-1])

    assert seen["statuses"] == dict.fromkeys(PUBLIC_PAGES, 200)
    assert seen["created"] == []
    assert seen["public pages"] == []
    assert seen["manual"] == [200, "application/pdf"]
    assert seen["manual PDF"] == ["fontTools", "weasyprint"]
    assert seen["signed"] == ["fontTools", "pyhanko", "weasyprint"]
    assert seen["verified"] is True
    assert seen["excel"] == ["fontTools", "openpyxl", "pyhanko", "weasyprint"]
    assert seen["redis configured"] == ["fontTools", "openpyxl", "pyhanko", "redis",
                                        "weasyprint"]

    signed = pypdf.PdfReader(tmp_path / "signed.pdf")
    assert "Panduan" in signed.pages[0].extract_text()
    assert Path(tmp_path / "template.xlsx").read_bytes()[:2] == b"PK"  # a zip: the .xlsx


# First uses at the same moment on several threads of one fresh process (a gthread worker).
CONCURRENT = r"""
import json, sys, threading
from pathlib import Path

import catalogue
from app.documents import render_pdf
from app.signing import Pkcs12Signer, create_dev_ca, validate_pdf_signature

HEAVY = ("weasyprint", "pyhanko", "openpyxl")
before = sorted(lib for lib in HEAVY if lib in sys.modules)
out = Path(sys.argv[1])
paths = create_dev_ca(out / "signing")
uses = {
    "pdf": lambda i: render_pdf(f"<p>Dokumen {i}</p>")[:5].decode(),
    "key": lambda i: Pkcs12Signer(paths.p12, paths.password()).signer_name[:6],
    "verify": lambda i: validate_pdf_signature(b"%PDF-1.7 rusak", []).ok,
    "excel": lambda i: catalogue.write_template(out / f"t{i}.xlsx") or "xlsx",
}
kinds = [kind for kind in uses for _ in range(3)]
start = threading.Barrier(len(kinds))
results, errors = [], []

def use(kind, i):
    start.wait()
    try:
        results.append([kind, uses[kind](i)])
    except Exception as exc:
        errors.append(repr(exc))

threads = [threading.Thread(target=use, args=(kind, i)) for i, kind in enumerate(kinds)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(json.dumps({"before": before, "errors": errors, "results": sorted(results)}))
"""


def test_first_uses_on_several_threads_at_once_all_succeed(tmp_path):
    done = subprocess.run([sys.executable, "-c", CONCURRENT, str(tmp_path)], cwd=ROOT,
                          env=server_env("sqlite://", tmp_path), capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    seen = json.loads(done.stdout.splitlines()[-1])
    assert seen["before"] == []  # so each library's first import happens in the threads
    assert seen["errors"] == []
    assert seen["results"] == sorted(
        [["pdf", "%PDF-"]] * 3 + [["key", "Kepala"]] * 3 + [["verify", False]] * 3
        + [["excel", "xlsx"]] * 3)
