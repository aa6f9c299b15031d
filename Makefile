# Two commands do everything: `make run` and `make test`. Only Python 3.12 or newer is needed.
#
# CPython 3.11 has a garbage-collector use-after-free that this app triggers (a worker dies with
# SIGSEGV under load; README, "Python 3.12 or newer"). So the venv is built with the first of
# python3.14, python3.13, python3.12, pyenv's 3.14/3.13/3.12 and python3 that is at least 3.12;
# `make PYTHON=/path/to/python3.12 ...` picks one by hand (and is refused if it is older).
PY_OK := import sys; sys.exit(sys.version_info < (3, 12))
# pyenv's folder wherever it is: $PYENV_ROOT, the home folder (also when HOME is unset), or its own word.
PYENV_ROOTS := $(sort $(PYENV_ROOT) $(wildcard ~/.pyenv) $(shell pyenv root 2>/dev/null) \
  $(wildcard $(shell getent passwd $$(id -u) | cut -d: -f6)/.pyenv))
PY_CANDIDATES := python3.14 python3.13 python3.12 \
  $(foreach v,3.14 3.13 3.12,$(foreach r,$(PYENV_ROOTS),$(wildcard $(r)/versions/$(v)*/bin/python3))) \
  python3
PYTHON ?= $(shell for p in $(PY_CANDIDATES); do \
  "$$p" -c '$(PY_OK)' >/dev/null 2>&1 && { echo "$$p"; break; }; done)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000
export FLASK_APP := wsgi

.PHONY: run test install install-dev translations lint audit browser-deps bench lighthouse clean python-check

# Refuses an interpreter older than 3.12, and a venv that an older one built.
python-check:
	@if [ -z "$(PYTHON)" ] || ! "$(PYTHON)" -c '$(PY_OK)' >/dev/null 2>&1; then \
	  echo "error: this shop needs CPython 3.12 or newer; found: $(or $(PYTHON),none) ($$($(or $(PYTHON),python3) --version 2>&1))."; \
	  echo "  CPython 3.11 has a garbage-collector use-after-free that crashes the server under load."; \
	  echo "  Install Python 3.12 or 3.13 (apt install python3.12, or pyenv install 3.13)"; \
	  echo "  and run make again, or name it: make PYTHON=/path/to/python3.13 run"; \
	  exit 1; fi
	@if [ -x $(BIN)/python ] && ! $(BIN)/python -c '$(PY_OK)' >/dev/null 2>&1; then \
	  echo "error: $(VENV) was built with $$($(BIN)/python --version 2>&1), which crashes this shop"; \
	  echo "  (CPython 3.11's garbage-collector use-after-free). Remove it and build it again"; \
	  echo "  with 3.12 or newer: make clean && make run"; \
	  exit 1; fi

$(BIN)/activate: | python-check
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/activate
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt requirements.txt | $(BIN)/activate
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.installed $@

install: python-check $(VENV)/.installed

install-dev: python-check $(VENV)/.installed-dev

translations: python-check | $(BIN)/activate
	$(BIN)/pybabel -q compile -d translations

run: python-check install translations
	$(BIN)/flask db upgrade
	$(BIN)/flask seed-demo --if-empty
	$(BIN)/flask run --host $(HOST) --port $(PORT)

# Lint: ruff, the import contracts in pyproject.toml (the layering), bandit (medium and high
# severity fail the build), then the dependency audit.
lint: python-check install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/bandit -q -r storefront config.py wsgi.py --severity-level medium
	$(BIN)/python .ci/audit.py
	$(BIN)/mypy

# pip-audit over the pinned requirements; says plainly when its advisory data is unreachable.
audit: python-check install-dev
	$(BIN)/python .ci/audit.py

# Debian's chromium for the browser tests (Playwright's own download cannot work offline).
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

test: python-check install-dev lint translations browser-deps
	env -u TEST_DATABASE_URL $(BIN)/pytest -q -p no:cacheprovider
	@if [ -n "$$TEST_DATABASE_URL" ]; then \
	  echo "== the same suite on $$TEST_DATABASE_URL"; \
	  $(BIN)/pytest -q -p no:cacheprovider; \
	fi

# Load benchmark (bench/load.py): SQLite at demo and seed-scale size, and PostgreSQL too when
# BENCH_DATABASE_URL names a database it may wipe. Installs Debian's wrk when missing.
bench: python-check install-dev translations
	@command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
	$(BIN)/python bench/catalog_bench.py
	$(BIN)/python bench/load.py --db sqlite $(if $(BENCH_DATABASE_URL),--db postgres) --size demo --size scale

# Lighthouse page audits (mobile) of six public pages, from bench/lighthouse's lock file.
lighthouse: python-check install-dev translations browser-deps
	cd bench/lighthouse && npm ci --no-audit --no-fund --silent
	$(BIN)/python bench/lighthouse.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache

translations-update: install-dev
	$(BIN)/python translations/update.py
