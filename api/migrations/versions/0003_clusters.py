"""Root-cause clusters: the cluster state (latest row current) and each
ticket's complaints with their cluster, cause, text vector and the ticket's
facts (created_at, sku, carrier, country, marketplace) for aggregates.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "cluster_states",
        sa.Column("id", BigId, primary_key=True, autoincrement=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("state", sa.JSON, nullable=False),
    )
    op.create_table(
        "ticket_complaints",
        sa.Column("ticket_id", BigId, sa.ForeignKey("tickets.id"), primary_key=True),
        sa.Column("label", sa.String(20), primary_key=True),
        sa.Column("cluster_id", sa.String(64)),
        sa.Column("cause", sa.String(50), nullable=False),
        sa.Column("confidence", sa.Float, nullable=False),
        sa.Column("embedding", sa.LargeBinary, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("sku", sa.String(200)),
        sa.Column("carrier", sa.String(100)),
        sa.Column("country", sa.String(50)),
        sa.Column("marketplace", sa.String(50)),
    )
    # covering: sizes, weekly counts and lift read this index only, never the wide rows (vectors)
    op.create_index("ix_ticket_complaints_cluster", "ticket_complaints",
                    ["label", "cluster_id", "created_at", "sku", "carrier", "country", "marketplace"])


def downgrade() -> None:
    op.drop_index("ix_ticket_complaints_cluster", table_name="ticket_complaints")
    op.drop_table("ticket_complaints")
    op.drop_table("cluster_states")
