"""runtime registry: cluster registrations and the environments assigned to workspaces

Revision ID: 0006_clusters
Revises: 0002_hub_core
Create Date: 2026-11-28 14:10:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_clusters"
down_revision: str | Sequence[str] | None = "0002_hub_core"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "cluster_registrations",
        sa.Column("organization_id", sa.String(length=64), nullable=False),
        sa.Column("cluster_id", sa.String(length=255), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("version", sa.String(length=255), nullable=False),
        sa.Column("license_valid", sa.Boolean(), nullable=False),
        sa.Column("license_type", sa.String(length=255), nullable=False),
        sa.Column("license_commercial", sa.Boolean(), nullable=True),
        sa.Column("license_expires", sa.DateTime(timezone=True), nullable=True),
        sa.Column("profiles", sa.JSON(), nullable=False),
        sa.Column("properties", sa.JSON(), nullable=False),
        sa.Column("registered", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated", sa.DateTime(timezone=True), nullable=False),
        sa.Column("removed", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_cluster_registrations_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "organization_id", "cluster_id", name=op.f("pk_cluster_registrations")
        ),
    )
    with op.batch_alter_table("cluster_registrations", schema=None) as batch_op:
        batch_op.create_index(
            "ix_cluster_registrations_org_name", ["organization_id", "name"], unique=False
        )

    op.create_table(
        "workspace_environments",
        sa.Column("workspace_key", sa.String(length=64), nullable=False),
        sa.Column("environment_id", sa.String(length=255), nullable=False),
        sa.Column("organization_id", sa.String(length=64), nullable=False),
        sa.Column("assigned", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["organization_id", "environment_id"],
            ["cluster_registrations.organization_id", "cluster_registrations.cluster_id"],
            name=op.f("fk_workspace_environments_organization_id_cluster_registrations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_key"],
            ["workspaces.key"],
            name=op.f("fk_workspace_environments_workspace_key_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "workspace_key", "environment_id", name=op.f("pk_workspace_environments")
        ),
    )
    with op.batch_alter_table("workspace_environments", schema=None) as batch_op:
        batch_op.create_index(
            "ix_workspace_environments_environment",
            ["organization_id", "environment_id"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("workspace_environments", schema=None) as batch_op:
        batch_op.drop_index("ix_workspace_environments_environment")
    op.drop_table("workspace_environments")
    with op.batch_alter_table("cluster_registrations", schema=None) as batch_op:
        batch_op.drop_index("ix_cluster_registrations_org_name")
    op.drop_table("cluster_registrations")
