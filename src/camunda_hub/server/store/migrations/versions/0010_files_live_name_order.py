"""files: live rows in name order on PostgreSQL (partial indexes)

On PostgreSQL a files search sorted by name read every live row of the organization (parallel
seq scan + top-N sort, 60-90 ms and ~7 800 buffers at 100 000 files) or of the folder (~5 ms for a
1 000-file folder) before returning the first page: ``deleted IS NULL`` does not pin ``deleted``,
so ix_files_org_name / ix_files_org_folder give no name order, and their ``name`` is in
varchar_pattern_ops (byte order) anyway, not the collation's order ORDER BY uses.

Two partial indexes on live rows, ``(organization_id[, folder_key], name, name
varchar_pattern_ops) WHERE deleted IS NULL``: the predicate stands in for ``deleted``, so
``name`` follows the organization or folder directly and a name-sorted page is the first 100
entries of one range (~100 buffers; ``key``, the tiebreaker, is an incremental sort of equal
names). The second ``name``, in varchar_pattern_ops, checks a ``$like`` prefix on the index
entry while walking in name order: with ``name`` alone PostgreSQL picks that walk for a broad
prefix sorted by name (it assumes the matches are spread evenly in name order) and reads up to
~93 000 buffers at 100 000 files, fetching every non-matching row from the table, where the
bitmap over ix_files_org_name reads ~4 400; with the pattern copy the walk reads at most ~1 500.
ix_files_org_name and ix_files_org_folder stay: their tight prefix ranges still serve a narrow
prefix (and the folder + prefix search 0009 fixed) best, and deleted rows.

Writes: one more index entry per index for every insert and update of a live row (~+20% WAL for
those), none for soft deletes (the row leaves the partial indexes).

SQLite: its planner treats ``deleted IS NULL`` as an equality, so ix_files_org_name /
ix_files_org_folder already return live rows in name order there, and these indexes would
never be chosen, only written. The models must still match the migrations on both databases, so
SQLite gets them as empty partial indexes (WHERE 0).

Plain CREATE INDEX inside the migration's transaction (CONCURRENTLY cannot run in one): writes
to ``files`` wait while they are built (about a second for 100 000 files).

Revision ID: 0010_files_live_name_order
Revises: 0009_files_name_pattern_ops
Create Date: 2026-11-28 16:20:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010_files_live_name_order"
down_revision: str | Sequence[str] | None = "0009_files_name_pattern_ops"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_INDEXES = {
    "ix_files_org_name_live": ["organization_id"],
    "ix_files_org_folder_live": ["organization_id", "folder_key"],
}


def upgrade() -> None:
    for name, scope in _INDEXES.items():
        op.create_index(
            name,
            "files",
            [*scope, "name", sa.column("name").label("name_pattern")],
            unique=False,
            postgresql_ops={"name_pattern": "varchar_pattern_ops"},
            postgresql_where=sa.text("deleted IS NULL"),
            sqlite_where=sa.false(),
        )


def downgrade() -> None:
    for name in _INDEXES:
        op.drop_index(name, table_name="files")
