# Two commands do everything: `make run` and `make test`. Only python3 is needed beforehand.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000
export FLASK_APP := wsgi

.PHONY: run test install install-dev translations lint browser-deps bench clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/activate
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt requirements.txt | $(BIN)/activate
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.installed $@

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

translations: | $(BIN)/activate
	$(BIN)/pybabel -q compile -d translations

run: install translations
	$(BIN)/flask db upgrade
	$(BIN)/flask seed-demo --if-empty
	$(BIN)/flask run --host $(HOST) --port $(PORT)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Debian's chromium for the browser tests (Playwright's own download cannot work offline).
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

test: install-dev lint translations browser-deps
	env -u TEST_DATABASE_URL $(BIN)/pytest -q -p no:cacheprovider
	@if [ -n "$$TEST_DATABASE_URL" ]; then \
	  echo "== the same suite on $$TEST_DATABASE_URL"; \
	  $(BIN)/pytest -q -p no:cacheprovider; \
	fi

bench: install-dev translations
	$(BIN)/python bench/catalog_bench.py
	bash bench/load.sh

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache

translations-update: install-dev
	$(BIN)/python translations/update.py
