# qnet: `make run` serves the portal, `make test` runs every check. See README.md.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# The settings derive SITE_URL's default from it, for the server and the worker alike.
export PORT
export DJANGO_SETTINGS_MODULE := qnet.settings

.PHONY: install run worker test lint format messages translations clean

install: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

messages: install
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules -v0

# Embedded by default (SQLite, eager Celery, console mail). With REDIS_URL set, a Celery
# worker with beat runs beside the web server and stops with it.
run: messages
	$(PY) manage.py migrate --no-input -v0
	$(PY) manage.py seed_demo
	@if [ -n "$$REDIS_URL" ]; then \
	  $(VENV)/bin/celery -A qnet worker --beat -Q celery,pdf --loglevel=INFO --concurrency=2 & \
	  trap "kill $$! 2>/dev/null" EXIT; \
	  $(PY) manage.py runserver 127.0.0.1:$(PORT); \
	else \
	  $(PY) manage.py runserver 127.0.0.1:$(PORT); \
	fi

worker: install
	$(VENV)/bin/celery -A qnet worker --beat -Q celery,pdf --loglevel=INFO

# bandit: medium and high findings fail; each reviewed exception carries a nosec with a reason.
lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/bandit -q -r qnet events coalitions selfassessment reports \
	  -x '*/tests/*,*/migrations/*' --severity-level medium

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Extract new strings into the four locales (then translate them in locale/*/LC_MESSAGES).
translations: install
	$(PY) manage.py makemessages -l de -l nl -l nb --no-obsolete \
	  --ignore=.venv --ignore=node_modules --ignore=staticfiles --ignore=tests

# Tests run on PostgreSQL and Redis (running on every machine of this kind), as in CI, in
# one pytest-xdist worker per core, each with its own test database (README, `make test`).
# PYTEST_ARGS comes last, so `make test PYTEST_ARGS=-n0` runs them in one process.
test: export DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/qnet
test: export REDIS_URL ?= redis://127.0.0.1:6379/0
test: lint messages
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest -n auto $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) node_modules staticfiles db.sqlite3
