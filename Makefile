# The two set-up commands: `make run` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000
PYTEST_ARGS ?=

DEV_ENV := DJANGO_DEBUG=1

PREFLIGHT := ccwg/preflight.py

.PHONY: run test test-fast install install-test migrate sample demo-users lint lock format check-migrations settings-table clean \
	check-python check-port serve bench load

# Say what to do, not a traceback, when Python is older than 3.11 (also for an old .venv).
PY_OK := -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)'
check-python:
	@$(PYTHON) $(PY_OK) 2>/dev/null || { \
		echo "ccwg needs Python 3.11 or newer; '$(PYTHON)' is: $$($(PYTHON) --version 2>&1 | head -n1)" >&2; \
		echo "Install Python 3.11+, then run: make run PYTHON=/path/to/python3.11" >&2; exit 1; }
	@if [ -x $(BIN)/python ] && ! $(BIN)/python $(PY_OK); then \
		echo "$(VENV) was made with $$($(BIN)/python --version 2>&1); ccwg needs 3.11+." >&2; \
		echo "Remove it and start again: make clean && make run" >&2; exit 1; fi

# Say what to do when the port is taken, before the server starts.
check-port: | $(BIN)/python
	@$(BIN)/python -I $(PREFLIGHT) port $(HOST) $(PORT)

$(BIN)/python: | check-python
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Installs take the versions requirements/constraints.txt pins (make lock renews it).
CONSTRAINTS := requirements/constraints.txt

$(VENV)/.installed: pyproject.toml $(CONSTRAINTS) | $(BIN)/python
	$(BIN)/python -m pip install --quiet -c $(CONSTRAINTS) -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml $(CONSTRAINTS) | $(BIN)/python
	$(BIN)/python -m pip install --quiet -c $(CONSTRAINTS) -e '.[test]'
	@touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

migrate: install
	@mkdir -p var
	$(DEV_ENV) $(BIN)/python manage.py migrate --noinput
	$(DEV_ENV) $(BIN)/python manage.py createcachetable

sample: migrate
	$(DEV_ENV) $(BIN)/python manage.py load_sample_data

demo-users: migrate
	$(DEV_ENV) $(BIN)/python manage.py create_demo_users

run: check-python check-port sample demo-users
	@echo ""
	@echo "  ccwg is starting at http://$(HOST):$(PORT)/"
	@echo "  Admin (staff):  http://$(HOST):$(PORT)/admin/   login demo-staff / demo-staff-pass"
	@echo "  Member login:   demo-member / demo-member-pass"
	@echo "  2017 report:    http://$(HOST):$(PORT)/reports/CCWG-IG/2017/"
	@echo ""
	@echo "  Background tasks (mails): a worker runs beside the server, mails print here."
	@echo ""
	@$(DEV_ENV) $(BIN)/python manage.py worker --no-reload --verbosity 0 & worker=$$!; \
		trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
		$(DEV_ENV) $(BIN)/python manage.py runserver $(HOST):$(PORT)

# The suite runs on WORKERS pytest-xdist processes (make test WORKERS=0: in this one), a
# test file at a time, so that a module's records, rendered sample or servers are made once
# (--dist loadfile: loadgroup's xdist_group marks are lost with pytest 9 and xdist 3.8).
# The README says how long each target takes.
WORKERS ?= 2
XDIST = $(if $(filter 0,$(WORKERS)),,-n $(WORKERS) --dist loadfile)

test: check-python install-test
	$(BIN)/python -m pytest $(XDIST) $(PYTEST_ARGS)

# The quick loop: the whole suite but the slow, browser and server tests (pyproject markers).
test-fast: check-python install-test
	$(BIN)/python -m pytest $(XDIST) -m "not slow and not browser and not server" $(PYTEST_ARGS)

# Static checks, as CI runs them: lint, formatting, the layers, types, and the typing debt
# (mypy without pyproject's leniency overrides: no more errors than .ci/mypy-debt records).
lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(BIN)/python .ci/mypy_debt.py

# Renew the pinned versions from a fresh virtualenv of the newest releases pyproject allows.
lock:
	rm -rf $(VENV)-lock
	$(PYTHON) -m venv $(VENV)-lock
	$(VENV)-lock/bin/python -m pip install --quiet --upgrade pip
	$(VENV)-lock/bin/python -m pip install --quiet -e '.[test]'
	@mkdir -p requirements
	@echo "# Pinned versions of every dependency (make lock renews it); make installs with -c." > $(CONSTRAINTS)
	$(VENV)-lock/bin/python -m pip freeze --exclude-editable | grep -v '^-e ' >> $(CONSTRAINTS)
	rm -rf $(VENV)-lock

format: install-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check-migrations: install
	$(DEV_ENV) $(BIN)/python manage.py makemigrations --check --dry-run

# The README's table of environment variables, rewritten from their declarations
# (ccwg/settings/environment.py; tests/ccwg/test_settings.py fails when the two differ).
settings-table: install
	$(DEV_ENV) $(BIN)/python -m ccwg.settings.table README.md

clean:
	rm -rf $(VENV) var staticfiles .pytest_cache .ruff_cache .import_linter_cache *.egg-info

# --- Production serving, benchmarks and load (issue #11; docs/deploy.md) -----------------
# `make serve`: production settings (DJANGO_SECRET_KEY, DATABASE_URL, DJANGO_ALLOWED_HOSTS from
# the environment), migrations, the cache table, hashed static files, then gunicorn with
# gunicorn.conf.py (GUNICORN_WORKERS, GUNICORN_TIMEOUT, ...). Listens on HOST:PORT.
# Beside gunicorn, TASK_WORKERS background workers (`manage.py worker`: the mails), stopped
# with it; on several machines each runs its own, all sharing the PostgreSQL queue.
TASK_WORKERS ?= 1
serve: check-python install
	@test -n "$$DJANGO_SECRET_KEY" || { echo "make serve runs the production settings: set DJANGO_SECRET_KEY (and DATABASE_URL, DJANGO_ALLOWED_HOSTS; DJANGO_SECURE_SSL_REDIRECT=0 without HTTPS). See docs/deploy.md." >&2; exit 1; }
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py createcachetable
	$(BIN)/python manage.py collectstatic --noinput -v0
	@workers=""; for i in $$(seq 1 $(TASK_WORKERS)); do \
		$(BIN)/python manage.py worker & workers="$$workers $$!"; done; \
		trap 'kill $$workers 2>/dev/null; wait $$workers 2>/dev/null' EXIT INT TERM; \
		GUNICORN_BIND=$${GUNICORN_BIND:-$(HOST):$(PORT)} $(BIN)/gunicorn -c gunicorn.conf.py

# `make bench`: the three sizes on SQLite, and on PostgreSQL when DATABASE_URL points at one;
# writes docs/performance.md. BENCH_ARGS e.g. "--requests 300 --seconds 10".
BENCH_ARGS ?=
bench: check-python install-test
	$(BIN)/python bench/run.py $(BENCH_ARGS)

# `make load`: 64 users for 30 s against gunicorn + PostgreSQL (DATABASE_URL); zero errors
# expected; writes docs/reliability.md's load section. LOAD_ARGS e.g. "--users 16".
LOAD_ARGS ?=
load: check-python install-test
	$(BIN)/python bench/load.py $(LOAD_ARGS)

# --- API fuzzing (issue 12): schemathesis over the whole OpenAPI schema, every check but
# ignored_auth (published reports are public by design) and unsupported_method, as staff,
# against a fresh server with the sample records (its own SQLite file, var/fuzz.sqlite3).
# schemathesis.toml says what the checks may expect where OpenAPI cannot say it.
# FUZZ_EXAMPLES cases per operation and phase (the test suite runs a few of the same).
FUZZ_PORT     ?= 8001
FUZZ_EXAMPLES ?= 40
FUZZ_SEED     ?= 7
FUZZ_DB       := $(CURDIR)/var/fuzz.sqlite3
# The fuzzed server: the test suite's settings (plain HTTP; API throttle rates as high as in
# the tests, so that the run is not throttled), its own database.
FUZZ_ENV      := $(DEV_ENV) DJANGO_SETTINGS_MODULE=ccwg.settings_test DATABASE_URL=sqlite:///$(FUZZ_DB)

.PHONY: fuzz
fuzz: install-test
	@mkdir -p var && rm -f $(FUZZ_DB)
	$(FUZZ_ENV) $(BIN)/python manage.py migrate --noinput -v 0
	$(FUZZ_ENV) $(BIN)/python manage.py load_sample_data
	$(FUZZ_ENV) $(BIN)/python manage.py create_demo_users
	@$(BIN)/python -I $(PREFLIGHT) port $(HOST) $(FUZZ_PORT)
	@set -e; \
	token=$$($(FUZZ_ENV) $(BIN)/python manage.py drf_create_token -r demo-staff | awk '{print $$3}'); \
	$(FUZZ_ENV) $(BIN)/python manage.py runserver $(HOST):$(FUZZ_PORT) --noreload >var/fuzz-server.log 2>&1 & \
	server=$$!; trap 'kill $$server' EXIT; \
	$(BIN)/schemathesis run http://$(HOST):$(FUZZ_PORT)/api/schema/ --wait-for-schema 60 \
		-n $(FUZZ_EXAMPLES) --seed $(FUZZ_SEED) --checks all \
		--exclude-checks ignored_auth,unsupported_method \
		-H "Authorization: Token $$token" --request-timeout 30
