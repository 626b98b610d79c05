# The README's commands: `make run`, `make test` (every test, as CI runs it) and `make check`
# (the fast tiers: unit, property, Pilot and snapshot tests, not slow, not e2e). All set everything up.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test check bench system-deps clean

$(STAMP): pyproject.toml setup.py $(wildcard reader/core/align/*.pyx)
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,dask,fast]'
	@touch $(STAMP)

## Open Parallax on the bundled sample corpus.
run: $(STAMP)
	$(BIN)/parallax sample_corpus

## Install what the tests need from the system (tmux for the end-to-end test).
system-deps:
	@command -v tmux >/dev/null 2>&1 || { \
	  echo "installing tmux"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq tmux >/dev/null; }

## Set up and run every test.
test: $(STAMP) system-deps
	$(BIN)/python -m pytest -n 2 -q

## Set up and run the fast tiers only (no `slow`, no `e2e` tests): well under a minute.
check: $(STAMP)
	$(BIN)/python -m pytest -n 2 -q -m "not slow and not e2e"

## Benchmarks (run by hand; they print ratios against a baseline measured in the same run).
bench: $(STAMP)
	$(BIN)/python benchmarks/scale.py
	$(BIN)/python benchmarks/pan13.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache reader/core/align/*.so reader/core/align/_*_kernels.c
