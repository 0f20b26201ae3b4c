#!/usr/bin/env bash
# Run the whole test suite offline: unit tests with the fake encoder, the
# bundled model, the e5-small encoder, and (when ../shared/data is present)
# the figures on the real dev set.
set -euo pipefail
cd "$(dirname "$0")/.."
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
export TRIAGE_REQUIRE_SPARK=1  # setup.sh --dev installs pyspark and Java: Spark tests must run
export TRIAGE_CACHE_DIR=${TRIAGE_CACHE_DIR:-$PWD/build/cache}
.venv/bin/ruff check triage api training tests benchmarks examples
.venv/bin/python -m pytest -q -ra "$@"
