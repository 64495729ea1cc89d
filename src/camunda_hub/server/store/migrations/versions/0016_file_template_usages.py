"""file template usages: which element templates (and versions) each BPMN file applies, derived
from its content, so catalog and usage searches stop parsing every model per request

Revision ID: 0016_file_template_usages
Revises: 0015_event_counter_trigger
Create Date: 2026-12-03 17:00:00.000000
"""

from collections import defaultdict
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# The one hardened parser (no DTDs, no entities, size-capped). The rest of the derivation is
# written out here, as of this revision, so later changes to the services cannot alter it.
from camunda_hub.server.services.hub import xml_scan

revision: str = "0016_file_template_usages"
down_revision: str | Sequence[str] | None = "0015_event_counter_trigger"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ZEEBE = "http://camunda.org/schema/zeebe/1.0"
_TEMPLATE = f"{_ZEEBE}{xml_scan.SEPARATOR}modelerTemplate"
_TEMPLATE_VERSION = f"{_ZEEBE}{xml_scan.SEPARATOR}modelerTemplateVersion"
_TEMPLATE_ID_MAX = 255
_INT64_MIN, _INT64_MAX = -(2**63), 2**63 - 1
# Files are read this many at a time (by key), so a large deployment is never held in memory.
_BATCH = 200


def _version(text: str | None) -> int | None:
    if text is None:
        return None
    try:
        return int(text.strip())
    except ValueError:
        return None


def _derive(content: str) -> dict[str, list[int | None]]:
    found: dict[str, set[int | None]] = defaultdict(set)

    def start(_namespace: str, _local: str, attributes: dict[str, str]) -> None:
        template = attributes.get(_TEMPLATE)
        if template:
            found[template].add(_version(attributes.get(_TEMPLATE_VERSION)))

    if not xml_scan.scan(content, start):
        return {}
    return {
        template: sorted(versions, key=lambda v: (v is not None, v or 0))
        for template, versions in found.items()
        if len(template) <= _TEMPLATE_ID_MAX
    }


def _sole(versions: list[int | None]) -> int | None:
    if len(versions) == 1 and versions[0] is not None and _INT64_MIN <= versions[0] <= _INT64_MAX:
        return versions[0]
    return None


def _backfill(usages: sa.Table) -> None:
    connection = op.get_bind()
    files = sa.table(
        "files",
        sa.column("key", sa.String),
        sa.column("organization_id", sa.String),
        sa.column("type", sa.String),
        sa.column("content", sa.Text),
    )
    after = ""
    while True:
        # Soft-deleted files too: their rows wait for a restoration.
        batch = connection.execute(
            sa.select(files.c.key, files.c.organization_id, files.c.content)
            .where(
                files.c.type == "bpmn",
                files.c.key > after,
                files.c.content.contains("modelerTemplate", autoescape=True),
            )
            .order_by(files.c.key)
            .limit(_BATCH)
        ).all()
        if not batch:
            return
        rows = [
            {
                "file_key": key,
                "template_id": template,
                "organization_id": organization_id,
                "versions": versions,
                "sole_version": _sole(versions),
            }
            for key, organization_id, content in batch
            for template, versions in _derive(content).items()
        ]
        if rows:
            connection.execute(usages.insert(), rows)
        after = batch[-1].key


def upgrade() -> None:
    usages = op.create_table(
        "file_template_usages",
        sa.Column("file_key", sa.String(length=64), nullable=False),
        sa.Column("template_id", sa.String(length=255), nullable=False),
        sa.Column("organization_id", sa.String(length=64), nullable=False),
        sa.Column("versions", sa.JSON(), nullable=False),
        sa.Column("sole_version", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["file_key"],
            ["files.key"],
            name=op.f("fk_file_template_usages_file_key_files"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("file_key", "template_id", name=op.f("pk_file_template_usages")),
    )
    op.create_index(
        "ix_file_template_usages_org_template",
        "file_template_usages",
        ["organization_id", "template_id"],
        unique=False,
    )
    op.create_index(
        "ix_files_key_usage", "files", ["key", "deleted", "type", "project_key"], unique=False
    )
    assert usages is not None
    _backfill(usages)


def downgrade() -> None:
    op.drop_index("ix_files_key_usage", table_name="files")
    op.drop_index("ix_file_template_usages_org_template", table_name="file_template_usages")
    op.drop_table("file_template_usages")
