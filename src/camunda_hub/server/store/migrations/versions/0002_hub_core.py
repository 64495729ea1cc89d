"""hub resources: workspaces, members, projects, folders, files, versions, deletions

Revision ID: 0002_hub_core
Revises: 0001_foundation
Create Date: 2026-11-28 13:08:56.970535
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002_hub_core"
down_revision: str | Sequence[str] | None = "0001_foundation"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "deletions",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("organization_id", sa.String(length=64), nullable=False),
        sa.Column("root_kind", sa.String(length=16), nullable=False),
        sa.Column("root_key", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.DateTime(timezone=True), nullable=False),
        sa.Column("deleted_by_name", sa.String(length=255), nullable=True),
        sa.Column("deleted_by_email", sa.String(length=320), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deletions")),
    )
    with op.batch_alter_table("deletions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_deletions_organization_id"), ["organization_id"], unique=False
        )

    op.create_table(
        "workspaces",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("organization_id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("description", sa.String(length=500), nullable=True),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by_name", sa.String(length=255), nullable=True),
        sa.Column("created_by_email", sa.String(length=320), nullable=True),
        sa.Column("updated", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by_name", sa.String(length=255), nullable=True),
        sa.Column("updated_by_email", sa.String(length=320), nullable=True),
        sa.Column("deleted", sa.DateTime(timezone=True), nullable=True),
        sa.Column("deleted_by_name", sa.String(length=255), nullable=True),
        sa.Column("deleted_by_email", sa.String(length=320), nullable=True),
        sa.Column("deletion_id", sa.String(length=64), nullable=True),
        sa.Column("deletion_root", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_workspaces_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_workspaces")),
    )
    with op.batch_alter_table("workspaces", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_workspaces_deletion_id"), ["deletion_id"], unique=False
        )
        batch_op.create_index(
            "ix_workspaces_org_created", ["organization_id", "deleted", "created"], unique=False
        )
        batch_op.create_index(
            "ix_workspaces_org_name", ["organization_id", "deleted", "name"], unique=False
        )

    op.create_table(
        "projects",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("organization_id", sa.String(length=64), nullable=False),
        sa.Column("workspace_key", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by_name", sa.String(length=255), nullable=True),
        sa.Column("created_by_email", sa.String(length=320), nullable=True),
        sa.Column("updated", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by_name", sa.String(length=255), nullable=True),
        sa.Column("updated_by_email", sa.String(length=320), nullable=True),
        sa.Column("deleted", sa.DateTime(timezone=True), nullable=True),
        sa.Column("deleted_by_name", sa.String(length=255), nullable=True),
        sa.Column("deleted_by_email", sa.String(length=320), nullable=True),
        sa.Column("deletion_id", sa.String(length=64), nullable=True),
        sa.Column("deletion_root", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_projects_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_key"],
            ["workspaces.key"],
            name=op.f("fk_projects_workspace_key_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_projects")),
    )
    with op.batch_alter_table("projects", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_projects_deletion_id"), ["deletion_id"], unique=False)
        batch_op.create_index(
            "ix_projects_org_name", ["organization_id", "deleted", "name"], unique=False
        )
        batch_op.create_index("ix_projects_workspace", ["workspace_key", "deleted"], unique=False)

    op.create_table(
        "workspace_members",
        sa.Column("workspace_key", sa.String(length=64), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("organization_id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=True),
        sa.Column("role", sa.String(length=32), nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["workspace_key"],
            ["workspaces.key"],
            name=op.f("fk_workspace_members_workspace_key_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("workspace_key", "email", name=op.f("pk_workspace_members")),
    )
    with op.batch_alter_table("workspace_members", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_workspace_members_organization_id"), ["organization_id"], unique=False
        )

    op.create_table(
        "folders",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("organization_id", sa.String(length=64), nullable=False),
        sa.Column("project_key", sa.String(length=64), nullable=False),
        sa.Column("parent_folder_key", sa.String(length=64), nullable=True),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("path_keys", sa.Text(), nullable=False),
        sa.Column("path_names", sa.Text(), nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by_name", sa.String(length=255), nullable=True),
        sa.Column("created_by_email", sa.String(length=320), nullable=True),
        sa.Column("updated", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by_name", sa.String(length=255), nullable=True),
        sa.Column("updated_by_email", sa.String(length=320), nullable=True),
        sa.Column("deleted", sa.DateTime(timezone=True), nullable=True),
        sa.Column("deleted_by_name", sa.String(length=255), nullable=True),
        sa.Column("deleted_by_email", sa.String(length=320), nullable=True),
        sa.Column("deletion_id", sa.String(length=64), nullable=True),
        sa.Column("deletion_root", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_folders_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["parent_folder_key"],
            ["folders.key"],
            name=op.f("fk_folders_parent_folder_key_folders"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["project_key"],
            ["projects.key"],
            name=op.f("fk_folders_project_key_projects"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_folders")),
    )
    with op.batch_alter_table("folders", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_folders_deletion_id"), ["deletion_id"], unique=False)
        batch_op.create_index(
            "ix_folders_org_deleted", ["organization_id", "deleted"], unique=False
        )
        batch_op.create_index(
            "ix_folders_project_parent",
            ["project_key", "parent_folder_key", "deleted"],
            unique=False,
        )

    op.create_table(
        "files",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("organization_id", sa.String(length=64), nullable=False),
        sa.Column("project_key", sa.String(length=64), nullable=False),
        sa.Column("folder_key", sa.String(length=64), nullable=True),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("type", sa.String(length=32), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("simple_path", sa.Text(), nullable=False),
        sa.Column("canonical_path", sa.Text(), nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by_name", sa.String(length=255), nullable=True),
        sa.Column("created_by_email", sa.String(length=320), nullable=True),
        sa.Column("updated", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by_name", sa.String(length=255), nullable=True),
        sa.Column("updated_by_email", sa.String(length=320), nullable=True),
        sa.Column("deleted", sa.DateTime(timezone=True), nullable=True),
        sa.Column("deleted_by_name", sa.String(length=255), nullable=True),
        sa.Column("deleted_by_email", sa.String(length=320), nullable=True),
        sa.Column("deletion_id", sa.String(length=64), nullable=True),
        sa.Column("deletion_root", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["folder_key"],
            ["folders.key"],
            name=op.f("fk_files_folder_key_folders"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_files_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["project_key"],
            ["projects.key"],
            name=op.f("fk_files_project_key_projects"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_files")),
    )
    with op.batch_alter_table("files", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_files_deletion_id"), ["deletion_id"], unique=False)
        batch_op.create_index(
            "ix_files_org_folder",
            ["organization_id", "folder_key", "deleted", "name"],
            unique=False,
        )
        batch_op.create_index(
            "ix_files_org_name", ["organization_id", "deleted", "name"], unique=False
        )
        batch_op.create_index(
            "ix_files_org_type", ["organization_id", "type", "deleted"], unique=False
        )
        batch_op.create_index(
            "ix_files_org_updated", ["organization_id", "deleted", "updated"], unique=False
        )
        batch_op.create_index(
            "ix_files_project", ["project_key", "folder_key", "deleted"], unique=False
        )

    op.create_table(
        "file_versions",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("organization_id", sa.String(length=64), nullable=False),
        sa.Column("file_key", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("description", sa.String(length=255), nullable=True),
        sa.Column("organization_public", sa.Boolean(), nullable=False),
        sa.Column("linked_to_process_application", sa.Boolean(), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("template_version", sa.BigInteger(), nullable=True),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by_name", sa.String(length=255), nullable=True),
        sa.Column("created_by_email", sa.String(length=320), nullable=True),
        sa.Column("updated", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by_name", sa.String(length=255), nullable=True),
        sa.Column("updated_by_email", sa.String(length=320), nullable=True),
        sa.ForeignKeyConstraint(
            ["file_key"],
            ["files.key"],
            name=op.f("fk_file_versions_file_key_files"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_file_versions_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_file_versions")),
        sa.UniqueConstraint(
            "file_key", "template_version", name="uq_file_versions_template_version"
        ),
    )
    with op.batch_alter_table("file_versions", schema=None) as batch_op:
        batch_op.create_index("ix_file_versions_file", ["file_key", "created"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("file_versions", schema=None) as batch_op:
        batch_op.drop_index("ix_file_versions_file")

    op.drop_table("file_versions")
    with op.batch_alter_table("files", schema=None) as batch_op:
        batch_op.drop_index("ix_files_project")
        batch_op.drop_index("ix_files_org_updated")
        batch_op.drop_index("ix_files_org_type")
        batch_op.drop_index("ix_files_org_name")
        batch_op.drop_index("ix_files_org_folder")
        batch_op.drop_index(batch_op.f("ix_files_deletion_id"))

    op.drop_table("files")
    with op.batch_alter_table("folders", schema=None) as batch_op:
        batch_op.drop_index("ix_folders_project_parent")
        batch_op.drop_index("ix_folders_org_deleted")
        batch_op.drop_index(batch_op.f("ix_folders_deletion_id"))

    op.drop_table("folders")
    with op.batch_alter_table("workspace_members", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_workspace_members_organization_id"))

    op.drop_table("workspace_members")
    with op.batch_alter_table("projects", schema=None) as batch_op:
        batch_op.drop_index("ix_projects_workspace")
        batch_op.drop_index("ix_projects_org_name")
        batch_op.drop_index(batch_op.f("ix_projects_deletion_id"))

    op.drop_table("projects")
    with op.batch_alter_table("workspaces", schema=None) as batch_op:
        batch_op.drop_index("ix_workspaces_org_name")
        batch_op.drop_index("ix_workspaces_org_created")
        batch_op.drop_index(batch_op.f("ix_workspaces_deletion_id"))

    op.drop_table("workspaces")
    with op.batch_alter_table("deletions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_deletions_organization_id"))

    op.drop_table("deletions")
