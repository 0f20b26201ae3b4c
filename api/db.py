"""The service's database: tables (SQLAlchemy Core), engines for SQLite and
PostgreSQL, and migrations to the newest schema (Alembic, api/migrations)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Engine

DEFAULT_SQLITE = Path("var") / "triage.db"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"

metadata = sa.MetaData()
BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")  # SQLite autoincrements INTEGER keys only

tickets = sa.Table(
    "tickets", metadata,
    sa.Column("id", BigId, primary_key=True, autoincrement=True),
    sa.Column("external_id", sa.String(200), nullable=False, unique=True),
    sa.Column("content_hash", sa.String(64), nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("subject", sa.Text),
    sa.Column("channel", sa.String(20), nullable=False),
    sa.Column("marketplace", sa.String(50)),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("received_at", sa.DateTime, nullable=False),
    sa.Column("updated_at", sa.DateTime, nullable=False),
    sa.Column("customer_id", sa.String(200)),
    sa.Column("customer_tier", sa.String(50)),
    sa.Column("order_id", sa.String(200)),
    sa.Column("order_value", sa.Float),
    sa.Column("order_currency", sa.String(3)),
    sa.Column("ordered_at", sa.DateTime),
    sa.Column("promised_by", sa.DateTime),
    sa.Column("delivered_at", sa.DateTime),
    sa.Column("carrier", sa.String(100)),
    sa.Column("country", sa.String(50)),
    sa.Column("sku", sa.String(200)),
    sa.Column("language", sa.String(8), nullable=False),
    sa.Column("labels", sa.String(100), nullable=False),  # "|damage|late_delivery|", searchable with LIKE
    sa.Column("model_labels", sa.String(100), nullable=False),
    sa.Column("scores", sa.JSON, nullable=False),
    sa.Column("evidence", sa.JSON, nullable=False),
    sa.Column("signals", sa.JSON, nullable=False),
    sa.Column("text_grade", sa.JSON),  # [P(grade>=1), P(>=2), P(>=3)] or null
    sa.Column("needs_review", sa.Boolean, nullable=False),
    sa.Column("truncated", sa.Boolean, nullable=False),
    sa.Column("team", sa.String(100), nullable=False),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("assignee", sa.String(200)),
    sa.Column("earlier_contacts", sa.Integer, nullable=False),
    sa.Column("urgency_score", sa.Float, nullable=False),
    sa.Column("urgency_grade", sa.Integer, nullable=False),
    sa.Column("next_change_at", sa.DateTime),  # when the urgency must be recomputed
    sa.Column("cluster_id", sa.String(64)),
    sa.Index("ix_tickets_queue", "status", "urgency_score", "id"),
    sa.Index("ix_tickets_team_queue", "team", "status", "urgency_score", "id"),
    sa.Index("ix_tickets_next_change", "next_change_at"),
    sa.Index("ix_tickets_customer_order", "customer_id", "order_id"),
    sa.Index("ix_tickets_created", "created_at"),
)

feedback = sa.Table(
    "feedback", metadata,
    sa.Column("id", BigId, primary_key=True, autoincrement=True),
    sa.Column("ticket_id", BigId, sa.ForeignKey("tickets.id"), nullable=False, index=True),
    sa.Column("labels_before", sa.JSON, nullable=False),
    sa.Column("labels_after", sa.JSON, nullable=False),
    sa.Column("author", sa.String(200), nullable=False),
    sa.Column("created_at", sa.DateTime, nullable=False),
)

api_keys = sa.Table(
    "api_keys", metadata,
    sa.Column("id", BigId, primary_key=True, autoincrement=True),
    sa.Column("prefix", sa.String(16), nullable=False, unique=True),
    sa.Column("key_hash", sa.String(64), nullable=False),
    sa.Column("role", sa.String(20), nullable=False),
    sa.Column("team", sa.String(100)),
    sa.Column("name", sa.String(200)),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("revoked_at", sa.DateTime),
)

idempotency_keys = sa.Table(
    "idempotency_keys", metadata,
    sa.Column("principal", sa.String(64), primary_key=True),
    sa.Column("key", sa.String(200), primary_key=True),
    sa.Column("request_hash", sa.String(64), nullable=False),
    sa.Column("status_code", sa.Integer, nullable=False),
    sa.Column("body", sa.JSON, nullable=False),
    sa.Column("created_at", sa.DateTime, nullable=False),
)


cluster_states = sa.Table(
    "cluster_states", metadata,  # the root-cause clusters; the latest row is current
    sa.Column("id", BigId, primary_key=True, autoincrement=True),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("state", sa.JSON, nullable=False),  # ClusterState.to_dict(), outlier pool left out
)

ticket_complaints = sa.Table(
    "ticket_complaints", metadata,  # one row per (ticket, complaint label the model gave it)
    sa.Column("ticket_id", BigId, sa.ForeignKey("tickets.id"), primary_key=True),
    sa.Column("label", sa.String(20), primary_key=True),
    sa.Column("cluster_id", sa.String(64)),  # null: in the outlier pool (or before the first fit)
    sa.Column("cause", sa.String(50), nullable=False),
    sa.Column("confidence", sa.Float, nullable=False),
    sa.Column("embedding", sa.LargeBinary, nullable=False),  # float32 bytes of the text vector, for refits
    # the ticket's facts, copied (they never change): weekly counts and lift without a join
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("sku", sa.String(200)),
    sa.Column("carrier", sa.String(100)),
    sa.Column("country", sa.String(50)),
    sa.Column("marketplace", sa.String(50)),
    # covering: sizes, weekly counts and lift read this index only, never the wide rows (vectors)
    sa.Index("ix_ticket_complaints_cluster", "label", "cluster_id", "created_at", "sku", "carrier", "country",
             "marketplace"),
)


# Words of subjects that only point at an order or a thread ("Re: Order #123",
# "订单 123456", "Question about my order"): such a subject says nothing of what
# happened, yet as a clause of its own it moved the classifier (it pushed
# "Order 123" texts to wrong_item and diluted short texts: "商品收到了，屏幕碎了"
# lost its damage label under every such subject).
_REFERENCE_WORDS = frozenset("""
re fw fwd aw wg tr rv sv vs order orders ordered ticket case inquiry enquiry question questions query about
regarding my your our the a an for of on no nr number id ref reference request help please
订单 订单号 单号 我的 关于 问题 咨询 回复 转发 pedido pedidos mi su sobre consulta número encomenda meu
commande ma votre numéro n° bestellung meine ihre bestellnummer anfrage ordine mio numero заказ мой
номер 注文 ご注文 주문 문의 sipariş siparişim zamówienie numer bestelling طلب رقم
""".split())
_REFERENCE_TOKEN = re.compile(r"[#№:：()\[\]\-_/.,]+|\w*\d[\w-]*", re.UNICODE)


def model_subject(subject: str | None) -> str | None:
    """The subject as the model reads it: None when it only refers to an order
    or a thread (reply prefixes, the words of `_REFERENCE_WORDS`, numbers)."""
    if not subject:
        return None
    words = _REFERENCE_TOKEN.sub(" ", subject.lower()).split()
    return subject if any(w not in _REFERENCE_WORDS for w in words) else None


def analysed_text(text: str, subject: str | None) -> str:
    """A ticket's subject and text as one string, as the model reads them (and
    read them at ingest); a subject that only refers to an order is left out."""
    subject = model_subject(subject)
    return f"{subject}\n{text}" if subject else text


def database_url(url: str | None = None) -> str:
    """The URL to use: the argument, else $TRIAGE_DATABASE_URL, else a SQLite
    file var/triage.db under the working directory. postgresql:// URLs use psycopg 3."""
    url = url or os.environ.get("TRIAGE_DATABASE_URL") or f"sqlite:///{DEFAULT_SQLITE}"
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def sqlite_sync() -> str:
    """SQLite's `synchronous` level from $TRIAGE_SQLITE_SYNC: `normal` (default: with
    WAL, an answered commit survives a crash or kill of the service, and the file
    stays consistent after a power cut, which may lose the last commits) or `full`
    (every commit waits for the disk's fsync: also survives a power cut, slower)."""
    value = (os.environ.get("TRIAGE_SQLITE_SYNC") or "normal").strip().lower()
    if value not in ("normal", "full"):
        raise ValueError(f"TRIAGE_SQLITE_SYNC must be 'normal' or 'full', not {value!r}")
    return value.upper()


def make_engine(url: str | None = None) -> Engine:
    url = database_url(url)
    if url.startswith("sqlite"):
        sync = sqlite_sync()
        path = sa.engine.make_url(url).database
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = sa.create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @sa.event.listens_for(engine, "connect")
        def _pragmas(connection, _record):  # type: ignore[no-untyped-def]
            cursor = connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute(f"PRAGMA synchronous={sync}")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

        return engine
    return sa.create_engine(url, pool_size=10, max_overflow=20, pool_pre_ping=True)


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest Alembic revision (creates it on an empty database)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
