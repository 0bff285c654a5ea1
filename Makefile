# Newsroom. `make run` serves the demo site; `make test` runs every check CI runs.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run serve test test-fast lint format services-start services-stop clean browser-deps messages

$(BIN)/python:
	scripts/make-venv.sh $(PYTHON) $(VENV)

$(STAMP): $(BIN)/python requirements.txt requirements-dev.txt
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(STAMP)

run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py seed_demo_comments
	$(BIN)/python manage.py rebuild_search_index
	@# Mail (printed to the console) is delivered from the outbox by a worker running beside
	@# the server; it stops with it.
	$(BIN)/python manage.py deliver_mail --interval 2 & worker=$$!; \
	$(BIN)/python manage.py run_consent_exports --interval 5 & exporter=$$!; \
	trap 'kill $$worker $$exporter 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver 127.0.0.1:8000

# The production configuration (DEBUG off, gunicorn, whitenoise) on http://127.0.0.1:8000.
serve: install
	PATH="$(abspath $(BIN)):$$PATH" scripts/serve.sh

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The suite runs twice, on SQLite and on PostgreSQL, side by side (scripts/test-suite.sh).
test: lint browser-deps
	$(BIN)/python manage.py makemigrations --check --dry-run
	PYTEST=$(BIN)/pytest scripts/test-suite.sh

# Refresh the translation catalogues from the code (docs/languages.md); needs gettext.
messages: install
	PYTHON=$(BIN)/python scripts/messages.sh

services-start:
	scripts/services.sh start

# Two app servers behind nginx with PostgreSQL and Redis, on this machine (docs/deploying.md,
# "Running more than one app server"); `make cluster-stop` stops them. Not part of `make run`.
.PHONY: cluster cluster-stop
cluster: install
	PYTHON=$(BIN)/python scripts/cluster.sh start

cluster-stop:
	PYTHON=$(BIN)/python scripts/cluster.sh stop

services-stop:
	scripts/services.sh stop

# Browser tests (tests/e2e): Debian's Chromium and axe-core (npm). `make test-fast` runs
# everything else, for a machine where Chromium cannot be installed.
NODE_STAMP := node_modules/.package-lock.json

$(NODE_STAMP): package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm is missing: apt-get install npm, or run make test-fast" >&2; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error

browser-deps: $(NODE_STAMP)
	scripts/ensure-chromium.sh

test-fast: lint
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest --ignore=tests/e2e

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .services node_modules tests/e2e/artifacts

# --- Benchmark (bench/, see docs/performance.md); not part of `make test`. ---
# `make bench-cluster` measures only the cluster section (2 app servers behind nginx).
.PHONY: bench bench-cluster
bench: install
	$(BIN)/python -m bench.run $(BENCH_ARGS)
	$(BIN)/python -m bench.search
	$(BIN)/python -m bench.memos
	$(BIN)/python -m bench.pictures

bench-cluster: install
	$(BIN)/python -m bench.run --only-cluster $(BENCH_ARGS)

# The site at 1,000, 10,000 and 100,000 stories on PostgreSQL, every cache off (bench/scale/,
# issue 32): writes bench/SCALE.md. Loading 100,000 stories and their comments and consent
# records takes minutes. `make bench-scale SCALE_ARGS="--sizes 1000 10000"` for a quick run.
.PHONY: bench-scale
bench-scale: install
	nice $(BIN)/python -m bench.scale.run $(SCALE_ARGS)
