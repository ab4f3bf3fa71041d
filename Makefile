# Two commands do all the set-up: `make run` and `make test` (see README.md).
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
UV := $(VENV)/bin/uv
FLASK := $(VENV)/bin/flask --app run
PYTHON ?= python3

# Versions come from uv.lock (hashes for every file), never from the day: `uv sync --frozen`
# installs exactly the lock and fails rather than re-resolve. uv, pip and setuptools are locked
# too (group "bootstrap", exported to requirements/bootstrap.txt for the very first install).
export UV_PROJECT_ENVIRONMENT := $(abspath $(VENV))
export UV_PYTHON_DOWNLOADS := never
# --compile-bytecode: the installed packages' .pyc files are written once at install, so a
# process started with PYTHONDONTWRITEBYTECODE (or a read-only venv) does not compile ~2,000
# modules from source each time it starts (every server worker, CLI call and test process)
UV_SYNC := $(UV) sync --frozen --python $(PY) --compile-bytecode

.PHONY: run test venv install install-test system-run-deps system-test-deps migrate seed lint \
	bench clean translations upgrade-deps serve worker audit

$(UV): requirements/bootstrap.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip --isolated install -q --require-hashes --no-deps -r requirements/bootstrap.txt
	touch $@

venv: $(UV)

# the project's own modules are compiled too, for the same reason (about 170 modules, 0.2 s of
# every process start); a changed source is still recompiled (Python checks its time stamp)
COMPILE_PROJECT := $(PY) -m compileall -q app catalogue forms_schema migrations config.py run.py

install: venv
	$(UV_SYNC) -q
	$(VENV)/bin/pybabel -q compile -d translations
	$(COMPILE_PROJECT)

install-test: venv
	$(UV_SYNC) -q --extra test
	$(VENV)/bin/pybabel -q compile -d translations
	$(COMPILE_PROJECT)

# Re-resolve every dependency to today's newest allowed versions, show what moved, and keep the
# new lock only if the whole suite passes with it (third-party deprecations are listed in the
# test summary). Commit uv.lock and requirements/bootstrap.txt on their own.
upgrade-deps: venv
	cp uv.lock $(VENV)/uv.lock.before
	$(UV) lock --upgrade
	$(UV) export -q --frozen --only-group bootstrap --no-emit-project -o requirements/bootstrap.txt
	$(PY) scripts/lock_diff.py $(VENV)/uv.lock.before uv.lock
	@if $(MAKE) test; then echo "uv.lock diperbarui dan seluruh uji lulus."; \
	else cp $(VENV)/uv.lock.before uv.lock; \
	  $(UV) export -q --frozen --only-group bootstrap --no-emit-project -o requirements/bootstrap.txt; \
	  $(UV_SYNC) -q --extra test; \
	  echo "Uji gagal dengan versi baru: uv.lock dikembalikan."; exit 1; fi

# WeasyPrint (receipts, permits) needs Pango and a font; installed from Debian when missing
system-run-deps:
	@missing=""; \
	(ldconfig -p 2>/dev/null || /sbin/ldconfig -p 2>/dev/null) | grep -q libpangoft2-1.0 || missing="$$missing libpango-1.0-0 libpangoft2-1.0-0"; \
	fc-list 2>/dev/null | grep -qi dejavu || missing="$$missing fonts-dejavu-core"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO="sudo"; \
	  $$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q $$missing; \
	fi

# tests also start real redis-server and nginx processes (rate limits shared by several servers,
# the sample nginx site checked by `nginx -t`); browser tests run on Debian's chromium headless
# shell (the full chromium only where a page opens a PDF in the browser's viewer)
system-test-deps:
	@missing=""; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v chromium-headless-shell >/dev/null || missing="$$missing chromium-headless-shell"; \
	command -v redis-server >/dev/null || missing="$$missing redis-server"; \
	PATH="$$PATH:/usr/sbin:/sbin" command -v nginx >/dev/null || missing="$$missing nginx"; \
	command -v pdftoppm >/dev/null || missing="$$missing poppler-utils"; \
	fc-list 2>/dev/null | grep -qi dejavu || missing="$$missing fonts-dejavu-core"; \
	(ldconfig -p 2>/dev/null || /sbin/ldconfig -p 2>/dev/null) | grep -q libpangoft2-1.0 || missing="$$missing libpango-1.0-0 libpangoft2-1.0-0"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO="sudo"; \
	  $$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q $$missing; \
	fi

migrate: install system-run-deps
	$(FLASK) db upgrade
	$(FLASK) setup

seed: migrate
	$(FLASK) catalogue import catalogue/definitions --if-changed
	$(FLASK) survey import app/survey/definitions/kuesioner-ikm.json --if-changed
	$(FLASK) seed-demo

# gunicorn (a few workers) and one outbox worker process, stopped together by Ctrl+C
run: seed
	$(FLASK) signing dev-ca
	@echo "E-PTSP berjalan di http://$${WEB_BIND:-127.0.0.1:5000}  (gunicorn + worker outbox; Ctrl+C untuk berhenti)"
	$(PY) scripts/serve_local.py

# the two kinds of process on their own (production runs them under systemd, see deploy/)
serve: install
	$(VENV)/bin/gunicorn -c deploy/gunicorn.conf.py run:app

worker: install
	$(FLASK) worker

test: install-test system-test-deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/pytest -p no:cacheprovider -n auto --dist worksteal -rs --durations=15 $(PYTEST_ARGS)

lint: install-test
	$(VENV)/bin/ruff check .

# known vulnerabilities in the locked dependencies (pip-audit against the exported lock); says
# plainly when the vulnerability database cannot be reached instead of passing (see
# scripts/audit_deps.py; ignored IDs with their reasons in requirements/audit-ignore.txt)
audit: install-test
	$(PY) scripts/audit_deps.py $(AUDIT_ARGS)

# the quick ones; bench/submit_concurrency.py, bench/queue_p95.py and bench/webgis_p95.py
# (1M rows, SQLite and PostgreSQL) take minutes and are run by hand, see docs/benchmarks.md
bench: install-test system-run-deps
	$(PY) bench/catalogue_import.py
	$(PY) bench/pdf_sign.py
	$(PY) bench/upload_memory.py

# after adding or changing texts: re-extract them and merge into translations/en (then translate
# the new and fuzzy entries; tests/integration/test_translations.py checks nothing is left)
translations: venv
	PYTHONPATH=. $(VENV)/bin/pybabel -q extract -F babel.cfg --no-default-keywords -k _ -k _l -k gettext \
	  -k lazy_gettext -k N_ -k ngettext:1,2 --project=E-PTSP --version=0.1.0 \
	  -o translations/messages.pot .
	$(VENV)/bin/pybabel -q update -i translations/messages.pot -d translations --ignore-obsolete

clean:
	rm -rf $(VENV) instance test-artifacts
