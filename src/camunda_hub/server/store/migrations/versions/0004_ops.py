"""ops: token-endpoint rate windows and lockouts shared across processes

Revision ID: 0004_ops
Revises: 0002_hub_core
Create Date: 2026-11-28 13:25:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_ops"
down_revision: str | Sequence[str] | None = "0002_hub_core"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "token_rate_windows",
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("window_index", sa.BigInteger(), nullable=False),
        sa.Column("hits", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_token_rate_windows")),
    )
    op.create_table(
        "token_lockouts",
        sa.Column("client_id", sa.String(length=64), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("client_id", name=op.f("pk_token_lockouts")),
    )


def downgrade() -> None:
    op.drop_table("token_lockouts")
    op.drop_table("token_rate_windows")
