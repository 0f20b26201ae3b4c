#!/usr/bin/env bash
# Run the whole test suite offline: unit tests with the fake encoder, the
# bundled model, the e5-small encoder, the service on SQLite and on a real
# PostgreSQL server (started here, installed where missing), and (when
# ../shared/data is present) the figures on the real dev set.
set -euo pipefail
cd "$(dirname "$0")/.."
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
export TRIAGE_REQUIRE_SPARK=1  # setup.sh --dev installs pyspark and Java: Spark tests must run
export TRIAGE_CACHE_DIR=${TRIAGE_CACHE_DIR:-$PWD/build/cache}
if [ -z "${TRIAGE_TEST_POSTGRES_URL:-}" ]; then
  TRIAGE_TEST_POSTGRES_URL=$(scripts/postgres.sh start)
  export TRIAGE_TEST_POSTGRES_URL TRIAGE_TEST_POSTGRES_RESTART="scripts/postgres.sh restart"
fi
export TRIAGE_REQUIRE_POSTGRES=1
# The browser tests fail (rather than skip) when Chromium is missing.
export TRIAGE_REQUIRE_BROWSER=1
.venv/bin/ruff check triage api training tests benchmarks examples
.venv/bin/python -m pytest -q -ra "$@"
