"""API keys with roles. A key is shown once when created and stored only as
a SHA-256 hash (keys are 256-bit random, so a fast hash is enough); the admin
key given in $TRIAGE_ADMIN_KEY at start-up is accepted as well."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from .db import api_keys

ROLES = ("agent", "analyst", "admin")
KEY_PREFIX = "trk_"
CACHE_SECONDS = 30.0  # a revoked key stops working within this time


@dataclass(frozen=True)
class Principal:
    """Who is calling: `name` identifies the key (its public prefix)."""

    name: str
    role: str
    team: str | None = None

    @property
    def sees_all_teams(self) -> bool:
        return self.role in ("admin", "analyst") or self.team is None


class KeyCreationError(ValueError):
    """A key cannot be created as asked (unknown role, agent without team)."""


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def _utcnow():  # type: ignore[no-untyped-def]
    from datetime import datetime, timezone

    return datetime.now(timezone.utc).replace(tzinfo=None)


def create_key(engine: Engine, role: str, team: str | None = None, name: str | None = None) -> str:
    """Store a new key and return it (the only time it is visible)."""
    if role not in ROLES:
        raise KeyCreationError(f"unknown role {role!r}; choose among {', '.join(ROLES)}")
    if role == "agent" and not team:
        raise KeyCreationError("an agent key needs a team (--team), since agents see only their team's tickets")
    prefix = secrets.token_hex(4)
    key = f"{KEY_PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
    with engine.begin() as conn:
        conn.execute(api_keys.insert().values(prefix=prefix, key_hash=_hash(key), role=role, team=team,
                                              name=name, created_at=_utcnow()))
    return key


class KeyStore:
    """Checks bearer keys against the database, with a short in-memory cache."""

    def __init__(self, engine: Engine, admin_key: str | None = None) -> None:
        self.engine = engine
        self.admin_hash = _hash(admin_key) if admin_key else None
        self._cache: dict[str, tuple[float, Principal | None]] = {}
        self._lock = threading.Lock()

    def cached(self, key: str) -> tuple[bool, Principal | None]:
        """(True, the key's principal or None) when known without the database, else (False, None)."""
        return self._cached(_hash(key))

    def _cached(self, digest: str) -> tuple[bool, Principal | None]:
        if self.admin_hash and hmac.compare_digest(digest, self.admin_hash):
            return True, Principal("admin-key", "admin")
        with self._lock:
            hit = self._cache.get(digest)
        if hit and time.monotonic() - hit[0] < CACHE_SECONDS:
            return True, hit[1]
        return False, None

    def authenticate(self, key: str) -> Principal | None:
        digest = _hash(key)
        known, principal = self._cached(digest)
        if known:
            return principal
        now = time.monotonic()
        principal = self._lookup(key, digest)
        with self._lock:
            if len(self._cache) > 10_000:
                self._cache.clear()
            self._cache[digest] = (now, principal)
        return principal

    def _lookup(self, key: str, digest: str) -> Principal | None:
        if not key.startswith(KEY_PREFIX) or key.count("_") < 2:
            return None
        prefix = key[len(KEY_PREFIX):].split("_", 1)[0]
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(api_keys).where(api_keys.c.prefix == prefix)).mappings().first()
        if row is None or row["revoked_at"] is not None or not hmac.compare_digest(row["key_hash"], digest):
            return None
        return Principal(f"key:{prefix}", row["role"], row["team"])

    def has_admin(self) -> bool:
        if self.admin_hash:
            return True
        with self.engine.connect() as conn:
            query = sa.select(sa.func.count()).select_from(api_keys).where(
                api_keys.c.role == "admin", api_keys.c.revoked_at.is_(None))
            return bool(conn.execute(query).scalar())
