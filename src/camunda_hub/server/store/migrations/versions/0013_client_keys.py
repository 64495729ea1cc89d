"""client keys: public keys for private_key_jwt, the single-use record of client assertions,
access tokens revoked by their clients (RFC 7009), and DPoP-required clients (RFC 9449)

Revision ID: 0013_client_keys
Revises: 0012_events
Create Date: 2026-12-03 12:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013_client_keys"
down_revision: str | Sequence[str] | None = "0012_events"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "api_clients",
        sa.Column("dpop_required", sa.Boolean(), server_default=sa.false(), nullable=False),
    )
    op.create_table(
        "client_keys",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("client_id", sa.String(length=64), nullable=False),
        sa.Column("kid", sa.String(length=255), nullable=False),
        sa.Column("alg", sa.String(length=16), nullable=False),
        sa.Column("public_jwk", sa.JSON(), nullable=False),
        sa.Column("thumbprint", sa.String(length=64), nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=255), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"],
            ["api_clients.client_id"],
            name=op.f("fk_client_keys_client_id_api_clients"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_client_keys")),
        sa.UniqueConstraint("client_id", "kid", name="uq_client_keys_client_kid"),
    )
    op.create_index(op.f("ix_client_keys_client_id"), "client_keys", ["client_id"], unique=False)
    op.create_table(
        "used_client_assertions",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("expires", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_used_client_assertions")),
    )
    op.create_index(
        op.f("ix_used_client_assertions_expires"),
        "used_client_assertions",
        ["expires"],
        unique=False,
    )
    op.create_table(
        "revoked_tokens",
        sa.Column("jti", sa.String(length=64), nullable=False),
        sa.Column("client_id", sa.String(length=64), nullable=False),
        sa.Column("expires", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("jti", name=op.f("pk_revoked_tokens")),
    )
    op.create_index(op.f("ix_revoked_tokens_expires"), "revoked_tokens", ["expires"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_revoked_tokens_expires"), table_name="revoked_tokens")
    op.drop_table("revoked_tokens")
    op.drop_index(op.f("ix_used_client_assertions_expires"), table_name="used_client_assertions")
    op.drop_table("used_client_assertions")
    op.drop_index(op.f("ix_client_keys_client_id"), table_name="client_keys")
    op.drop_table("client_keys")
    with op.batch_alter_table("api_clients") as batch:
        batch.drop_column("dpop_required")
