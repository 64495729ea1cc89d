"""files: ``ix_files_org_type`` also holds ``key``

A files search of one type with no sort (all the BPMN files, say) is in key order. The index on
``(organization_id, type, deleted)`` found the rows. SQLite then sorted every file of that type
in a temporary b-tree to return the first page, and did so again after every change of the
organization's files. With ``key`` at the end, SQLite reads the live rows of one type in key
order, because it takes ``deleted IS NULL`` as an equality. It replaces the old index, whose
every use it serves. PostgreSQL, which does not take ``IS NULL`` that way, sorts as before.

Revision ID: 0025_files_type_key_order
Revises: 0024_files_key_order
Create Date: 2026-12-06 23:00:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0025_files_type_key_order"
down_revision: str | Sequence[str] | None = "0024_files_key_order"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_OLD = ("organization_id", "type", "deleted")
_NEW = (*_OLD, "key")


def _replace(columns: tuple[str, ...]) -> None:
    op.drop_index("ix_files_org_type", table_name="files")
    op.create_index("ix_files_org_type", "files", list(columns), unique=False)


def upgrade() -> None:
    _replace(_NEW)


def downgrade() -> None:
    _replace(_OLD)
