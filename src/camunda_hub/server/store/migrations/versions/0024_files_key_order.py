"""files: live rows in key order, of the organization and of a project (partial indexes)

A files search with no sort is in key order. With no filter, SQLite read every live file of the
organization through ix_files_org_name and sorted them all in a temporary b-tree to return the
first page. With a projectKey filter it did the same, and its bounded count fetched every file
of the organization to test its project. At 10,000 files that was 16 to 24 ms for the page (36 ms
for the second page), and 20 ms for the page plus 32 ms for the count. Each of these searches
is made again after every change of the organization's files.

Two partial indexes end with ``key``: ``(organization_id, key)`` and ``(organization_id,
project_key, key)``, over live rows. A page is then the first entries of one range: 0.2 ms for
each, and a project's count in any order is one range as well. Their predicate also says
``key IS NOT NULL``. The key is never NULL, so that selects the
same rows. Only the statements made for these two searches say it (services/hub/file_reads). SQLite
plans without statistics, and with an index in key order it would also walk the organization's
files that way for any other filter. For a folder's files that took 17 ms, where the folder
index and a sort of its few rows take 0.3 ms.

Writes: a create or an undelete writes two more index entries, a move to another project
rewrites one, and a soft delete takes both out.

Revision ID: 0024_files_key_order
Revises: 0023_files_time_order_key
Create Date: 2026-12-06 23:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0024_files_key_order"
down_revision: str | Sequence[str] | None = "0023_files_time_order_key"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_LIVE_KEYED = sa.text('deleted IS NULL AND "key" IS NOT NULL')
_INDEXES = {
    "ix_files_org_key_live": ["organization_id", "key"],
    "ix_files_org_project_live": ["organization_id", "project_key", "key"],
}


def upgrade() -> None:
    for name, columns in _INDEXES.items():
        op.create_index(
            name,
            "files",
            columns,
            unique=False,
            postgresql_where=_LIVE_KEYED,
            sqlite_where=_LIVE_KEYED,
        )


def downgrade() -> None:
    for name in _INDEXES:
        op.drop_index(name, table_name="files")
