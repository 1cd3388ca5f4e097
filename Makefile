# Podlab: `make run` serves the site, `make test` runs every check. Both set up what they need first.
.DEFAULT_GOAL := help
.PHONY: help run test fuzz bench soak clean distclean chromium

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip --disable-pip-version-check --quiet
HOST   ?= 127.0.0.1
PORT   ?= 8000
PYTEST_ARGS ?=

# --- Dependencies -------------------------------------------------------------------------------
# One stamp (or built file) per kind of dependency, redone only when its manifest changes:
#   python  pyproject.toml          -> $(VENV)/run.stamp (runtime), $(VENV)/test.stamp (runtime + test)
#   node    frontend/package-lock   -> frontend/node_modules/.npm.stamp (npm ci, exact versions)
#   bundle  frontend/src/*.js       -> sandbox/static/sandbox/dist/ (esbuild: xterm.js, CodeMirror)
#   i18n    locale/ko/.../django.po -> django.mo (msgfmt)
#   system  gettext (msgfmt), node/npm, chromium (+ a Korean font) for the browser tests: apt-get
NPM_STAMP := frontend/node_modules/.npm.stamp
BUNDLE    := sandbox/static/sandbox/dist/sandbox.js
MO        := locale/ko/LC_MESSAGES/django.mo
RUN_DEPS  := $(VENV)/run.stamp $(BUNDLE) $(MO)
TEST_DEPS := $(VENV)/test.stamp $(BUNDLE) $(MO) chromium

# apt-get as root (sudo when not root); only when the program is missing.
APT_INSTALL = $(if $(filter 0,$(shell id -u)),,sudo) env DEBIAN_FRONTEND=noninteractive sh -c \
	'apt-get update -qq && apt-get install -y -qq --no-install-recommends $(1)'

$(PY):
	$(PYTHON) -m venv $(VENV)

$(VENV)/run.stamp: pyproject.toml | $(PY)
	$(PIP) install .
	@touch $@

$(VENV)/test.stamp: pyproject.toml | $(PY)
	$(PIP) install ".[test,redis,postgres]"
	@touch $@

$(NPM_STAMP): frontend/package.json frontend/package-lock.json
	@command -v npm >/dev/null || $(call APT_INSTALL,nodejs npm)
	cd frontend && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

$(BUNDLE): $(NPM_STAMP) $(wildcard frontend/src/*.js)
	cd frontend && npm run --silent build

$(MO): locale/ko/LC_MESSAGES/django.po
	@command -v msgfmt >/dev/null || $(call APT_INSTALL,gettext)
	msgfmt --check-format -o $@ $<

# Debian's chromium for the browser tests, and a Korean font so that their screenshots are legible.
chromium:
	@command -v chromium >/dev/null || $(call APT_INSTALL,chromium)
	@fc-list :lang=ko 2>/dev/null | grep -q . || $(call APT_INSTALL,fonts-nanum)

# --- Targets ------------------------------------------------------------------------------------
help:
	@echo "make run    set up .venv and the front-end, migrate the SQLite database, serve http://$(HOST):$(PORT)/ with Daphne"
	@echo "make test   set up .venv with test tools, the front-end and chromium, run manage.py check and the whole pytest suite"
	@echo "make bench  run bench/run.py: engine figures, then learners against one Daphne (a few minutes)"
	@echo "make soak   bench/soak.py: 500 learners against one Daphne for 10 minutes (RSS growth, error frames)"
	@echo "make fuzz   the long property-based run of tests/fuzz: 100,000 random and mutated inputs (about an hour)"
	@echo "make clean  remove caches and install stamps (keeps .venv, node_modules and db.sqlite3)"
	@echo "make distclean  also remove .venv, node_modules, the built bundle and db.sqlite3"

run: $(RUN_DEPS)
	$(PY) manage.py migrate --noinput
	@echo "Podlab: http://$(HOST):$(PORT)/ (Ctrl-C stops it)"
	$(VENV)/bin/daphne -b $(HOST) -p $(PORT) sandbox.config.asgi:application

test: $(TEST_DEPS)
	$(PY) manage.py check
	$(PY) -m pytest $(PYTEST_ARGS)

# The fuzz tests' long profile (tests/fuzz/conftest.py); `make test` runs the same properties briefly.
fuzz: $(VENV)/test.stamp
	HYPOTHESIS_PROFILE=long $(PY) -m pytest tests/fuzz $(PYTEST_ARGS)

$(VENV)/bench.stamp: pyproject.toml | $(PY)
	$(PIP) install ".[bench,postgres]"
	@touch $@

# BENCH_ARGS: e.g. --n 100,500 --duration 30 --db postgres (python bench/run.py --help)
bench: $(RUN_DEPS) $(VENV)/bench.stamp
	$(PY) bench/run.py $(BENCH_ARGS)

# SOAK_ARGS: e.g. --n 500 --minutes 10 --db postgres (python bench/soak.py --help)
soak: $(RUN_DEPS) $(VENV)/bench.stamp
	$(PY) bench/soak.py $(SOAK_ARGS)

clean:
	find . -path ./$(VENV) -prune -o -path ./frontend/node_modules -prune -o -name __pycache__ -type d -exec rm -rf {} +
	rm -rf .pytest_cache .hypothesis staticfiles *.egg-info build db.test.sqlite3 tests/artifacts
	rm -f $(VENV)/*.stamp $(NPM_STAMP)

distclean: clean
	rm -rf $(VENV) db.sqlite3 frontend/node_modules sandbox/static/sandbox/dist $(MO)
