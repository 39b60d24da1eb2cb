# Grand Quercy platform. `make help` lists the targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help install run demo test test-quick test-browser lint format bench clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): requirements/test.txt | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements/test.txt
	touch $(STAMP)

install: $(STAMP) ## Create .venv and install the locked dependencies with the test tools
	$(MANAGE) compilemessages

demo: install ## Migrate and load the demo content (idempotent)
	mkdir -p var
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo

run: demo ## Build everything, load the demo and serve http://127.0.0.1:8000
	$(MANAGE) runserver 127.0.0.1:8000

test: install ## Run the whole suite (SQLite, or DATABASE_URL when set), browser tests included
	$(BIN)/python -m tests.system_setup
	$(BIN)/python -m tests.browser_setup
	$(BIN)/pytest

test-quick: install ## Everything but the browser tests (no Chromium needed)
	$(BIN)/python -m tests.system_setup
	$(BIN)/pytest -m "not browser"

test-browser: install ## Only the browser tests (Chromium through Playwright, axe-core)
	$(BIN)/python -m tests.system_setup
	$(BIN)/python -m tests.browser_setup
	$(BIN)/pytest -m browser

lint: install ## ruff check, ruff format --check, djhtml --check and makemigrations --check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	find . -path ./.venv -prune -o -name '*.html' -path '*templates*' -print | xargs $(BIN)/djhtml --check
	$(BIN)/python manage.py makemigrations --check --dry-run

format: install ## Apply ruff and djhtml formatting
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	find . -path ./.venv -prune -o -name '*.html' -path '*templates*' -print | xargs $(BIN)/djhtml

bench: install ## Seed a large data set on PostgreSQL, serve it with gunicorn and measure it with wrk
	$(BIN)/python -m tests.bench.run

clean: ## Remove the virtualenv, the SQLite database and collected files
	rm -rf $(VENV) var static_collected

# --- French catalogue (res) ---
.PHONY: messages
messages: install ## Regenerate locale/fr from the code (plural forms filled) and compile it
	$(MANAGE) makemessages -l fr --no-obsolete --ignore='.venv/*' --ignore='tests/*' --ignore='static/*' --ignore='static_collected/*' --ignore='var/*'
	$(MANAGE) compilemessages

# --- dependencies and the production stack (stack) ---
.PHONY: lock
LOCK := $(BIN)/uv pip compile pyproject.toml --quiet --generate-hashes --no-header --annotation-style line --python $(BIN)/python $(if $(UPGRADE),--upgrade)

lock: install ## Pin dependencies with hashes in requirements/*.txt (UPGRADE=1: latest allowed)
	$(LOCK) -o requirements/production.txt
	$(LOCK) --extra test -o requirements/test.txt

.PHONY: stack stack-test
stack: install ## The production stack on loopback: nginx https://127.0.0.1:8080, 2 nodes, worker, S3, clamd
	$(BIN)/python -m deploy.stack up

stack-test: install ## Bring the stack up, run tests/deploy/ against it through nginx, tear it down
	$(BIN)/python -m deploy.stack test
