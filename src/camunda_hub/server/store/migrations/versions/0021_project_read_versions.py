"""hub project read versions: a project's body is kept while the project's own rows stay

A project's body (the project, its root folders and files) was kept under its
organization's version, so a write anywhere in the organization made it again: a pipeline
polling one project while others push to the rest always read it afresh. Now each project has
its own version, changed by the same triggers with its rows (a file moving between projects
changes both); searches still follow the organization's. Existing projects get their first
value here.

Rows of permanently deleted projects stay (a key is never used again; each row is a few
bytes): deleting them as their project goes would race the cascade's own triggers.

Revision ID: 0021_project_read_versions
Revises: 0020_pg_read_versions
Create Date: 2026-12-06 17:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0021_project_read_versions"
down_revision: str | Sequence[str] | None = "0020_pg_read_versions"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# As schema/read_versions.py's VERSIONED_TABLES at this revision, with each one's column
# naming the project its row belongs to.
_PROJECT_OF = {"projects": "key", "folders": "project_key", "files": "project_key"}
_OPERATIONS = {"insert": ("NEW",), "update": ("NEW", "OLD"), "delete": ("OLD",)}

_NEW_VERSION = """
    INSERT INTO {table} ({column}, version)
    SELECT {row}.{source}, random() WHERE {condition}
    ON CONFLICT ({column}) DO UPDATE SET version = excluded.version;"""


def _sqlite_trigger(table: str, operation: str, *, projects: bool) -> str:
    targets = [("hub_read_versions", "organization_id", "organization_id")]
    if projects:
        targets.append(("hub_project_read_versions", "project_key", _PROJECT_OF[table]))
    body = "".join(
        _NEW_VERSION.format(
            table=target,
            column=column,
            row=row,
            source=source,
            # An update moving a row to another organization or project changes both.
            condition="true" if n == 0 else f"OLD.{source} IS NOT NEW.{source}",
        )
        for target, column, source in targets
        for n, row in enumerate(_OPERATIONS[operation])
    )
    return (
        f"CREATE TRIGGER hub_read_version_{table}_{operation} AFTER {operation.upper()} ON "
        f"{table}\nBEGIN{body}\nEND"
    )


def _sqlite_triggers(*, projects: bool) -> None:
    for table in _PROJECT_OF:
        for operation in _OPERATIONS:
            op.execute(f"DROP TRIGGER IF EXISTS hub_read_version_{table}_{operation}")
            op.execute(_sqlite_trigger(table, operation, projects=projects))


# As 0020's function, with the project's row beside the organization's. TG_TABLE_NAME picks
# the column: PL/pgSQL resolves NEW.project_key only in a statement that runs (one CASE
# expression would resolve both).
_POSTGRESQL_FUNCTION = """
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

# 0020's, to go back to.
_POSTGRESQL_FUNCTION_0020 = """
CREATE OR REPLACE FUNCTION hub_read_version_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'DELETE' THEN
        INSERT INTO hub_read_versions (organization_id, version)
        VALUES (NEW.organization_id, floor(random() * 9223372036854775807)::bigint)
        ON CONFLICT (organization_id) DO UPDATE SET version = excluded.version;
    END IF;
    IF TG_OP = 'DELETE'
        OR (TG_OP = 'UPDATE' AND OLD.organization_id IS DISTINCT FROM NEW.organization_id) THEN
        INSERT INTO hub_read_versions (organization_id, version)
        VALUES (OLD.organization_id, floor(random() * 9223372036854775807)::bigint)
        ON CONFLICT (organization_id) DO UPDATE SET version = excluded.version;
    END IF;
    RETURN NULL;
END
$$"""


def upgrade() -> None:
    op.create_table(
        "hub_project_read_versions",
        sa.Column("project_key", sa.String(length=64), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("project_key", name=op.f("pk_hub_project_read_versions")),
    )
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute(
            "INSERT INTO hub_project_read_versions (project_key, version)"
            " SELECT key, random() FROM projects"
        )
        _sqlite_triggers(projects=True)
    elif dialect == "postgresql":
        op.execute(
            "INSERT INTO hub_project_read_versions (project_key, version)"
            " SELECT key, floor(random() * 9223372036854775807)::bigint FROM projects"
        )
        op.execute(_POSTGRESQL_FUNCTION)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        _sqlite_triggers(projects=False)
    elif dialect == "postgresql":
        op.execute(_POSTGRESQL_FUNCTION_0020)
    op.drop_table("hub_project_read_versions")
