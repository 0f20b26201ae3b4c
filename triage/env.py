"""What this process may use, and what its environment tells it."""

from __future__ import annotations

import os


def usable_cores() -> int:
    """Cores this process may run on (a CPU affinity mask or container limit can leave fewer than cpu_count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def env_flag(name: str) -> bool:
    """An on/off environment variable: unset, empty, 0, false and no are off."""
    return os.environ.get(name, "").strip().lower() not in ("", "0", "false", "no")
