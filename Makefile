# The two set-up commands of the README: `make serve` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PG_URL ?= postgres://postgres@127.0.0.1:5432/sustainai
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: serve test test-postgres lint audit worker install install-test browser messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test,spark]'
	touch $@

node_modules/.installed: package.json
	npm install --no-audit --no-fund --no-package-lock
	touch $@

install: $(VENV)/.installed node_modules/.installed messages

# gettext's msgfmt compiles the French catalogue.
messages: $(VENV)/.installed
	@command -v msgfmt >/dev/null || (apt-get update -qq && apt-get install -y -qq gettext >/dev/null)
	$(BIN)/sustainai compilemessages -v 0 --ignore=.venv --ignore=node_modules

# Debian's chromium for the browser tests, a Java runtime for the Spark test of the linkage, and
# bubblewrap, the sandbox of the challenges' submissions (docs/challenges.md).
browser:
	@test -x /usr/bin/chromium || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)
	@test -x /usr/bin/bwrap || (apt-get update -qq && apt-get install -y -qq bubblewrap >/dev/null)
	@command -v java >/dev/null || (apt-get update -qq && apt-get install -y -qq default-jre-headless >/dev/null)

serve: export SUSTAINAI_DEMO := 1
serve: install
	DEBUG=1 $(BIN)/sustainai migrate --no-input -v 0
	DEBUG=1 $(BIN)/sustainai demo
	DEBUG=1 $(BIN)/sustainai db_worker & worker=$$!; trap "kill $$worker" EXIT; \
	  DEBUG=1 $(BIN)/sustainai runserver 127.0.0.1:8000

worker: install
	$(BIN)/sustainai db_worker

test: install browser
	$(BIN)/pytest

test-postgres: install browser
	DATABASE_URL=$(PG_URL) $(BIN)/pytest

# mypy imports the settings (django-stubs); PYTHONPATH makes that the checkout's own src.
lint: install
	$(BIN)/ruff check src tests bench
	PYTHONPATH=src $(BIN)/mypy

# Known vulnerabilities of the installed, pinned packages (docs/security.md): pip-audit, in a
# virtualenv of its own, against PyPI's advisory database. It needs the network. First a canary:
# Django 4.2.0, whose advisories are public, must come back with them; where they do not (no
# network, or a mirror without the database), the target fails saying that no audit was done.
AUDIT_VENV := .venv-audit
AUDIT_CANARY := https://pypi.org/pypi/django/4.2.0/json
NO_AUDIT := echo "make audit: PyPI's vulnerability database cannot be reached from here: NO AUDIT WAS DONE." >&2; exit 2
audit: $(VENV)/.installed
	@$(BIN)/python -c "import json, urllib.request as r; assert json.load(r.urlopen('$(AUDIT_CANARY)', timeout=15))['vulnerabilities']" 2>/dev/null \
	  || { $(NO_AUDIT); }
	@test -x $(AUDIT_VENV)/bin/pip-audit || { ($(PYTHON) -m venv $(AUDIT_VENV) || python3 -m venv $(AUDIT_VENV)) \
	  && $(AUDIT_VENV)/bin/pip install -q pip-audit==2.10.1; } || { $(NO_AUDIT); }
	$(BIN)/pip freeze --exclude-editable > $(AUDIT_VENV)/requirements.txt
	$(AUDIT_VENV)/bin/pip-audit --requirement $(AUDIT_VENV)/requirements.txt --no-deps --disable-pip \
	  --vulnerability-service pypi --progress-spinner off

clean:
	rm -rf $(VENV) $(AUDIT_VENV) node_modules var
