"""hub live file counts: an organization's number of live files beside its read version

A search of all the organization's files with a full page counted its matches, up to 10,000
index entries, and made that count again after every change of the organization's data: on
SQLite, with the page cache another connection's commit empties, ≈ 1 ms at 10,000 files. The
same triggers that give the row a new version now keep ``live_files`` too, in the same
statement, so the count is one row read.

``live_files`` NULL means not known (a row the file triggers had to make, the organization
having none): the search counts, as before. A new organization starts at 0, from a trigger on
``organizations``; existing ones (with a row or without) are counted here.

Revision ID: 0022_live_file_counts
Revises: 0021_project_read_versions
Create Date: 2026-12-06 19:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0022_live_file_counts"
down_revision: str | Sequence[str] | None = "0021_project_read_versions"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ORGANIZATION_TRIGGER = "hub_read_version_organizations"

# SQLite: 0021's triggers on files, with each organization upsert also moving the count
# (``{count}``: 0021 itself without it). In ON CONFLICT's SET, ``live_files`` is the stored
# row's, and NULL stays NULL.
_SQLITE_FILES = {
    "insert": (
        """
CREATE TRIGGER hub_read_version_files_insert AFTER INSERT ON files
BEGIN
    INSERT INTO hub_read_versions (organization_id, version)
    SELECT NEW.organization_id, random() WHERE true
    ON CONFLICT (organization_id) DO UPDATE SET version = excluded.version{count};
    INSERT INTO hub_project_read_versions (project_key, version)
    SELECT NEW.project_key, random() WHERE true
    ON CONFLICT (project_key) DO UPDATE SET version = excluded.version;
END""",
        (",\n        live_files = live_files + (NEW.deleted IS NULL)",),
    ),
    "update": (
        """
CREATE TRIGGER hub_read_version_files_update AFTER UPDATE ON files
BEGIN
    INSERT INTO hub_read_versions (organization_id, version)
    SELECT NEW.organization_id, random() WHERE true
    ON CONFLICT (organization_id) DO UPDATE SET version = excluded.version{count};
    INSERT INTO hub_read_versions (organization_id, version)
    SELECT OLD.organization_id, random() WHERE OLD.organization_id IS NOT NEW.organization_id
    ON CONFLICT (organization_id) DO UPDATE SET version = excluded.version{count};
    INSERT INTO hub_project_read_versions (project_key, version)
    SELECT NEW.project_key, random() WHERE true
    ON CONFLICT (project_key) DO UPDATE SET version = excluded.version;
    INSERT INTO hub_project_read_versions (project_key, version)
    SELECT OLD.project_key, random() WHERE OLD.project_key IS NOT NEW.project_key
    ON CONFLICT (project_key) DO UPDATE SET version = excluded.version;
END""",
        (
            ",\n        live_files = live_files + (NEW.deleted IS NULL) - CASE"
            "\n            WHEN OLD.organization_id IS NEW.organization_id"
            " THEN (OLD.deleted IS NULL) ELSE 0 END",
            ",\n        live_files = live_files - (OLD.deleted IS NULL)",
        ),
    ),
    "delete": (
        """
CREATE TRIGGER hub_read_version_files_delete AFTER DELETE ON files
BEGIN
    INSERT INTO hub_read_versions (organization_id, version)
    SELECT OLD.organization_id, random() WHERE true
    ON CONFLICT (organization_id) DO UPDATE SET version = excluded.version{count};
    INSERT INTO hub_project_read_versions (project_key, version)
    SELECT OLD.project_key, random() WHERE true
    ON CONFLICT (project_key) DO UPDATE SET version = excluded.version;
END""",
        (",\n        live_files = live_files - (OLD.deleted IS NULL)",),
    ),
}


def _sqlite_files_trigger(operation: str, *, counted: bool) -> str:
    template, counts = _SQLITE_FILES[operation]
    parts = template.split("{count}")
    filled = counts if counted else ("",) * len(counts)
    return parts[0] + "".join(count + rest for count, rest in zip(filled, parts[1:], strict=True))


_SQLITE_ORGANIZATIONS = """
CREATE TRIGGER hub_read_version_organizations AFTER INSERT ON organizations
BEGIN
    INSERT INTO hub_read_versions (organization_id, version, live_files)
    VALUES (NEW.id, random(), 0)
    ON CONFLICT (organization_id) DO NOTHING;
END"""

# PostgreSQL: 0021's function with the count moved in the same upserts. A file row event
# (deferred to the commit, each with the row as that statement left it) adds its liveness
# after and takes away its liveness before.
_POSTGRESQL_FUNCTION = """
CREATE OR REPLACE FUNCTION hub_read_version_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    new_project text;
    old_project text;
    new_live integer := 0;
    old_live integer := 0;
    moved boolean := TG_OP <> 'UPDATE';
BEGIN
    IF TG_TABLE_NAME = 'files' THEN
        IF TG_OP <> 'DELETE' AND NEW.deleted IS NULL THEN
            new_live := 1;
        END IF;
        IF TG_OP <> 'INSERT' AND OLD.deleted IS NULL THEN
            old_live := 1;
        END IF;
    END IF;
    IF TG_OP = 'UPDATE' THEN
        moved := OLD.organization_id IS DISTINCT FROM NEW.organization_id;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        IF TG_TABLE_NAME = 'projects' THEN
            new_project := NEW.key;
        ELSE
            new_project := NEW.project_key;
        END IF;
        INSERT INTO hub_read_versions (organization_id, version)
        VALUES (NEW.organization_id, floor(random() * 9223372036854775807)::bigint)
        ON CONFLICT (organization_id) DO UPDATE SET version = excluded.version,
            live_files = hub_read_versions.live_files + new_live
                - CASE WHEN moved THEN 0 ELSE old_live END;
        INSERT INTO hub_project_read_versions (project_key, version)
        VALUES (new_project, floor(random() * 9223372036854775807)::bigint)
        ON CONFLICT (project_key) DO UPDATE SET version = excluded.version;
    END IF;
    IF TG_OP <> 'INSERT' THEN
        IF TG_TABLE_NAME = 'projects' THEN
            old_project := OLD.key;
        ELSE
            old_project := OLD.project_key;
        END IF;
        IF moved THEN
            INSERT INTO hub_read_versions (organization_id, version)
            VALUES (OLD.organization_id, floor(random() * 9223372036854775807)::bigint)
            ON CONFLICT (organization_id) DO UPDATE SET version = excluded.version,
                live_files = hub_read_versions.live_files - old_live;
        END IF;
        IF TG_OP = 'DELETE' OR old_project IS DISTINCT FROM new_project THEN
            INSERT INTO hub_project_read_versions (project_key, version)
            VALUES (old_project, floor(random() * 9223372036854775807)::bigint)
            ON CONFLICT (project_key) DO UPDATE SET version = excluded.version;
        END IF;
    END IF;
    RETURN NULL;
END
$$"""

# 0021's, to go back to.
_POSTGRESQL_FUNCTION_0021 = """
CREATE OR REPLACE FUNCTION hub_read_version_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    new_project text;
    old_project text;
BEGIN
    IF TG_OP <> 'DELETE' THEN
        IF TG_TABLE_NAME = 'projects' THEN
            new_project := NEW.key;
        ELSE
            new_project := NEW.project_key;
        END IF;
        INSERT INTO hub_read_versions (organization_id, version)
        VALUES (NEW.organization_id, floor(random() * 9223372036854775807)::bigint)
        ON CONFLICT (organization_id) DO UPDATE SET version = excluded.version;
        INSERT INTO hub_project_read_versions (project_key, version)
        VALUES (new_project, floor(random() * 9223372036854775807)::bigint)
        ON CONFLICT (project_key) DO UPDATE SET version = excluded.version;
    END IF;
    IF TG_OP <> 'INSERT' THEN
        IF TG_TABLE_NAME = 'projects' THEN
            old_project := OLD.key;
        ELSE
            old_project := OLD.project_key;
        END IF;
        IF TG_OP = 'DELETE' OR OLD.organization_id IS DISTINCT FROM NEW.organization_id THEN
            INSERT INTO hub_read_versions (organization_id, version)
            VALUES (OLD.organization_id, floor(random() * 9223372036854775807)::bigint)
            ON CONFLICT (organization_id) DO UPDATE SET version = excluded.version;
        END IF;
        IF TG_OP = 'DELETE' OR old_project IS DISTINCT FROM new_project THEN
            INSERT INTO hub_project_read_versions (project_key, version)
            VALUES (old_project, floor(random() * 9223372036854775807)::bigint)
            ON CONFLICT (project_key) DO UPDATE SET version = excluded.version;
        END IF;
    END IF;
    RETURN NULL;
END
$$"""

_POSTGRESQL_ORGANIZATION_FUNCTION = """
CREATE OR REPLACE FUNCTION hub_read_version_organization_added() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO hub_read_versions (organization_id, version, live_files)
    VALUES (NEW.id, floor(random() * 9223372036854775807)::bigint, 0)
    ON CONFLICT (organization_id) DO NOTHING;
    RETURN NULL;
END
$$"""

# Organizations without a row (none, unless a restore brought a backup without them).
_MISSING_ROWS = {
    "sqlite": (
        "INSERT INTO hub_read_versions (organization_id, version) SELECT id, random()"
        " FROM organizations WHERE id NOT IN (SELECT organization_id FROM hub_read_versions)"
    ),
    "postgresql": (
        "INSERT INTO hub_read_versions (organization_id, version)"
        " SELECT id, floor(random() * 9223372036854775807)::bigint"
        " FROM organizations WHERE id NOT IN (SELECT organization_id FROM hub_read_versions)"
    ),
}


def upgrade() -> None:
    op.add_column("hub_read_versions", sa.Column("live_files", sa.BigInteger(), nullable=True))
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for operation in _SQLITE_FILES:
            op.execute(f"DROP TRIGGER IF EXISTS hub_read_version_files_{operation}")
            op.execute(_sqlite_files_trigger(operation, counted=True))
        op.execute(_SQLITE_ORGANIZATIONS)
    elif dialect == "postgresql":
        op.execute(_POSTGRESQL_FUNCTION)
        op.execute(_POSTGRESQL_ORGANIZATION_FUNCTION)
        op.execute(
            f"CREATE TRIGGER {_ORGANIZATION_TRIGGER} AFTER INSERT ON organizations"
            " FOR EACH ROW EXECUTE FUNCTION hub_read_version_organization_added()"
        )
    else:
        return
    op.execute(_MISSING_ROWS[dialect])
    op.execute(
        "UPDATE hub_read_versions SET live_files = (SELECT count(*) FROM files"
        " WHERE files.organization_id = hub_read_versions.organization_id"
        " AND files.deleted IS NULL)"
    )


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute(f"DROP TRIGGER IF EXISTS {_ORGANIZATION_TRIGGER}")
        for operation in _SQLITE_FILES:
            op.execute(f"DROP TRIGGER IF EXISTS hub_read_version_files_{operation}")
            op.execute(_sqlite_files_trigger(operation, counted=False))
    elif dialect == "postgresql":
        op.execute(f"DROP TRIGGER IF EXISTS {_ORGANIZATION_TRIGGER} ON organizations")
        op.execute("DROP FUNCTION IF EXISTS hub_read_version_organization_added()")
        op.execute(_POSTGRESQL_FUNCTION_0021)
    # Not a batch rebuild: SQLite refuses to rename a table in place of one its other triggers
    # name. SQLite drops a column itself since 3.35.
    op.execute("ALTER TABLE hub_read_versions DROP COLUMN live_files")
