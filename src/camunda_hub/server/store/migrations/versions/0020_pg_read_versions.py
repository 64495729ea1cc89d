"""hub read versions on PostgreSQL: the version rows kept reads follow, as on SQLite

A PostgreSQL server kept a project's or a search's body only while the transaction
snapshot stayed the same, and every commit anywhere moves it: a token usage flush, the audit
log, a webhook delivery, another organization's writes, another server process. With real
traffic that is always. Now the organization's ``hub_read_versions`` row is the version there
too: constraint triggers on ``projects``, ``folders`` and ``files`` give it a new random value
in each transaction that inserts, updates or deletes their rows.

Deferred to the commit, so the row's lock is taken as the transaction ends: writers of one
organization already queue on its event counter row there (``events/record.py``), and a
lock taken at the first changed row would hold them up for the whole transaction. Existing
organizations get their first value here.

Revision ID: 0020_pg_read_versions
Revises: 0019_hub_read_versions
Create Date: 2026-12-06 16:00:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0020_pg_read_versions"
down_revision: str | Sequence[str] | None = "0019_hub_read_versions"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# As schema/read_versions.py's VERSIONED_TABLES at this revision.
_TABLES = ("projects", "folders", "files")
_FUNCTION = "hub_read_version_changed"

# OR REPLACE: a restore with --force drops the tables (and their triggers), not the function.
# random() has 52 random bits: the chance that a restored older database meets a value
# this server saw with other data stays negligible, as SQLite's 64 do.
_CREATE_FUNCTION = """
CREATE OR REPLACE FUNCTION hub_read_version_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'DELETE' THEN
        INSERT INTO hub_read_versions (organization_id, version)
        VALUES (NEW.organization_id, floor(random() * 9223372036854775807)::bigint)
        ON CONFLICT (organization_id) DO UPDATE SET version = excluded.version;
    END IF;
    -- An update moving a row to another organization (none does today) changes both.
    IF TG_OP = 'DELETE'
        OR (TG_OP = 'UPDATE' AND OLD.organization_id IS DISTINCT FROM NEW.organization_id) THEN
        INSERT INTO hub_read_versions (organization_id, version)
        VALUES (OLD.organization_id, floor(random() * 9223372036854775807)::bigint)
        ON CONFLICT (organization_id) DO UPDATE SET version = excluded.version;
    END IF;
    RETURN NULL;
END
$$"""


def _trigger_name(table: str) -> str:
    return f"hub_read_version_{table}"


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(_CREATE_FUNCTION)  # defines _FUNCTION
    for table in _TABLES:
        op.execute(
            f"CREATE CONSTRAINT TRIGGER {_trigger_name(table)}"
            f" AFTER INSERT OR UPDATE OR DELETE ON {table}"
            f" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION {_FUNCTION}()"
        )
    op.execute(
        "INSERT INTO hub_read_versions (organization_id, version)"
        " SELECT id, floor(random() * 9223372036854775807)::bigint FROM organizations"
        " ON CONFLICT (organization_id) DO NOTHING"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in _TABLES:
        op.execute(f"DROP TRIGGER IF EXISTS {_trigger_name(table)} ON {table}")
    op.execute(f"DROP FUNCTION IF EXISTS {_FUNCTION}()")
    # What 0019 left on PostgreSQL: the table, empty.
    op.execute("DELETE FROM hub_read_versions")
