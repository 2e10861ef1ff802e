# Field Intake. `make help` lists every target.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
export LANG := C.UTF-8

.PHONY: help bootstrap run test lint bench screenshots installer clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

bootstrap:  ## create or refresh .venv and system packages (run/test do this for you)
	@scripts/bootstrap.sh

run: bootstrap  ## start the app (DATA=dir to use another data folder)
	$(BIN)/intake $(if $(DATA),--data-dir $(DATA))

lint: bootstrap  ## ruff, mypy and the import contracts (pyproject.toml [tool.importlinter])
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache

test: lint  ## lint, then the whole suite (UI tests and journeys in a private Xvfb + openbox)
	$(BIN)/pytest

bench: bootstrap  ## benchmarks: tables of ours beside plain SQLite and raw primitives
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m bench

screenshots: bootstrap  ## every screen to docs/screenshots/ (both languages), and the real window under Xvfb
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m intake_app.ui.screenshots docs/screenshots
	$(BIN)/python scripts/shoot.py docs/screenshots
	$(BIN)/python scripts/shoot_screening.py docs/screenshots
	$(BIN)/python scripts/shoot_reports_combined.py docs/screenshots
	$(BIN)/python scripts/shoot_supervisor.py docs/screenshots
	$(BIN)/python scripts/shoot_protocols.py docs/screenshots

installer: bootstrap  ## PyInstaller one-folder bundle in dist/ (PROFILE=file to bake a profile in)
	$(if $(PROFILE),INTAKE_PROFILE=$(abspath $(PROFILE))) $(BIN)/pyinstaller --noconfirm --clean build.spec

clean:  ## remove build output (keeps .venv)
	rm -rf build dist .mypy_cache .ruff_cache
