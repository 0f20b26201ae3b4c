"""A one-line progress bar for long jobs: rows done, percentage, rate and time left.

The total is exact where the input knows its row count (Parquet, or --limit)
and estimated from the bytes read otherwise (CSV, JSONL, gzip: compressed bytes).
"""

from __future__ import annotations

import sys
import time
from typing import TextIO


def _clock(seconds: float) -> str:
    seconds = max(0, int(seconds))
    return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


class ProgressBar:
    def __init__(self, stream: TextIO | None = None, width: int = 24, interval: float = 0.25,
                 start_rows: int = 0) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.width = width
        self.interval = interval
        self.start_rows = start_rows  # rows already done before this run (resume): not counted in the rate
        self.started = time.perf_counter()
        self._last = 0.0

    def line(self, rows: int, total_rows: int | None, fraction: float | None, errors: int = 0) -> str:
        """The bar for `rows` done of `total_rows` (exact) or of an estimate from `fraction` (0..1) of input read."""
        elapsed = time.perf_counter() - self.started
        rate = (rows - self.start_rows) / elapsed if elapsed > 0 else 0.0
        exact = total_rows is not None
        total: float | None = float(total_rows) if exact else (rows / fraction if fraction else None)
        done = min(1.0, rows / total) if total else 0.0
        filled = int(done * self.width)
        bar = "#" * filled + "." * (self.width - filled)
        if total is None:
            count = f"{rows:,} rows"
        else:
            count = f"{rows:,}/{'' if exact else '~'}{int(round(total)):,} rows"
        eta = _clock((total - rows) / rate) if total and rate > 0 else "?"
        tail = f", {errors:,} errors" if errors else ""
        return f"[{bar}] {done:4.0%} {count}  {rate:,.0f} rows/s  ETA {eta}  elapsed {_clock(elapsed)}{tail}"

    def update(self, rows: int, total_rows: int | None, fraction: float | None, errors: int = 0,
               force: bool = False) -> None:
        now = time.perf_counter()
        if not force and now - self._last < self.interval:
            return
        self._last = now
        self.stream.write("\r" + self.line(rows, total_rows, fraction, errors) + "\x1b[K")
        self.stream.flush()

    def finish(self, message: str) -> None:
        self.stream.write("\r" + message + "\x1b[K\n")
        self.stream.flush()
