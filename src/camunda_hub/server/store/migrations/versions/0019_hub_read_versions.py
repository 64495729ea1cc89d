"""hub read versions: per organization, a version of its projects, folders and files

A SQLite server kept a project's or a search's body only until ``PRAGMA data_version``
moved, and any commit moves it: a token usage flush, a webhook delivery, an organization's
new name. The version row changes only with the rows those bodies show. On SQLite, triggers
give it a new random value in the transaction of each insert, update and delete of them;
random rather than counted, so that a restored older backup cannot reach a value the server
saw before with other data. Existing organizations get their first value here.

PostgreSQL gets the table (a SQLite backup restores into it) but no triggers: there the
transaction snapshot stays the version (``store/direct_reads.py``).

Revision ID: 0019_hub_read_versions
Revises: 0018_files_listing_order
Create Date: 2026-12-06 13:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0019_hub_read_versions"
down_revision: str | Sequence[str] | None = "0018_files_listing_order"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# As schema/read_versions.py's VERSIONED_TABLES at this revision.
_TABLES = ("projects", "folders", "files")
_OPERATIONS = {"insert": ("NEW",), "update": ("NEW", "OLD"), "delete": ("OLD",)}

_NEW_VERSION = """
    INSERT INTO hub_read_versions (organization_id, version)
    SELECT {row}.organization_id, random() WHERE {condition}
    ON CONFLICT (organization_id) DO UPDATE SET version = excluded.version;"""


def _trigger_name(table: str, operation: str) -> str:
    return f"hub_read_version_{table}_{operation}"


def _create_trigger(table: str, operation: str) -> str:
    # An update moving a row to another organization (none does today) changes both.
    body = "".join(
        _NEW_VERSION.format(
            row=row,
            condition="true" if n == 0 else "OLD.organization_id IS NOT NEW.organization_id",
        )
        for n, row in enumerate(_OPERATIONS[operation])
    )
    return (
        f"CREATE TRIGGER {_trigger_name(table, operation)} AFTER {operation.upper()} ON {table}\n"
        f"BEGIN{body}\nEND"
    )


def upgrade() -> None:
    op.create_table(
        "hub_read_versions",
        sa.Column("organization_id", sa.String(length=64), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("organization_id", name=op.f("pk_hub_read_versions")),
    )
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "INSERT INTO hub_read_versions (organization_id, version) "
            "SELECT id, random() FROM organizations"
        )
        for table in _TABLES:
            for operation in _OPERATIONS:
                op.execute(_create_trigger(table, operation))


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for table in _TABLES:
            for operation in _OPERATIONS:
                op.execute(f"DROP TRIGGER IF EXISTS {_trigger_name(table, operation)}")
    op.drop_table("hub_read_versions")
