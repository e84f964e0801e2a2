# Two commands matter: `make demo` and `make test`. Each installs what it needs into .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo serve test lint system-deps bench eval cli-docs clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/onrecord analyze examples/putin-scholz-call.txt --published 2024-11-15 --format table

# The bundled example in the browser: http://127.0.0.1:8000/documents/1
serve: $(STAMP)
	$(BIN)/onrecord ingest examples/ --published 2024-11-15 --source RT --db example.db
	$(BIN)/onrecord serve --db example.db

system-deps:
	bash scripts/install-system-deps.sh

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/ruff format --check src tests benchmarks scripts

test: $(STAMP) system-deps lint
	$(BIN)/pytest -q

bench: $(STAMP)
	$(BIN)/python benchmarks/throughput.py

cli-docs: $(STAMP)
	$(BIN)/python scripts/cli_reference.py

eval: $(STAMP)
	$(BIN)/onrecord eval brat ../shared/data/polnear/dev

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
