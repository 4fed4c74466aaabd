# The everyday verbs. `make run` and `make test` work on a fresh machine with Python 3.12+.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
TEST_SETTINGS := caserurale.settings.test
# One pytest worker per core (pytest-xdist): each has its own test database; Celery tests use queues of their own.
PYTEST_ARGS ?= -n 2

# The first interpreter that is Python 3.12 or newer: on PATH, then pyenv's versions.
PYTHON ?= $(shell for candidate in python3.13 python3.12 python3 $$HOME/.pyenv/versions/3.13*/bin/python3 $$HOME/.pyenv/versions/3.12*/bin/python3 /usr/local/bin/python3.1[23] /usr/bin/python3.1[23]; do \
	if command -v $$candidate >/dev/null 2>&1 && $$candidate -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then command -v $$candidate; break; fi; done)

.PHONY: help run test lint check-messages messages bench bench-search clean

help:
	@echo "make run    serve the site with demo content on http://127.0.0.1:8000 (SQLite)"
	@echo "make test   lint, checks and the test suite (PostgreSQL when DATABASE_URL is set)"
	@echo "make bench  seed a large data set and print query counts, timings and throughput (BENCH_QUICK=1: small run)"
	@echo "make bench-search  the same data set, then the search benchmark alone"
	@echo "make messages  update and compile the translation catalogues"

$(VENV)/bin/python:
	@test -n "$(PYTHON)" || { echo "Python 3.12 or newer is needed: none found on PATH or in pyenv." >&2; exit 1; }
	@echo "Creating $(VENV) with $(PYTHON)"
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.test: requirements-test.txt requirements.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet -r requirements-test.txt
	@touch $@ $(VENV)/.runtime

# axe-core and the Nu HTML Checker, for the browser tests.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

run: $(VENV)/.runtime
	$(MANAGE) migrate --no-input
	$(MANAGE) load_demo_content
	$(MANAGE) runserver 127.0.0.1:8000

lint: $(VENV)/.test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

check-messages: $(VENV)/.test
	DJANGO_SETTINGS_MODULE=$(TEST_SETTINGS) $(MANAGE) check_messages

test: $(VENV)/.test node_modules/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DJANGO_SETTINGS_MODULE=$(TEST_SETTINGS) $(MANAGE) check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=$(TEST_SETTINGS) $(MANAGE) makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=$(TEST_SETTINGS) $(MANAGE) check_messages
	$(VENV)/bin/pytest $(PYTEST_ARGS)

messages: $(VENV)/.test
	$(MANAGE) makemessages --locale fr --locale rcf --no-location --no-obsolete --ignore "$(VENV)/*" --ignore "node_modules/*"
	$(MANAGE) compilemessages --ignore "$(VENV)/*"

bench: $(VENV)/.test
	DJANGO_SETTINGS_MODULE=caserurale.settings.test $(PY) -m bench

# The data set, then the search alone (BENCH_QUICK=1 works here too).
bench-search: $(VENV)/.test
	BENCH_ONLY=search DJANGO_SETTINGS_MODULE=caserurale.settings.test $(PY) -m bench

clean:
	rm -rf $(VENV) db.sqlite3 media var static_collected
