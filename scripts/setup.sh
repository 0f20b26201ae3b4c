#!/usr/bin/env bash
# Set up the project on a fresh machine: a virtual environment in .venv with
# every Python package (torch pinned to the CPU build), the project itself,
# and, with --dev, the test tools. Safe to run again: it only adds what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv with $($PYTHON --version)"
  "$PYTHON" -m venv .venv
fi
# Pinned CPU torch first, in the same resolution as everything else, so pip
# never pulls a multi-GB CUDA build.
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
.venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
if [ "${1:-}" = "--dev" ]; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
  # The browser tests drive Debian's Chromium through pip's playwright; never
  # `playwright install` (it downloads a browser build of its own).
  # A small CJK font makes Chinese and Japanese text readable in the screenshots.
  if [ ! -x /usr/bin/chromium ] || [ ! -d /usr/share/fonts/truetype/wqy ]; then
    echo "setup: installing Debian's chromium and a CJK font for the browser tests"
    SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null
  fi
  # Spark scoring is tested on a local Spark: pyspark from requirements-spark.txt and a Java runtime.
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-spark.txt
  if ! command -v java >/dev/null 2>&1; then
    if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
      echo "setup: installing a Java runtime for Spark (apt-get)"
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends default-jre-headless >/dev/null
    else
      echo "setup: warning: no java and cannot apt-get install it; the Spark tests will fail" >&2
    fi
  fi
fi
echo "setup: ready ($(.venv/bin/python -c 'import triage, torch; print("torch", torch.__version__)'))"
