# Two commands for everyone: `make serve` (live preview) and `make test` (the whole suite).
# Each sets up what it needs on first use: a virtual environment from the pinned requirements,
# Node tools from package-lock.json, and (for tests) Debian packages.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | sha1sum | cut -c1-12)

NODE_STAMP := node_modules/.package-lock.json

.PHONY: serve build test system-deps clean lint fix translations pdf bench

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	rm -f $(VENV)/.installed-* && touch $@

serve: $(STAMP)  ## preview at http://127.0.0.1:8000/ with live reload
	$(BIN)/mkdocs serve --livereload

build: $(STAMP)  ## strict build of both languages into site/
	$(BIN)/mkdocs build --strict

$(NODE_STAMP): package.json package-lock.json
	# `npm install` honours the lock; `npm ci` refuses it because autocorrect-node's macOS/Windows
	# optional binaries are not in the registry this project can reach.
	PUPPETEER_SKIP_DOWNLOAD=1 npm install --no-audit --no-fund --loglevel=error

system-deps:
	scripts/system-deps.sh

test: $(STAMP) $(NODE_STAMP) system-deps  ## every test: data, pages, build, browser, PDF, lint
	$(BIN)/python -m pytest

lint: $(STAMP) $(NODE_STAMP)  ## check only (what CI runs): CJK typography, Markdown, YAML, Python, workflows, pairs
	$(BIN)/python scripts/lint.py

fix: $(STAMP) $(NODE_STAMP)  ## apply the fixers (autocorrect, markdownlint, ruff), then check again
	$(BIN)/python scripts/lint.py --fix

translations: $(STAMP)  ## list missing and outdated translations
	$(BIN)/python scripts/translations.py

pdf: $(STAMP)  ## print the built print views (booklet, one-page handout; both languages) to build/pdf/ and site/downloads/
	test -f site/print/booklet/index.html || $(MAKE) build
	$(BIN)/python -m scripts.pdf --site site --out build/pdf
	mkdir -p site/downloads && cp build/pdf/*.pdf site/downloads/

bench: $(STAMP) $(NODE_STAMP) system-deps  ## print build time vs plain MkDocs, page weight, search index, live reload, Lighthouse
	$(BIN)/python scripts/bench.py $(BENCH_ARGS)

clean:
	rm -rf site build .pytest_cache
