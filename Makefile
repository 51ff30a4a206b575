# Two commands for everyone: `make serve` (live preview) and `make test` (the whole suite).
# Each sets up what it needs on first use, and heals a broken or outdated set-up
# (scripts/setup_env.py): .venv from the hash-locked requirements.txt (serve, build) plus
# requirements-dev.txt (tests, lint, PDFs, bench); the Node tools with `npm ci` from
# package-lock.json; and, for the browser and PDF tests, Debian packages (scripts/system-deps.sh).

PYTHON ?= python3
# Material 9.8 prints an end-of-life banner on every build; contributors cannot act on it here.
export NO_MKDOCS_2_WARNING := 1
PORT ?= 8000
BIN := .venv/bin
NODE_STAMP := node_modules/.package-lock.json
PIP_TOOLS := .cache/pip-tools

.PHONY: serve build test test-fast system-deps venv-serve venv-test deps clean lint fix translations pdf bench lock

venv-serve:  ## .venv with requirements.txt: what building needs
	@$(PYTHON) scripts/setup_env.py serve

venv-test:  ## .venv with requirements.txt and requirements-dev.txt
	@$(PYTHON) scripts/setup_env.py test

# npm ci installs exactly package-lock.json, into a fresh node_modules (nothing lingers).
$(NODE_STAMP): package.json package-lock.json
	PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
	@touch $@

system-deps:
	scripts/system-deps.sh

deps: venv-test $(NODE_STAMP)  ## the locked Python and Node dependencies of every target (CI's install step)

serve: venv-serve  ## preview at http://127.0.0.1:$(PORT)/ (zh) and /en/ (en), with live reload
	PORT=$(PORT) $(BIN)/python scripts/serve.py

build: venv-serve  ## strict build of both languages into site/
	$(BIN)/mkdocs build --strict

test: system-deps venv-test $(NODE_STAMP)  ## every test: data, pages, build, browser, PDF, lint, set-up
	$(BIN)/python -m pytest

test-fast: venv-test $(NODE_STAMP)  ## everything without a browser or PDF (needs no Chromium)
	$(BIN)/python -m pytest -m "not browser and not pdf and not setup"

lint: venv-test $(NODE_STAMP)  ## check only (what CI runs): CJK typography, Markdown, YAML, Python, workflows, pairs
	$(BIN)/python scripts/lint.py

fix: venv-test $(NODE_STAMP)  ## apply the fixers (autocorrect, markdownlint, ruff), then check again
	$(BIN)/python scripts/lint.py --fix

translations: venv-serve  ## list missing and outdated translations
	$(BIN)/python scripts/translations.py

pdf: system-deps venv-test  ## print the built print views (booklet, one-page handout; both languages) to build/pdf/ and site/downloads/
	test -f site/print/booklet/index.html || $(MAKE) build
	$(BIN)/python -m scripts.pdf --site site --out build/pdf
	mkdir -p site/downloads && cp build/pdf/*.pdf site/downloads/

bench: system-deps venv-test $(NODE_STAMP)  ## print build time vs plain MkDocs, page weight, search index, live reload, Lighthouse
	$(BIN)/python -m scripts.bench $(BENCH_ARGS)

# Recompile the locks from requirements*.in after changing a pin there (Dependabot does this in its
# PRs): exact versions and hashes, from PyPI alone. pip-compile keeps the other pins as they are;
# `make lock LOCK_ARGS=--upgrade` moves everything. pip-tools lives in its own throwaway venv.
lock:
	test -x $(PIP_TOOLS)/bin/pip-compile || { $(PYTHON) -m venv $(PIP_TOOLS) && $(PIP_TOOLS)/bin/python -m pip install --quiet pip-tools==7.6.2; }
	for name in requirements requirements-dev requirements-links; do \
	  env -u PIP_FIND_LINKS -u PIP_INDEX_URL -u PIP_EXTRA_INDEX_URL PIP_CONFIG_FILE=/dev/null \
	    $(PIP_TOOLS)/bin/pip-compile --quiet --generate-hashes --strip-extras --no-emit-index-url \
	    $(LOCK_ARGS) --output-file=$$name.txt $$name.in || exit 1; \
	done

clean:
	rm -rf site build .pytest_cache
