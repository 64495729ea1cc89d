"""files: live rows in updated / created order (partial indexes, both databases)

A files search sorted on ``updated`` or ``created`` with no narrowing filter (a "recently
changed files" view) sorted every live row of the organization before returning the first page:

- on PostgreSQL ix_files_org_updated ``(organization_id, deleted, updated)`` gives no
  ``updated`` order, because ``deleted IS NULL`` does not pin ``deleted`` for the planner:
  parallel seq scan + top-N sort, ~90 ms and ~8 300 buffers at 100 000 files;
- nothing at all served ``created``, on either database.

Both become partial indexes on live rows, ``(organization_id, updated|created) WHERE deleted IS
NULL``: the predicate stands in for ``deleted``, so a page is the first (or last) entries of
one index range and ``key``, the tiebreaker, an incremental sort of equal times. SQLite uses a
partial index when the query repeats its predicate, which every live-files search does, so the
same index serves both databases and ix_files_org_updated is dropped, not kept beside it.
Recently-deleted searches never sorted or filtered on ``updated``.

Writes: soft deletes now leave these indexes instead of rewriting an entry; inserts and updates
of live rows write one more index entry (created) than before.

Revision ID: 0011_files_live_time_order
Revises: 0010_files_live_name_order
Create Date: 2026-11-28 17:20:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011_files_live_time_order"
down_revision: str | Sequence[str] | None = "0010_files_live_name_order"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_LIVE = sa.text("deleted IS NULL")
_INDEXES = {
    "ix_files_org_updated_live": "updated",
    "ix_files_org_created_live": "created",
}


def upgrade() -> None:
    op.drop_index("ix_files_org_updated", table_name="files")
    for name, column in _INDEXES.items():
        op.create_index(
            name,
            "files",
            ["organization_id", column],
            unique=False,
            postgresql_where=_LIVE,
            sqlite_where=_LIVE,
        )


def downgrade() -> None:
    for name in _INDEXES:
        op.drop_index(name, table_name="files")
    op.create_index(
        "ix_files_org_updated", "files", ["organization_id", "deleted", "updated"], unique=False
    )
