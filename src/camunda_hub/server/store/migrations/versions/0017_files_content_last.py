"""files content last (SQLite): the table rebuilt with ``content`` as its last column

SQLite stores a row's columns in order and moves what does not fit a page to overflow pages.
With ``content`` seventh of 21, every column after it (the timestamps, the audit names,
``deleted``) sat behind the model: reading them meant reading the model's overflow pages, so a
listing of 10 KB models read ~3 pages per row it showed without ever showing the content
(bench/reads.py). As the last column, the content is read only by what selects it.

PostgreSQL keeps large values out of line (TOAST) whatever their position: nothing to do there.
The rebuild runs with foreign keys off (``store.migrate``), as SQLite requires for dropping a
table that others refer to; the table's indexes are made again as they were.

Revision ID: 0017_files_content_last
Revises: 0016_file_template_usages
Create Date: 2026-12-04 17:40:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017_files_content_last"
down_revision: str | Sequence[str] | None = "0016_file_template_usages"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _refuse_cascades() -> None:
    """With foreign keys on, dropping ``files`` would first delete its rows, and with them,
    by cascade, every version and template usage that refers to a file."""
    bind = op.get_bind()
    if not bind.exec_driver_sql("PRAGMA foreign_keys").scalar():
        return
    tables = [row[0] for row in bind.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    )]  # fmt: skip
    for table in tables:
        refers = any(
            fk[2] == "files" for fk in bind.exec_driver_sql(f'PRAGMA foreign_key_list("{table}")')
        )
        if refers and bind.execute(sa.select(sa.literal(1)).select_from(sa.table(table))).first():
            raise RuntimeError(
                f"migration {revision} rebuilds the files table and must run with foreign keys "
                "off (PRAGMA foreign_keys=OFF before the transaction), as `camunda-hub db "
                "upgrade` and the server's start run it: rows of "
                f"{table!r} would otherwise be deleted"
            )


def _reorder(order: tuple[str, ...]) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    _refuse_cascades()
    with op.batch_alter_table("files", recreate="always", partial_reordering=[order]) as batch:
        del batch  # the reordering is the whole change


# The table's columns as of this revision, in the order 0002 and later migrations left them.
_BEFORE = (
    "key", "organization_id", "project_key", "folder_key", "name", "type", "content",
    "revision", "simple_path", "canonical_path", "created", "created_by_name",
    "created_by_email", "updated", "updated_by_name", "updated_by_email", "deleted",
    "deleted_by_name", "deleted_by_email", "deletion_id", "deletion_root",
)  # fmt: skip
_AFTER = (*(name for name in _BEFORE if name != "content"), "content")


def upgrade() -> None:
    _reorder(_AFTER)


def downgrade() -> None:
    _reorder(_BEFORE)
