"""console: organization admins, sessions, setup tokens, sign-in throttling

Revision ID: 0003_console
Revises: 0002_hub_core
Create Date: 2026-11-28 13:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_console"
down_revision: str | Sequence[str] | None = "0002_hub_core"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "console_admins",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("organization_id", sa.String(length=64), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=True),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=255), nullable=False),
        sa.Column("last_sign_in", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_console_admins_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_console_admins")),
        sa.UniqueConstraint("email", name=op.f("uq_console_admins_email")),
    )
    with op.batch_alter_table("console_admins", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_console_admins_organization_id"), ["organization_id"], unique=False
        )

    op.create_table(
        "console_sessions",
        sa.Column("id_hash", sa.String(length=64), nullable=False),
        sa.Column("admin_id", sa.String(length=64), nullable=False),
        sa.Column("csrf_token", sa.String(length=64), nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["admin_id"],
            ["console_admins.id"],
            name=op.f("fk_console_sessions_admin_id_console_admins"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id_hash", name=op.f("pk_console_sessions")),
    )
    with op.batch_alter_table("console_sessions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_console_sessions_admin_id"), ["admin_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_console_sessions_expires"), ["expires"], unique=False)

    op.create_table(
        "console_setup_tokens",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("organization_id", sa.String(length=64), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=True),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=255), nullable=False),
        sa.Column("expires", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_console_setup_tokens_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_console_setup_tokens")),
    )
    with op.batch_alter_table("console_setup_tokens", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_console_setup_tokens_organization_id"),
            ["organization_id"],
            unique=False,
        )

    op.create_table(
        "console_sign_in_throttle",
        sa.Column("key", sa.String(length=400), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_failure", sa.DateTime(timezone=True), nullable=False),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_console_sign_in_throttle")),
    )
    with op.batch_alter_table("console_sign_in_throttle", schema=None) as batch_op:
        batch_op.create_index(
            "ix_console_sign_in_throttle_last_failure", ["last_failure"], unique=False
        )


def downgrade() -> None:
    op.drop_table("console_sign_in_throttle")
    op.drop_table("console_setup_tokens")
    op.drop_table("console_sessions")
    op.drop_table("console_admins")
