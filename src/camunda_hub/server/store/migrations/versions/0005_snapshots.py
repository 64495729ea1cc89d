"""project snapshots: captured files and contents, review requests, reviews

Revision ID: 0005_snapshots
Revises: 0002_hub_core
Create Date: 2026-11-28 14:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_snapshots"
down_revision: str | Sequence[str] | None = "0002_hub_core"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _user(prefix: str) -> list[sa.Column[str]]:
    return [
        sa.Column(f"{prefix}_name", sa.String(length=255), nullable=True),
        sa.Column(f"{prefix}_email", sa.String(length=320), nullable=True),
    ]


def upgrade() -> None:
    op.create_table(
        "project_snapshots",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("organization_id", sa.String(length=64), nullable=False),
        sa.Column("project_key", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("description", sa.String(length=255), nullable=True),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        *_user("created_by"),
        sa.Column("updated", sa.DateTime(timezone=True), nullable=False),
        *_user("updated_by"),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_project_snapshots_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["project_key"],
            ["projects.key"],
            name=op.f("fk_project_snapshots_project_key_projects"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_project_snapshots")),
    )
    op.create_index(
        "ix_project_snapshots_org_name", "project_snapshots", ["organization_id", "name"]
    )
    op.create_index(
        "ix_project_snapshots_project_created", "project_snapshots", ["project_key", "created"]
    )

    op.create_table(
        "snapshot_files",
        sa.Column("snapshot_key", sa.String(length=64), nullable=False),
        sa.Column("file_key", sa.String(length=64), nullable=False),
        sa.Column("organization_id", sa.String(length=64), nullable=False),
        sa.Column("version_key", sa.String(length=64), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("file_type", sa.String(length=32), nullable=False),
        sa.Column("folder_keys", sa.Text(), nullable=True),
        sa.Column("folder_names", sa.Text(), nullable=True),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("version_name", sa.String(length=255), nullable=False),
        sa.Column("version_description", sa.String(length=255), nullable=True),
        sa.Column("version_organization_public", sa.Boolean(), nullable=False),
        sa.Column("version_created", sa.DateTime(timezone=True), nullable=False),
        *_user("version_created_by"),
        sa.ForeignKeyConstraint(
            ["snapshot_key"],
            ["project_snapshots.key"],
            name=op.f("fk_snapshot_files_snapshot_key_project_snapshots"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("snapshot_key", "file_key", name=op.f("pk_snapshot_files")),
    )
    op.create_index(
        op.f("ix_snapshot_files_version_key"), "snapshot_files", ["version_key"], unique=False
    )
    op.create_index("ix_snapshot_files_org_file", "snapshot_files", ["organization_id", "file_key"])
    op.create_index(
        "ix_snapshot_files_org_hash", "snapshot_files", ["organization_id", "content_hash"]
    )

    op.create_table(
        "snapshot_contents",
        sa.Column("organization_id", sa.String(length=64), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_snapshot_contents_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "organization_id", "content_hash", name=op.f("pk_snapshot_contents")
        ),
    )

    op.create_table(
        "review_requests",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("snapshot_key", sa.String(length=64), nullable=False),
        sa.Column("project_key", sa.String(length=64), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        *_user("created_by"),
        sa.ForeignKeyConstraint(
            ["snapshot_key"],
            ["project_snapshots.key"],
            name=op.f("fk_review_requests_snapshot_key_project_snapshots"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_review_requests")),
        sa.UniqueConstraint("snapshot_key", name=op.f("uq_review_requests_snapshot_key")),
    )
    op.create_index("ix_review_requests_project_state", "review_requests", ["project_key", "state"])

    op.create_table(
        "reviews",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("snapshot_key", sa.String(length=64), nullable=False),
        sa.Column("request_key", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        *_user("created_by"),
        sa.ForeignKeyConstraint(
            ["request_key"],
            ["review_requests.key"],
            name=op.f("fk_reviews_request_key_review_requests"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["snapshot_key"],
            ["project_snapshots.key"],
            name=op.f("fk_reviews_snapshot_key_project_snapshots"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_reviews")),
    )
    op.create_index("ix_reviews_snapshot_created", "reviews", ["snapshot_key", "created"])


def downgrade() -> None:
    op.drop_index("ix_reviews_snapshot_created", table_name="reviews")
    op.drop_table("reviews")
    op.drop_index("ix_review_requests_project_state", table_name="review_requests")
    op.drop_table("review_requests")
    op.drop_table("snapshot_contents")
    op.drop_index("ix_snapshot_files_org_hash", table_name="snapshot_files")
    op.drop_index("ix_snapshot_files_org_file", table_name="snapshot_files")
    op.drop_index(op.f("ix_snapshot_files_version_key"), table_name="snapshot_files")
    op.drop_table("snapshot_files")
    op.drop_index("ix_project_snapshots_project_created", table_name="project_snapshots")
    op.drop_index("ix_project_snapshots_org_name", table_name="project_snapshots")
    op.drop_table("project_snapshots")
