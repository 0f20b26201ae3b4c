"""Root-cause clusters: the cluster state (latest row current) and each
ticket's complaints with their cluster, cause and text vector.

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
    )
    op.create_index("ix_ticket_complaints_cluster", "ticket_complaints", ["label", "cluster_id"])


def downgrade() -> None:
    op.drop_index("ix_ticket_complaints_cluster", table_name="ticket_complaints")
    op.drop_table("ticket_complaints")
    op.drop_table("cluster_states")
