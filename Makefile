# Two commands do all set-up on a fresh machine: `make report` and `make test`.
# The virtualenv is created and the package installed only when missing or when
# pyproject.toml changed (the stamp file records the last install).
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.adaproof-installed
ORACLE_STAMP := $(VENV)/.adaproof-oracle
OUT ?= report

.PHONY: install oracle test test-fast report lint bench clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# torch.optim as the parity oracle: the CPU wheel of exactly this version.
oracle: $(ORACLE_STAMP)

$(ORACLE_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,oracle]'
	touch $(ORACLE_STAMP)

test: $(STAMP)
	$(BIN)/python -m pytest -n 2

test-fast: $(STAMP)
	$(BIN)/python -m pytest -n 2 -m "not slow"

report: $(STAMP)
	$(BIN)/adaproof report --out $(OUT)

bench: $(STAMP)
	$(BIN)/adaproof bench

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache
