# Two commands for a new user: `make run` (bot + widget on localhost) and `make test`.
.PHONY: run test setup train lint clean nlu-report

run:
	@bash scripts/run.sh

test:
	@bash scripts/test.sh

setup:
	@bash scripts/setup.sh

train: setup
	@.venv/bin/python scripts/train.py

nlu-report: setup
	@bash scripts/nlu_report.sh

lint: setup
	@.venv/bin/ruff check .

clean:
	rm -rf .venv .state models/*.tar.gz models/spacy-de var results
