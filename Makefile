# Podlab: `make run` serves the site, `make test` runs every check. Both set up .venv first.
.DEFAULT_GOAL := help
.PHONY: help run test bench clean distclean

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip --disable-pip-version-check --quiet
HOST   ?= 127.0.0.1
PORT   ?= 8000
PYTEST_ARGS ?=

# --- Dependencies -------------------------------------------------------------------------------
# One stamp per kind of dependency, redone only when its manifest changes. The stamps live inside
# .venv, so a deleted or recreated .venv is set up again.
#   python  pyproject.toml -> $(VENV)/run.stamp (runtime), $(VENV)/test.stamp (runtime + test)
# Later kinds join RUN_DEPS / TEST_DEPS the same way, e.g.
#   node    package-lock.json -> node_modules/.npm.stamp   (npm ci; build the terminal bundle)
#   system  chromium for browser tests                      (apt-get install -y chromium)
RUN_DEPS  := $(VENV)/run.stamp
TEST_DEPS := $(VENV)/test.stamp

$(PY):
	$(PYTHON) -m venv $(VENV)

$(VENV)/run.stamp: pyproject.toml | $(PY)
	$(PIP) install .
	@touch $@

$(VENV)/test.stamp: pyproject.toml | $(PY)
	$(PIP) install ".[test]"
	@touch $@

# --- Targets ------------------------------------------------------------------------------------
help:
	@echo "make run    set up .venv, migrate the SQLite database, serve http://$(HOST):$(PORT)/ with Daphne"
	@echo "make test   set up .venv with test tools, run manage.py check and the whole pytest suite"
	@echo "make bench  run bench/run.py"
	@echo "make clean  remove caches and install stamps (keeps .venv and db.sqlite3)"
	@echo "make distclean  also remove .venv and db.sqlite3"

run: $(RUN_DEPS)
	$(PY) manage.py migrate --noinput
	@echo "Podlab: http://$(HOST):$(PORT)/ (Ctrl-C stops it)"
	$(VENV)/bin/daphne -b $(HOST) -p $(PORT) sandbox.config.asgi:application

test: $(TEST_DEPS)
	$(PY) manage.py check
	$(PY) -m pytest $(PYTEST_ARGS)

bench: $(RUN_DEPS)
	$(PY) bench/run.py

clean:
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -exec rm -rf {} +
	rm -rf .pytest_cache .hypothesis staticfiles *.egg-info build db.test.sqlite3
	rm -f $(VENV)/*.stamp

distclean: clean
	rm -rf $(VENV) db.sqlite3
