# ZI Desktop — the two commands a newcomer needs: `make run` and `make test`.
# Everything is set up from requirements.lock into .venv on first use.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)
DEMO ?= .demo-workspace
LINT_DIRS := $(wildcard zi_desktop ui tests bench packaging)

.PHONY: run test bench build package lint typecheck clean venv

venv: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@rm -f $(VENV)/.installed-* && touch $@

run: $(STAMP)
	$(BIN)/zi-desktop --demo --workspace $(DEMO)

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python -m bench

# dist/zi-desktop/ with the programs zi-desktop and zi, then a smoke test of what was built
# (packaging/README.md).
PYINSTALLER := $(BIN)/pyinstaller --noconfirm --clean --log-level WARN --distpath dist \
	--workpath build/pyinstaller packaging/zi_desktop.spec

build: $(STAMP)
	@echo "$(PYINSTALLER)"; start=$$(date +%s); $(PYINSTALLER) && \
	    echo "built dist/zi-desktop in $$(( $$(date +%s) - start )) s"

package: build
	$(BIN)/python packaging/smoke_test.py dist/zi-desktop

lint: $(STAMP)
	$(BIN)/ruff check $(LINT_DIRS)
	$(BIN)/ruff format --check $(LINT_DIRS)

typecheck: $(STAMP)
	$(BIN)/mypy

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
