# Two commands on a fresh machine:
#   make demo   install, process the bundled sample corpus into tidings.db, print a summary
#   make test   install, lint, run the tests
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench fuzz kill-test lock clean

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/tidings process samples/text samples/articles.jsonl samples/copies.jsonl --db tidings.db
	$(BIN)/tidings search sanctions --db tidings.db --limit 5
	$(BIN)/tidings quotes --db tidings.db --limit 8
	$(BIN)/tidings dyads --db tidings.db --period month
	$(BIN)/tidings stories --db tidings.db
	$(BIN)/tidings story $$($(BIN)/tidings stories --db tidings.db --format csv --limit 1 | sed -n 2p | cut -d, -f1) --db tidings.db

lint: $(STAMP)
	$(BIN)/ruff check .

test: $(STAMP) lint
	$(BIN)/pytest

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[dev,bench]'
	# newspaper4k asks for python-dateutil < 3 (the lock holds 4.0.0, which it runs on):
	# installed without its pins, its dependencies come pinned from the bench extra
	$(BIN)/python -m pip install --quiet --no-deps newspaper4k==0.9.6
	$(BIN)/python benchmarks/repair.py
	$(BIN)/python benchmarks/extraction.py
	$(BIN)/python benchmarks/metadata.py
	$(BIN)/python benchmarks/understanding.py
	$(BIN)/python benchmarks/actors_times.py
	$(BIN)/python benchmarks/events_precision.py
	$(BIN)/python benchmarks/serve.py
	$(BIN)/python benchmarks/scale.py
	$(BIN)/python benchmarks/stories.py quality process

# Long fuzzing (tests/fuzz, profile fuzz): 10,000 generated documents through the whole
# pipeline, thousands more through each reader, layout, repair and the understanding steps.
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/pytest tests/fuzz -p no:cacheprovider -n 2 --dist worksteal --hypothesis-show-statistics

# kill -9 at random moments over a 300-document run with --workers 2 (tools/kill_test.py).
kill-test: $(STAMP)
	$(BIN)/python tools/kill_test.py

# Re-pin every dependency to what the virtual environment holds now.
lock:
	$(BIN)/python -m pip freeze --exclude-editable | grep -v '^tidings' > requirements.lock

clean:
	rm -rf $(VENV) tidings.db tidings.db-wal tidings.db-shm
