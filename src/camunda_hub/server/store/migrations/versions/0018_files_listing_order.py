"""files listing order: ``ix_files_project`` also holds ``name, key``

A project's root files and a folder's files are listed ``ORDER BY name, key``. The index on
``(project_key, folder_key, deleted)`` found the rows, and the database then sorted them in
a temporary b-tree holding every selected column; with ``name, key`` at the end of the index
the rows come out in order. It replaces the old index, whose every use it serves.

Revision ID: 0018_files_listing_order
Revises: 0017_files_content_last
Create Date: 2026-12-06 08:10:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0018_files_listing_order"
down_revision: str | Sequence[str] | None = "0017_files_content_last"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_OLD = ("project_key", "folder_key", "deleted")
_NEW = (*_OLD, "name", "key")


def _replace(columns: tuple[str, ...]) -> None:
    op.drop_index("ix_files_project", table_name="files")
    op.create_index("ix_files_project", "files", list(columns), unique=False)


def upgrade() -> None:
    _replace(_NEW)


def downgrade() -> None:
    _replace(_OLD)
