"""Initial schema: tickets, feedback, api_keys, idempotency_keys.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "tickets",
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
        sa.Column("labels", sa.String(100), nullable=False),
        sa.Column("model_labels", sa.String(100), nullable=False),
        sa.Column("scores", sa.JSON, nullable=False),
        sa.Column("evidence", sa.JSON, nullable=False),
        sa.Column("signals", sa.JSON, nullable=False),
        sa.Column("text_grade", sa.JSON),
        sa.Column("needs_review", sa.Boolean, nullable=False),
        sa.Column("truncated", sa.Boolean, nullable=False),
        sa.Column("team", sa.String(100), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("assignee", sa.String(200)),
        sa.Column("earlier_contacts", sa.Integer, nullable=False),
        sa.Column("urgency_score", sa.Float, nullable=False),
        sa.Column("urgency_grade", sa.Integer, nullable=False),
        sa.Column("next_change_at", sa.DateTime),
        sa.Column("cluster_id", sa.String(64)),
    )
    op.create_index("ix_tickets_queue", "tickets", ["status", "urgency_score", "id"])
    op.create_index("ix_tickets_team_queue", "tickets", ["team", "status", "urgency_score", "id"])
    op.create_index("ix_tickets_next_change", "tickets", ["next_change_at"])
    op.create_index("ix_tickets_customer_order", "tickets", ["customer_id", "order_id"])
    op.create_table(
        "feedback",
        sa.Column("id", BigId, primary_key=True, autoincrement=True),
        sa.Column("ticket_id", BigId, sa.ForeignKey("tickets.id"), nullable=False),
        sa.Column("labels_before", sa.JSON, nullable=False),
        sa.Column("labels_after", sa.JSON, nullable=False),
        sa.Column("author", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_feedback_ticket_id", "feedback", ["ticket_id"])
    op.create_table(
        "api_keys",
        sa.Column("id", BigId, primary_key=True, autoincrement=True),
        sa.Column("prefix", sa.String(16), nullable=False, unique=True),
        sa.Column("key_hash", sa.String(64), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("team", sa.String(100)),
        sa.Column("name", sa.String(200)),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("revoked_at", sa.DateTime),
    )
    op.create_table(
        "idempotency_keys",
        sa.Column("principal", sa.String(64), primary_key=True),
        sa.Column("key", sa.String(200), primary_key=True),
        sa.Column("request_hash", sa.String(64), nullable=False),
        sa.Column("status_code", sa.Integer, nullable=False),
        sa.Column("body", sa.JSON, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("idempotency_keys")
    op.drop_table("api_keys")
    op.drop_table("feedback")
    op.drop_table("tickets")
