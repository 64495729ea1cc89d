"""files: name prefix searches served by an index on PostgreSQL (varchar_pattern_ops)

PostgreSQL uses a btree with the default operator class for ``name LIKE 'abc%'`` only under the
C/POSIX collation; under en_US.UTF-8 (or C.UTF-8) the name is filtered row by row after the
(organization, folder, deleted IS NULL) range, so a prefix search reads the whole folder or the
whole organization. ``varchar_pattern_ops`` compares bytes, which makes the prefix an index
condition under any collation. The two name indexes of ``files`` are rebuilt with it on
PostgreSQL (same names, same columns: the schema's ``postgresql_ops``). Their default operator
class served nothing the pattern one does not: equality and IN work with either, and neither can
serve ORDER BY name, because ``deleted IS NULL`` does not pin the column before it.

SQLite: nothing to do; it renders ``$like`` as GLOB, which already uses these (BINARY) indexes.

Revision ID: 0009_files_name_pattern_ops
Revises: 0008_catalog
Create Date: 2026-11-28 15:40:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0009_files_name_pattern_ops"
down_revision: str | Sequence[str] | None = "0008_catalog"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_INDEXES = {
    "ix_files_org_name": ["organization_id", "deleted", "name"],
    "ix_files_org_folder": ["organization_id", "folder_key", "deleted", "name"],
}


def _rebuild(pattern_ops: bool) -> None:
    if op.get_context().dialect.name != "postgresql":
        return
    # Plain DROP/CREATE inside the migration's transaction (CONCURRENTLY cannot run in one):
    # reads and writes of ``files`` wait for the rebuild (about 0.5 s for 100 000 files).
    ops = {"name": "varchar_pattern_ops"} if pattern_ops else {}
    for name, columns in _INDEXES.items():
        op.drop_index(name, table_name="files")
        op.create_index(name, "files", columns, unique=False, postgresql_ops=ops)


def upgrade() -> None:
    _rebuild(pattern_ops=True)


def downgrade() -> None:
    _rebuild(pattern_ops=False)
