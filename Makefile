# The two commands of the quick start: `make demo` and `make test`.
# Each sets up what it needs on first use (a virtual environment in .venv; for the tests
# also the system packages for Qt, Chromium and speech, and axe-core).

VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: demo test lint typecheck pytest system clean

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[qt,test]'
	touch $@

demo: $(STAMP)
	$(BIN)/eenloket demo

system:
	bash scripts/setup-system.sh

test: $(STAMP) system lint typecheck pytest

lint: $(STAMP)
	$(BIN)/ruff check .

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/pytest

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache tests/screenshots
