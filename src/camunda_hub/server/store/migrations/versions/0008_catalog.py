"""element-template catalog: assets, their tags and their versions

Revision ID: 0008_catalog
Revises: 0007_merge_features
Create Date: 2026-11-28 14:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008_catalog"
down_revision: str | Sequence[str] | None = "0007_merge_features"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "catalog_assets",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("organization_id", sa.String(length=64), nullable=False),
        sa.Column("resource_id", sa.String(length=255), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("short_description", sa.Text(), nullable=True),
        sa.Column("category", sa.String(length=255), nullable=True),
        sa.Column("readme", sa.Text(), nullable=False),
        sa.Column("template_file", sa.String(length=255), nullable=False),
        sa.Column("latest_version", sa.BigInteger(), nullable=False),
        sa.Column("deprecated", sa.Boolean(), nullable=False),
        sa.Column("unpublished", sa.Boolean(), nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_catalog_assets_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_catalog_assets")),
        sa.UniqueConstraint(
            "organization_id", "resource_id", name="uq_catalog_assets_org_resource"
        ),
    )
    op.create_index("ix_catalog_assets_org_name", "catalog_assets", ["organization_id", "name"])

    op.create_table(
        "catalog_asset_tags",
        sa.Column("asset_key", sa.String(length=64), nullable=False),
        sa.Column("tag", sa.String(length=255), nullable=False),
        sa.ForeignKeyConstraint(
            ["asset_key"],
            ["catalog_assets.key"],
            name=op.f("fk_catalog_asset_tags_asset_key_catalog_assets"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("asset_key", "tag", name=op.f("pk_catalog_asset_tags")),
    )

    op.create_table(
        "catalog_asset_versions",
        sa.Column("asset_key", sa.String(length=64), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["asset_key"],
            ["catalog_assets.key"],
            name=op.f("fk_catalog_asset_versions_asset_key_catalog_assets"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("asset_key", "version", name=op.f("pk_catalog_asset_versions")),
    )


def downgrade() -> None:
    op.drop_table("catalog_asset_versions")
    op.drop_table("catalog_asset_tags")
    op.drop_index("ix_catalog_assets_org_name", table_name="catalog_assets")
    op.drop_table("catalog_assets")
