# Abri: `make run` serves the app with demo data, `make test` runs every test.
SHELL := /bin/bash
.DEFAULT_GOAL := run

PYTHON ?= python3.11
VENV   := .venv
BIN    := $(abspath $(VENV)/bin)
TOOLS  := .tools
BUN    := $(TOOLS)/node_modules/.bin/bun

# Reflex must use the bun installed from the npm registry (never a download
# script), send no telemetry and not look for updates.
export PATH := $(abspath $(TOOLS)/node_modules/.bin):$(BIN):$(PATH)
export REFLEX_USE_SYSTEM_BUN := 1
export REFLEX_TELEMETRY_ENABLED := false
export REFLEX_CHECK_LATEST_VERSION := false
export NPM_CONFIG_REGISTRY ?= $(shell npm config get registry 2>/dev/null)
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run test bench setup build db check-chromium clean

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

$(BUN): $(TOOLS)/package-lock.json | $(VENV)/.installed
	@command -v npm >/dev/null || { echo "Abri needs Node.js >= 20 and npm (apt-get install nodejs npm)."; exit 1; }
	cd $(TOOLS) && npm ci --no-audit --no-fund --silent
	@touch $@

setup: $(VENV)/.installed $(BUN)

db: setup
	@$(BIN)/python -m helpline check-key
	@$(BIN)/python -m helpline migrate
	@$(BIN)/python -m helpline seed-demo

build: setup
	@$(BIN)/python scripts/build_frontend.py

run: db build
	@port=$$($(BIN)/python -c 'from helpline.config import get_settings as g; print(g().port)'); \
	echo ""; \
	echo "  Abri is starting on port $$port."; \
	echo "  Victims:  http://localhost:$$port/"; \
	echo "  Staff:    http://localhost:$$port/staff"; \
	echo ""; \
	$(BIN)/python -m helpline demo-logins; \
	echo ""
	@scripts/serve.sh

check-chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's chromium for the end-to-end tests…"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "The end-to-end tests need Debian's Chromium at /usr/bin/chromium: run 'sudo apt-get install chromium'."; \
	    exit 1; \
	  fi; \
	fi
	@if ! command -v pdftoppm >/dev/null; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's poppler-utils (pdftoppm) for the dossier's end-to-end test…"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null; \
	  else \
	    echo "The dossier's end-to-end test needs pdftoppm: run 'sudo apt-get install poppler-utils'."; \
	    exit 1; \
	  fi; \
	fi

test: setup check-chromium
	$(BIN)/ruff check .
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: setup
	$(BIN)/python -m benchmarks $(BENCH_ARGS)

clean:
	rm -rf .web .web-test .states $(TOOLS)/node_modules
