# Two commands do everything on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# uv must never download a Python: a missing interpreter fails fast instead.
export UV_PYTHON_DOWNLOADS := never
# Development values only; a real deployment sets these in its environment.
DEV_ENV := DJANGO_DEBUG=true \
	DJANGO_SECRET_KEY=dev-insecure-key-for-local-use-only \
	DJANGO_ALLOWED_HOSTS=localhost,127.0.0.1,[::1],testserver \
	DJANGO_SECURE_SSL_REDIRECT=false

# The first Python that is 3.12 or newer (pyenv resolves python3.13 from .python-version).
PYTHON := $(shell for p in python3.13 python3.12 python3; do \
	if $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; \
	then echo $$p; break; fi; done)
UV = $(shell if uv --version >/dev/null 2>&1; then echo uv; else echo "$(PYTHON) -m uv"; fi)
MANAGE := $(DEV_ENV) .venv/bin/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help env node-tools run test lint format worker python-check loadtest stack lighthouse

help:
	@echo "make run   - set up, load the demo weekend and serve on http://$(HOST):$(PORT)"
	@echo "make test  - set up and run the whole test suite"
	@echo "make lint  - ruff check and format check"
	@echo "make stack - the production stack on this machine: nginx, 2 app servers, worker,"
	@echo "             PostgreSQL, Redis, S3 (moto) on http://127.0.0.1:8080/ (docs/deploy.md)"
	@echo "make loadtest - a race Sunday against the production set-up (PostgreSQL, nginx)"
	@echo "make lighthouse - Lighthouse scores of every public page kind (mobile, desktop)"

python-check:
	@if [ -z "$(PYTHON)" ]; then \
		echo "error: Python 3.12 or newer is needed (Django 6.1)." >&2; \
		echo "  install it with 'pyenv install 3.13' or 'apt-get install python3.13'," >&2; \
		echo "  then run make again. uv is told never to download one." >&2; \
		exit 1; fi

env: python-check
	@$(UV) --version >/dev/null 2>&1 || { echo "Installing uv with pip…"; \
		$(PYTHON) -m pip install --quiet uv; }
	@# The interpreter's real path, not pyenv's shim: uv would rebuild .venv for a new path.
	@$(UV) sync --locked --quiet --python "$$($(PYTHON) -c 'import sys; print(sys.executable)')"

# The quality gate's tools from npm (package-lock.json): axe-core, the Nu Html
# Checker, Lighthouse. Without npm the tests that need them skip and say so.
# --ignore-scripts: vnu-jar's install script would fetch a Java of its own.
node-tools: node_modules/.package-lock.json

node_modules/.package-lock.json: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --ignore-scripts --no-audit --no-fund --loglevel=error; \
	else echo "npm not found: the axe-core and Nu Html Checker tests will skip." >&2; fi

run: env
	$(MANAGE) migrate --no-input
	$(MANAGE) load_demo
	$(MANAGE) create_demo_login
	@echo "Admin: http://$(HOST):$(PORT)/admin/   Site: http://$(HOST):$(PORT)/"
	$(MANAGE) runserver $(HOST):$(PORT)

test: env node-tools
	$(DEV_ENV) .venv/bin/pytest $(PYTEST_ARGS)

lint: env
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

format: env
	.venv/bin/ruff format .
	.venv/bin/ruff check --fix .

# Background tasks (renditions) in production: DJANGO_TASKS_BACKEND=django_tasks_db.DatabaseBackend
worker: env
	$(MANAGE) db_worker --queue-name '*'

# A race Sunday on loopback: gunicorn + db_worker + nginx on PostgreSQL (bench/loadtest.py).
loadtest: env
	.venv/bin/python bench/loadtest.py $(LOADTEST_ARGS)

# Lighthouse scores of every public page kind, mobile and desktop (issue 10).
lighthouse: env node-tools
	.venv/bin/python bench/lighthouse.py $(LIGHTHOUSE_ARGS)

# The production stack on loopback until Ctrl-C (deploy/stack.py, docs/deploy.md).
stack: env
	.venv/bin/python deploy/stack.py $(STACK_ARGS)
