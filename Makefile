# Vangnet — the two commands a newcomer needs: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export VANGNET_DEBUG ?= true

.PHONY: run test install system-deps lint format migrate demo worker scheduler openapi messages bench bench-report clean

$(VENV)/.installed: requirements.lock pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

install: $(VENV)/.installed

## Debian packages the test suite needs (Chromium for the browser tests).
system-deps:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else echo "Install Chromium first: sudo apt-get install chromium"; exit 1; fi; \
	fi

migrate: install
	$(PY) -m vangnet migrate --no-input

demo: migrate
	$(PY) -m vangnet load_demo

## Set up (virtualenv, database, demo data) and start the web server, the task worker and
## the scheduler of the daily reminders (no cron needed).
# In development the worker prints outgoing e-mail instead of needing a mail server, and
# the links in it point at this server (unless the caller set VANGNET_BASE_URL).
run: export VANGNET_EMAIL_BACKEND ?= django.core.mail.backends.console.EmailBackend
run: export VANGNET_BASE_URL ?= http://127.0.0.1:$(PORT)
run: demo
	@echo "Vangnet draait op http://127.0.0.1:$(PORT)/  (stoppen: Ctrl+C)"
	@# Each child in its own process group (set -m), so Ctrl+C reaches make and this
	@# shell only; the shell then sends each child one SIGTERM and waits until all have
	@# stopped (a second Ctrl+C kills what is left). No process is left behind.
	@set -m; \
	  trap 'trap "kill -KILL $$(jobs -p) 2>/dev/null" INT TERM; kill -TERM $$(jobs -p) 2>/dev/null; wait' EXIT INT TERM; \
	  $(PY) -m vangnet db_worker --queue-name '*' --no-reload & \
	  $(PY) -m vangnet scheduler & \
	  $(PY) -m vangnet runserver 127.0.0.1:$(PORT) --noreload & \
	  wait

worker: install
	$(PY) -m vangnet db_worker --queue-name '*' --no-reload

scheduler: install
	$(PY) -m vangnet scheduler

## Run the test suite on PostgreSQL: DATABASE_URL if set, else the server on 127.0.0.1:5432,
## else a throwaway one that scripts/test-postgres starts for the run.
test: install system-deps
	scripts/test-postgres $(PY) -m pytest

## Style (ruff) and the layers between the apps (import-linter; contract in pyproject.toml).
lint: install
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/ruff format --check src tests bench
	PYTHONPATH=$(CURDIR)/src $(VENV)/bin/lint-imports --no-cache --no-logo

format: install
	$(VENV)/bin/ruff format src tests bench
	$(VENV)/bin/ruff check --fix src tests bench

openapi: install
	$(PY) -m vangnet spectacular --file docs/openapi.yaml --validate

## Update the English catalogue after changing Dutch screen text, then translate and run again.
messages: install
	cd src/vangnet && DJANGO_SETTINGS_MODULE=vangnet.settings PYTHONPATH=$(CURDIR)/src \
	  $(CURDIR)/$(PY) -m django makemessages -l en --no-obsolete --ignore 'static/*' --ignore 'demo/*'
	msgfmt --check -o src/vangnet/locale/en/LC_MESSAGES/django.mo src/vangnet/locale/en/LC_MESSAGES/django.po

bench: install
	$(PY) bench/generate.py && $(PY) bench/bench_register.py

## The annual report's figures on 100,000 and 1,000,000 complaints (PostgreSQL; the first
## run fills a database per size, about 2 minutes for a million).
bench-report: install
	$(PY) bench/bench_report.py

clean:
	rm -rf $(VENV) data
