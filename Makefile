# Two commands for a new user: `make run` (bot + widget on localhost) and `make test`.
.PHONY: run test setup train lint clean nlu-report stack bench faults

run:
	@bash scripts/run.sh

test:
	@bash scripts/test.sh

setup:
	@bash scripts/setup.sh

train: setup
	@.venv/bin/python scripts/train.py

# Production-like on one machine: 2 Rasa + 2 action servers behind HAProxy, PostgreSQL, Redis,
# RabbitMQ (docs/production.md).
stack: setup
	@.venv/bin/python scripts/stack.py --model "$$(.venv/bin/python scripts/train.py | tail -n 1)"

# Stock `rasa init` bot against this bot and the replica stack (docs/performance.md); ~15 min.
bench: setup
	@.venv/bin/python -m bench.compare

# Faults under load: action server killed, database connections dropped, Redis emptied (docs/security.md).
faults: setup
	@.venv/bin/python -m bench.faults

nlu-report: setup
	@bash scripts/nlu_report.sh

lint: setup
	@.venv/bin/ruff check .
	@.venv/bin/mypy

clean:
	rm -rf .venv .state models/*.tar.gz models/spacy-de var results
