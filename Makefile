# Two commands for a fresh machine: `make run` and `make test`. Everything else follows from them.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
RUN_STAMP := $(VENV)/.stamp-run
# Two workers, a test file each at a time (a file's fixtures stay in one process): the browser
# tests spend most of their time waiting on Chromium and the app. `make test PYTEST_WORKERS=`
# runs them one after another.
PYTEST_WORKERS ?= -n 2 --dist loadfile
DEV_STAMP := $(VENV)/.stamp-dev
CATALOGS := $(wildcard locales/*/LC_MESSAGES/messages.po)
MO_FILES := $(CATALOGS:.po=.mo)

.PHONY: run test lint i18n sysdeps bench clean

# The app replaces the recipe's shell (exec), so a SIGTERM that make passes on to its child
# reaches the app itself: `kill <make>` stops the server (tests/hosting/test_make_run.py).
run: $(RUN_STAMP) $(MO_FILES)
	exec $(PY) main.py

test: $(DEV_STAMP) sysdeps $(MO_FILES)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy services backend views hosting main.py tests bench
	$(PY) -m pytest -q -p no:cacheprovider $(PYTEST_WORKERS)

lint: $(DEV_STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(RUN_STAMP): pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install --quiet -e '.[web]'
	touch $@

$(DEV_STAMP): pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@ $(RUN_STAMP)

# Compiled catalogs are build products: made from the .po files, never committed.
locales/%/LC_MESSAGES/messages.mo: locales/%/LC_MESSAGES/messages.po | $(RUN_STAMP)
	$(BIN)/pybabel compile --use-fuzzy -d locales -D messages -l $* 2>&1 | grep -v '^compiling' || true
	test -f $@

# Extract interface strings from the code, merge them into each catalog, compile.
i18n: $(DEV_STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k _ -k N_ -k ngettext:1,2 -k said --no-location \
		--sort-output --omit-header -w 100 -o locales/messages.pot .
	$(BIN)/pybabel update -i locales/messages.pot -d locales -D messages --no-fuzzy-matching -w 100 \
		--ignore-obsolete
	$(BIN)/pybabel compile -d locales -D messages

# System packages the tests drive for real: Chromium, nginx with its brotli module (serves the
# pre-compressed web client) and GNU gettext (msgfmt --check).
sysdeps:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing="$$missing nginx"; \
	command -v msgfmt >/dev/null 2>&1 || missing="$$missing gettext"; \
	[ -e /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ] || \
		missing="$$missing libnginx-mod-http-brotli-static"; \
	if [ -n "$$missing" ]; then \
		echo "installing system packages:$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

# Benchmarks print ratios measured side by side in one run; they are never part of `make test`.
bench: $(DEV_STAMP) sysdeps $(MO_FILES)
	@command -v wrk >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq wrk)
	$(PY) -m bench.feed_load
	$(PY) -m bench.sync
	$(PY) -m bench.serve
	$(PY) -m bench.load
	$(PY) -m bench.ui
	$(PY) -m bench.render
	$(PY) -m bench.publish
	$(PY) -m bench.workbook
	$(PY) -m bench.hosted
	$(PY) -m bench.controls
	$(PY) -m bench.web_bytes

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
