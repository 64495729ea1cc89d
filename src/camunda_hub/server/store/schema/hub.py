"""Hub API resources: workspaces → projects → folders → files, with members and versions.

Conventions shared by every resource table:
- ``key`` is the opaque public key (a UUID string); every row carries ``organization_id`` and
  every query is scoped by it.
- ``created*``/``updated*`` keep the acting user reference (name + email).
- Soft delete: ``deleted`` is set and ``deletion_id`` names the deletion event that removed the
  row; ``deletion_root`` marks the row the user actually deleted (only roots are listed as
  recently deleted and can be restored; restoring a root restores its whole event).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    column,
    false,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from camunda_hub.server.store.schema.base import Base, UTCDateTime, new_key, utcnow


class _Audited:
    created: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_name: Mapped[str | None] = mapped_column(String(255), nullable=True)
    created_by_email: Mapped[str | None] = mapped_column(String(320), nullable=True)
    updated: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by_name: Mapped[str | None] = mapped_column(String(255), nullable=True)
    updated_by_email: Mapped[str | None] = mapped_column(String(320), nullable=True)


class _SoftDeleted:
    deleted: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    deleted_by_name: Mapped[str | None] = mapped_column(String(255), nullable=True)
    deleted_by_email: Mapped[str | None] = mapped_column(String(320), nullable=True)
    deletion_id: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    deletion_root: Mapped[bool] = mapped_column(Boolean, default=False)


class Deletion(Base):
    """One soft-delete event: the root the user deleted and everything it took with it."""

    __tablename__ = "deletions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True, default=new_key)
    organization_id: Mapped[str] = mapped_column(String(64), index=True)
    root_kind: Mapped[str] = mapped_column(String(16))
    root_key: Mapped[str] = mapped_column(String(64))
    deleted: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    deleted_by_name: Mapped[str | None] = mapped_column(String(255), nullable=True)
    deleted_by_email: Mapped[str | None] = mapped_column(String(320), nullable=True)


class Workspace(_Audited, _SoftDeleted, Base):
    __tablename__ = "workspaces"

    key: Mapped[str] = mapped_column(String(64), primary_key=True, default=new_key)
    organization_id: Mapped[str] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(255))
    description: Mapped[str | None] = mapped_column(String(500), nullable=True)

    __table_args__ = (
        Index("ix_workspaces_org_name", "organization_id", "deleted", "name"),
        Index("ix_workspaces_org_created", "organization_id", "deleted", "created"),
    )


class Member(Base):
    __tablename__ = "workspace_members"

    workspace_key: Mapped[str] = mapped_column(
        ForeignKey("workspaces.key", ondelete="CASCADE"), primary_key=True
    )
    # Stored lower-cased: e-mail addresses are compared case-insensitively.
    email: Mapped[str] = mapped_column(String(320), primary_key=True)
    organization_id: Mapped[str] = mapped_column(String(64), index=True)
    name: Mapped[str | None] = mapped_column(String(255), nullable=True)
    role: Mapped[str] = mapped_column(String(32))
    created: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Project(_Audited, _SoftDeleted, Base):
    __tablename__ = "projects"

    key: Mapped[str] = mapped_column(String(64), primary_key=True, default=new_key)
    organization_id: Mapped[str] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"))
    workspace_key: Mapped[str] = mapped_column(ForeignKey("workspaces.key", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(255))

    __table_args__ = (
        Index("ix_projects_org_name", "organization_id", "deleted", "name"),
        Index("ix_projects_workspace", "workspace_key", "deleted"),
    )


class Folder(_Audited, _SoftDeleted, Base):
    __tablename__ = "folders"

    key: Mapped[str] = mapped_column(String(64), primary_key=True, default=new_key)
    organization_id: Mapped[str] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"))
    project_key: Mapped[str] = mapped_column(ForeignKey("projects.key", ondelete="CASCADE"))
    parent_folder_key: Mapped[str | None] = mapped_column(
        ForeignKey("folders.key", ondelete="CASCADE"), nullable=True
    )
    name: Mapped[str] = mapped_column(String(255))
    # Materialized paths (ancestors then self), kept correct through renames and moves:
    # ``path_keys`` = "k1/k2/self", ``path_names`` = "a/b/self-name".
    path_keys: Mapped[str] = mapped_column(Text)
    path_names: Mapped[str] = mapped_column(Text)

    __table_args__ = (
        Index("ix_folders_project_parent", "project_key", "parent_folder_key", "deleted"),
        Index("ix_folders_org_deleted", "organization_id", "deleted"),
    )


# The predicate of the key-ordered live indexes (see ``File``).
_LIVE_KEYED = 'deleted IS NULL AND "key" IS NOT NULL'


def _live_name_index(name: str, *scope: str) -> Index:
    """``(*scope, name, name varchar_pattern_ops) WHERE deleted IS NULL`` on PostgreSQL, empty on
    SQLite (see ``File``)."""
    return Index(
        name,
        *scope,
        "name",
        column("name").label("name_pattern"),
        postgresql_ops={"name_pattern": "varchar_pattern_ops"},
        postgresql_where=text("deleted IS NULL"),
        sqlite_where=false(),
    )


class File(_Audited, _SoftDeleted, Base):
    __tablename__ = "files"

    key: Mapped[str] = mapped_column(String(64), primary_key=True, default=new_key)
    organization_id: Mapped[str] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"))
    project_key: Mapped[str] = mapped_column(ForeignKey("projects.key", ondelete="CASCADE"))
    folder_key: Mapped[str | None] = mapped_column(
        ForeignKey("folders.key", ondelete="CASCADE"), nullable=True
    )
    name: Mapped[str] = mapped_column(String(255))
    type: Mapped[str] = mapped_column(String(32))
    # The table's last column: on SQLite every column after a model's text sits behind its
    # overflow pages, which listings never need (migration 0017).
    content: Mapped[str] = mapped_column(Text, sort_order=1)
    # Optimistic lock: bumped on every change; an update naming another revision is refused.
    revision: Mapped[int] = mapped_column(Integer, default=1)
    # Derived from the folder chain, kept in step by the service on renames and moves.
    simple_path: Mapped[str] = mapped_column(Text)
    canonical_path: Mapped[str] = mapped_column(Text)

    # The name prefix search ($like 'abc*', alone or with a folderKey filter) is one range of
    # ix_files_org_name / ix_files_org_folder. On SQLite it is rendered as GLOB, which uses these
    # BINARY indexes, and the range is already in name order. On PostgreSQL a btree serves
    # ``name LIKE 'abc%'`` only under the C/POSIX collation (production databases use
    # en_US.UTF-8 and the like): with the default operator class the name is filtered row by
    # row after the (organization, folder, deleted IS NULL) range, i.e. the whole folder or
    # organization is read. varchar_pattern_ops compares bytes, so the prefix becomes an index
    # condition (name ~>=~ 'abc' AND name ~<~ 'abd') under any collation; it still serves
    # equality and IN (see migration 0009).
    #
    # Neither serves ORDER BY name on PostgreSQL: its order is byte order, not the collation's,
    # and PostgreSQL does not treat ``deleted IS NULL`` as pinning the column before ``name``
    # (SQLite does, so there both already return live rows in name order). Hence the two
    # ``*_live`` indexes, PostgreSQL only (migration 0010): partial on live rows, so the
    # predicate stands in for ``deleted`` and ``name`` (default operator class, the column's
    # collation) follows the organization or folder directly: a name-sorted page is the first
    # rows of an index range, and ``key``, the tiebreaker, is an incremental sort of rows with
    # equal names. The second copy of ``name``, in varchar_pattern_ops, lets a prefix be checked
    # on the index entry while walking in name order: without it PostgreSQL would pick that walk
    # for a broad prefix sorted by name (it assumes the matches are spread evenly in name order)
    # and fetch every non-matching row from the table, up to the whole organization. Soft
    # deletes do not write them (the row leaves the partial index).
    #
    # On SQLite they would never be chosen and only cost writes, but the models must match the
    # migrations on both databases (tests/test_migrations.py), so SQLite gets them as empty
    # partial indexes (WHERE 0).
    __table_args__ = (
        Index(
            "ix_files_org_name",
            "organization_id",
            "deleted",
            "name",
            postgresql_ops={"name": "varchar_pattern_ops"},
        ),
        Index(
            "ix_files_org_folder",
            "organization_id",
            "folder_key",
            "deleted",
            "name",
            postgresql_ops={"name": "varchar_pattern_ops"},
        ),
        _live_name_index("ix_files_org_name_live", "organization_id"),
        _live_name_index("ix_files_org_folder_live", "organization_id", "folder_key"),
        # Ends with the key: one type's live files in the default order (migration 0025).
        Index("ix_files_org_type", "organization_id", "type", "deleted", "key"),
        # Sorted on time with no narrowing filter ("recently changed"): a page is one end of a
        # range of live rows, on both databases (migration 0011), and newest first it is
        # already in the tiebreaker's order, ``key`` ascending (migration 0023).
        Index(
            "ix_files_org_updated_live",
            "organization_id",
            "updated",
            column("key").desc(),
            postgresql_where=text("deleted IS NULL"),
            sqlite_where=text("deleted IS NULL"),
        ),
        Index(
            "ix_files_org_created_live",
            "organization_id",
            "created",
            column("key").desc(),
            postgresql_where=text("deleted IS NULL"),
            sqlite_where=text("deleted IS NULL"),
        ),
        # A search in the default (key) order of every live file, or of one project's: a page is
        # the first entries of a range, and one project's count in any order is a range too
        # (migration 0024). Only the statements made for those searches repeat
        # ``key IS NOT NULL`` (always true), so only they can use these indexes:
        # SQLite plans without statistics and would otherwise walk the organization in key order
        # for filters that an equality index and a sort serve far better (a folder's files).
        Index(
            "ix_files_org_key_live",
            "organization_id",
            "key",
            postgresql_where=text(_LIVE_KEYED),
            sqlite_where=text(_LIVE_KEYED),
        ),
        Index(
            "ix_files_org_project_live",
            "organization_id",
            "project_key",
            "key",
            postgresql_where=text(_LIVE_KEYED),
            sqlite_where=text(_LIVE_KEYED),
        ),
        # Ends with the listings' order (migration 0018): no sort of the rows they select.
        Index("ix_files_project", "project_key", "folder_key", "deleted", "name", "key"),
        # Catalog usage joins ``file_template_usages`` to the live BPMN files and their
        # projects by key (migration 0016). Covering: on SQLite ``deleted`` is stored after the
        # content, so reading it from the row would walk the content's overflow pages.
        Index("ix_files_key_usage", "key", "deleted", "type", "project_key"),
    )


class FileVersion(_Audited, Base):
    __tablename__ = "file_versions"

    key: Mapped[str] = mapped_column(String(64), primary_key=True, default=new_key)
    organization_id: Mapped[str] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"))
    file_key: Mapped[str] = mapped_column(ForeignKey("files.key", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(255))
    description: Mapped[str | None] = mapped_column(String(255), nullable=True)
    organization_public: Mapped[bool] = mapped_column(Boolean, default=False)
    linked_to_process_application: Mapped[bool] = mapped_column(Boolean, default=False)
    content: Mapped[str] = mapped_column(Text)
    # Element templates carry their own integer version (int64 on the wire); unique per file.
    template_version: Mapped[int | None] = mapped_column(BigInteger, nullable=True)

    __table_args__ = (
        Index("ix_file_versions_file", "file_key", "created"),
        UniqueConstraint("file_key", "template_version", name="uq_file_versions_template_version"),
    )
