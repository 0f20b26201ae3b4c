"""TRIAGE_SQLITE_SYNC picks SQLite's synchronous level; a wrong value stops start-up
with a message naming the variable."""

from __future__ import annotations

import pytest

from api.db import make_engine


@pytest.mark.parametrize(("setting", "level"), [(None, 1), ("normal", 1), ("FULL", 2)])
def test_sync_level(tmp_path, monkeypatch: pytest.MonkeyPatch, setting: str | None, level: int) -> None:
    if setting is None:
        monkeypatch.delenv("TRIAGE_SQLITE_SYNC", raising=False)
    else:
        monkeypatch.setenv("TRIAGE_SQLITE_SYNC", setting)
    engine = make_engine(f"sqlite:///{tmp_path}/t.db")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == level
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    engine.dispose()


def test_wrong_value_names_the_variable(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRIAGE_SQLITE_SYNC", "off")
    with pytest.raises(ValueError, match="TRIAGE_SQLITE_SYNC must be 'normal' or 'full', not 'off'"):
        make_engine(f"sqlite:///{tmp_path}/t.db")
