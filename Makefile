# tochuc — `make run` serves the demo, `make test` runs the whole suite.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | sha1sum | cut -c1-12)
PO     := tochuc/locale/en/LC_MESSAGES/django.po
MO     := $(PO:.po=.mo)
# Better Vietnamese for Django's own form messages.
VI_PO  := tochuc/locale/vi/LC_MESSAGES/django.po
VI_MO  := $(VI_PO:.po=.mo)
# Laptop mode (see README). `make run DEV_ENV=DEBUG=1` shows Django's debug pages instead of tochuc's.
DEV_ENV :=
HOST   ?= 127.0.0.1:8000

.PHONY: setup run serve test lint fmt messages chromium ocr worker bench load-test clean

setup: $(STAMP) $(MO) $(VI_MO) ocr

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	rm -f $(VENV)/.installed-*
	touch $@

$(MO): $(PO)
	msgfmt --check -o $@ $<

$(VI_MO): $(VI_PO)
	msgfmt --check -o $@ $<

messages:  ## re-extract the strings after changing templates or code
	cd tochuc && ../$(BIN)/django-admin makemessages -l en --no-obsolete --ignore "*/tests/*"

run: setup
	mkdir -p var
	$(DEV_ENV) $(BIN)/python manage.py migrate --noinput
	$(DEV_ENV) $(BIN)/python manage.py seed_demo --scale small
	@# The background worker (Excel imports, the daily reminders) runs beside the server and stops with it.
	$(DEV_ENV) $(BIN)/python manage.py run_worker --no-reload >var/worker.log 2>&1 & \
	  worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT HUP INT TERM; \
	  $(DEV_ENV) $(BIN)/python manage.py runserver --insecure $(HOST)

# The production stack on this machine: gunicorn (2 × cores + 1 workers), static files with hashed names
# served by whitenoise, the worker and its daily jobs; settings from var/serve.env (written once) or
# the environment. Answers http://127.0.0.1:8000/healthz.
SERVE_ENV := TOCHUC_ENV_FILE=var/serve.env
# gunicorn's processes and threads per process (`make serve WORKERS=3 THREADS=2` for gthread workers).
WORKERS ?= $$(( $$(nproc) * 2 + 1 ))
THREADS ?= 1
serve: setup
	mkdir -p var
	$(BIN)/python -m tochuc.core.serve_env var/serve.env
	$(SERVE_ENV) $(BIN)/python manage.py migrate --noinput
	$(SERVE_ENV) $(BIN)/python manage.py collectstatic --noinput -v 0
	$(SERVE_ENV) $(BIN)/python manage.py run_worker --no-reload >var/worker.log 2>&1 & \
	  worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT HUP INT TERM; \
	  $(SERVE_ENV) $(BIN)/gunicorn tochuc.wsgi --bind $(HOST) --workers $(WORKERS) --threads $(THREADS) \
	    --access-logfile var/access.log --error-logfile - --graceful-timeout 10

worker: setup
	$(DEV_ENV) $(BIN)/python manage.py run_worker

chromium:
	@test -x /usr/bin/chromium || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get install -y -q chromium >/dev/null || { apt-get update -q && apt-get install -y -q chromium; }; \
	  else echo "Browser tests need Debian's Chromium: sudo apt-get install -y chromium"; exit 1; fi; }

# Scans are read with Debian's Tesseract and its Vietnamese model; pdftoppm renders PDF pages.
ocr:
	@{ command -v tesseract >/dev/null && tesseract --list-langs 2>/dev/null | grep -qx vie && command -v pdftoppm >/dev/null; } || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get install -y -q tesseract-ocr tesseract-ocr-vie poppler-utils >/dev/null \
	    || { apt-get update -q && apt-get install -y -q tesseract-ocr tesseract-ocr-vie poppler-utils; }; \
	  else echo "Reading scans needs: sudo apt-get install -y tesseract-ocr tesseract-ocr-vie poppler-utils"; fi; }

test: setup chromium
	$(BIN)/pytest -q

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy tochuc

fmt: setup
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: setup
	$(BIN)/python bench/units.py

# The load test (bench/README.md, Load test) against a running `make serve` on the same database
# (DATABASE_URL in the environment or var/serve.env): locust in its own venv bench/.venv, never the app's.
# `make load-test LOAD_USERS=200 LOAD_THINK=5-15 LOAD_MEASURE=120` for staff with think time.
LOAD_HOST  ?= http://$(HOST)
LOAD_USERS ?= 20
LOAD_SPAWN ?= 5
LOAD_MEASURE ?= 90
LOAD_THINK ?= 0
bench/.venv/.installed: bench/requirements.txt
	test -x bench/.venv/bin/python || $(PYTHON) -m venv bench/.venv
	bench/.venv/bin/python -m pip install --quiet --disable-pip-version-check -r bench/requirements.txt
	touch $@

load-test: setup bench/.venv/.installed
	@curl -fsS $(LOAD_HOST)/healthz >/dev/null || { echo "Nothing answers $(LOAD_HOST)/healthz: start \`make serve HOST=…\` on the same database first."; exit 1; }
	$(SERVE_ENV) $(BIN)/python bench/load_prepare.py
	@uptime
	@# The run ends LOAD_MEASURE seconds after the last user has signed in (at most 20 minutes in all).
	LOAD_THINK=$(LOAD_THINK) LOAD_MEASURE=$(LOAD_MEASURE) bench/.venv/bin/locust -f bench/locustfile.py --headless \
	  --host $(LOAD_HOST) --users $(LOAD_USERS) --spawn-rate $(LOAD_SPAWN) --run-time 20m --only-summary \
	  --csv bench/results/load-$(LOAD_USERS)u-think$(LOAD_THINK) --html bench/results/load-$(LOAD_USERS)u-think$(LOAD_THINK).html
	@uptime

clean:
	rm -rf $(VENV) var staticfiles
