# The two set-up commands: `make run` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000
PYTEST_ARGS ?=

DEV_ENV := DJANGO_DEBUG=1

.PHONY: run test install install-test migrate sample demo-users lint format check-migrations clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

migrate: install
	@mkdir -p var
	$(DEV_ENV) $(BIN)/python manage.py migrate --noinput

sample: migrate
	$(DEV_ENV) $(BIN)/python manage.py load_sample_data

demo-users: migrate
	$(DEV_ENV) $(BIN)/python manage.py create_demo_users

run: sample demo-users
	@echo ""
	@echo "  ccwg is starting at http://$(HOST):$(PORT)/"
	@echo "  Admin (staff):  http://$(HOST):$(PORT)/admin/   login demo-staff / demo-staff-pass"
	@echo "  Member login:   demo-member / demo-member-pass"
	@echo "  2017 report:    http://$(HOST):$(PORT)/reports/CCWG-IG/2017/"
	@echo ""
	$(DEV_ENV) $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install-test
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check-migrations: install
	$(DEV_ENV) $(BIN)/python manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) var staticfiles .pytest_cache .ruff_cache .import_linter_cache *.egg-info
