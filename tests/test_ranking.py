"""Ranking quality target of the queue (issue 3): the dev set's texts posted as
tickets with the bundled model, NDCG@50 of the queue order >= 0.80."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.real_model


def test_queue_ranks_dev_gold_by_urgency(shared_data: Path) -> None:
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_ranking.py")],
                            capture_output=True, text=True, check=True, cwd=ROOT)
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    assert figures["tickets"] == 500
    assert figures["dev_gold_queue_ndcg@50"]["all"] >= 0.80, figures
