# Concerto — the two commands: `make run` and `make test`.
SHELL := /bin/bash
UV := $(shell command -v uv 2>/dev/null || echo "$(HOME)/.local/bin/uv")
HOST ?= 127.0.0.1
PORT ?= 8000
# Web server processes and threads of `make run` (gunicorn).
WEB_WORKERS ?= 2
WEB_THREADS ?= 4
# The demo's simulated ProConnect and FranceConnect (this port and the next, loopback only).
DEMO_OIDC_PORT ?= 8101
DEMO_IDENTITY = $(UV) run concerto demo_identity_providers --port $(DEMO_OIDC_PORT)
VAR_DIR := $(or $(CONCERTO_VAR_DIR),var)
# collectstatic (hashing and compressing every file takes a minute) runs again only when a
# static file or a dependency changed.
STATIC_SOURCES := $(shell find concerto -path '*/static/*' -type f 2>/dev/null) uv.lock
# The French message catalogue, compiled whenever it changed (concerto/pages/catalogue.py).
CATALOGUE := concerto/locale/fr/LC_MESSAGES/django

.PHONY: install run dev serve worker test test-fast quality audit format bench clean messages accessibility-report site-url

install:  ## Install uv if missing, then the locked dependencies
	@command -v uv >/dev/null 2>&1 || test -x "$(UV)" || python3 -m pip install --user --quiet uv
	$(UV) sync --frozen --quiet --compile-bytecode
	@# The project itself is installed from its sources, which uv does not compile: every
	@# process would compile them again where PYTHONDONTWRITEBYTECODE is set (0.3 s a start).
	@$(UV) run --no-sync python -m compileall -q concerto >/dev/null
	@$(MAKE) --no-print-directory $(CATALOGUE).mo

$(CATALOGUE).mo: $(CATALOGUE).po
	$(UV) run concerto catalogue --compile

$(VAR_DIR)/static/staticfiles.json: $(STATIC_SOURCES)
	$(UV) run concerto collectstatic --noinput --verbosity 0

# What production runs: gunicorn, the application loaded once before its workers fork,
# and the task worker started again whenever it exits (scripts/supervise.sh).
# The address e-mail links are written with: where `make run` and `make dev` serve,
# unless SITE_URL is given (a public name in front of them).
run dev site-url: export SITE_URL ?= http://$(HOST):$(PORT)

site-url:  ## Print the address e-mail links are written with
	@echo "$$SITE_URL"

run: install  ## Set up and serve the platform with demo data and a task worker
	$(UV) run concerto migrate --noinput
	$(UV) run concerto load_demo
	@$(MAKE) --no-print-directory $(VAR_DIR)/static/staticfiles.json
	@echo "Concerto : http://$(HOST):$(PORT)/ (Ctrl+C pour arrêter)"
	@trap 'kill 0' EXIT INT TERM; \
	  eval "$$($(DEMO_IDENTITY) --print-environment)"; \
	  $(DEMO_IDENTITY) & \
	  $(UV) run bash scripts/supervise.sh concerto db_worker & \
	  $(UV) run gunicorn concerto.wsgi:application --preload --bind $(HOST):$(PORT) \
	    --workers $(WEB_WORKERS) --worker-class gthread --threads $(WEB_THREADS) \
	    --timeout 60 --graceful-timeout 5 --access-logfile -

dev: install  ## Development server that reloads on code changes (DEBUG), and a task worker
	$(UV) run concerto migrate --noinput
	$(UV) run concerto load_demo
	@echo "Concerto (développement) : http://$(HOST):$(PORT)/ (Ctrl+C pour arrêter)"
	@trap 'kill 0' EXIT INT TERM; \
	  eval "$$($(DEMO_IDENTITY) --print-environment)"; \
	  $(DEMO_IDENTITY) & \
	  DEBUG=1 $(UV) run concerto db_worker & \
	  DEBUG=1 $(UV) run concerto runserver $(HOST):$(PORT)

worker: install  ## Run only the background task worker
	$(UV) run concerto db_worker

test: install  ## Run the whole suite, browser tests included
	@bash scripts/ensure-chromium.sh
	# The slowest tests close the log: where the suite's time goes (issue 20).
	$(UV) run pytest --durations=30

test-fast: install  ## Run the suite without the browser tests
	$(UV) run pytest -m "not browser"

quality: install  ## Lint, format check, migrations drift and import contracts
	$(UV) run ruff check .
	$(UV) run ruff format --check .
	$(UV) run concerto makemigrations --check --dry-run
	$(UV) run lint-imports --no-cache

audit: install  ## Known vulnerabilities in the locked dependencies (pip-audit; offline: a warning)
	@UV="$(UV)" bash scripts/audit.sh

accessibility-report: install  ## Check every page of the browser journeys with axe-core and write what the accessibility statement says
	CONCERTO_ACCESSIBILITY_REPORT=$(CURDIR)/concerto/pages/accessibility_checks.json \
	  $(UV) run pytest tests/browser -q -p no:cacheprovider

messages: install  ## Update the French message catalogue from the sources (needs GNU gettext)
	$(UV) run concerto catalogue
	@$(MAKE) --no-print-directory $(CATALOGUE).mo

format: install
	$(UV) run ruff format .
	$(UV) run ruff check --fix .

# The benchmarks' peers (locust, red-dwarf…) live in an environment of their own: in
# .venv, locust's gevent patches the standard library under the test suite.
BENCH_ENV = .venv-bench

bench: install  ## Run every benchmark in bench/ (installs the peers they compare against)
	UV_PROJECT_ENVIRONMENT=$(BENCH_ENV) $(UV) sync --frozen --quiet --compile-bytecode --group bench
	@set -e; for script in bench/bench_*.py; do \
	  [ -e "$$script" ] || { echo "Aucun benchmark."; break; }; \
	  echo "== $$script"; UV_PROJECT_ENVIRONMENT=$(BENCH_ENV) $(UV) run --no-sync python "$$script"; done

clean:
	rm -rf var .pytest_cache
