# The two commands that matter (see README):
#   make run    set everything up on this machine and start the service on its embedded defaults
#   make test   set everything up and run the whole test suite
.PHONY: run test setup lint bench

run:
	./scripts/setup.sh
	.venv/bin/triage serve --host 127.0.0.1 --port 8000

test:
	./scripts/setup.sh --dev
	./scripts/test.sh

setup:
	./scripts/setup.sh --dev

lint:
	.venv/bin/ruff check triage api training tests benchmarks examples

bench:
	.venv/bin/python benchmarks/bench_classifier.py
