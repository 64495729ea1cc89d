"""Project snapshots ("process application versions") and their review flow.

A snapshot captures one file version per live file of its project, recorded in
``snapshot_files`` together with what the file looked like at that moment (name, type, folder
location, content hash). The rows deliberately hold no foreign key to ``files`` or
``file_versions`` and carry a copy of the version's metadata: a captured file that is later
permanently deleted (or a captured version that is deleted) takes its rows with it through
those tables' cascades, and the snapshot must survive that ("detached" references keep their
``fileKey``). The captured content lives in ``snapshot_contents``, stored once per organization
and SHA-256, so restoring or duplicating never depends on a version that may be gone.

Review flow: at most one ``review_requests`` row per snapshot, ever (a unique constraint), whose
``state`` is PENDING until a review is recorded (REVIEWED) or a newer request on another
snapshot of the project supersedes it (SUPERSEDED).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from camunda_hub.server.store.schema.base import Base, UTCDateTime, new_key, utcnow


class ProjectSnapshot(Base):
    __tablename__ = "project_snapshots"

    key: Mapped[str] = mapped_column(String(64), primary_key=True, default=new_key)
    organization_id: Mapped[str] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"))
    project_key: Mapped[str] = mapped_column(ForeignKey("projects.key", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(255))
    description: Mapped[str | None] = mapped_column(String(255), nullable=True)
    created: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_name: Mapped[str | None] = mapped_column(String(255), nullable=True)
    created_by_email: Mapped[str | None] = mapped_column(String(320), nullable=True)
    updated: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by_name: Mapped[str | None] = mapped_column(String(255), nullable=True)
    updated_by_email: Mapped[str | None] = mapped_column(String(320), nullable=True)

    __table_args__ = (
        Index("ix_project_snapshots_org_name", "organization_id", "name"),
        Index("ix_project_snapshots_project_created", "project_key", "created"),
    )


class SnapshotFile(Base):
    """One captured file of a snapshot: the file version and the file's place at that time."""

    __tablename__ = "snapshot_files"

    snapshot_key: Mapped[str] = mapped_column(
        ForeignKey("project_snapshots.key", ondelete="CASCADE"), primary_key=True
    )
    file_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    organization_id: Mapped[str] = mapped_column(String(64))
    version_key: Mapped[str] = mapped_column(String(64), index=True)
    file_name: Mapped[str] = mapped_column(String(255))
    file_type: Mapped[str] = mapped_column(String(32))
    # "/"-joined folder keys from the project root (null at the root) and the exact folder
    # names as a JSON list (names may contain "/", so they are not joined here).
    folder_keys: Mapped[str | None] = mapped_column(Text, nullable=True)
    folder_names: Mapped[str | None] = mapped_column(Text, nullable=True)
    content_hash: Mapped[str] = mapped_column(String(64))
    # The version's metadata when captured (refreshed when the file is permanently deleted);
    # answered while the version row itself is gone.
    version_name: Mapped[str] = mapped_column(String(255))
    version_description: Mapped[str | None] = mapped_column(String(255), nullable=True)
    version_organization_public: Mapped[bool] = mapped_column(Boolean, default=False)
    version_created: Mapped[datetime] = mapped_column(UTCDateTime)
    version_created_by_name: Mapped[str | None] = mapped_column(String(255), nullable=True)
    version_created_by_email: Mapped[str | None] = mapped_column(String(320), nullable=True)

    __table_args__ = (
        Index("ix_snapshot_files_org_file", "organization_id", "file_key"),
        # Finding whether stored content is still captured anywhere (pruning).
        Index("ix_snapshot_files_org_hash", "organization_id", "content_hash"),
    )


class SnapshotContent(Base):
    """Captured content, once per organization and SHA-256 (unchanged files share it)."""

    __tablename__ = "snapshot_contents"

    organization_id: Mapped[str] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), primary_key=True
    )
    content_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    content: Mapped[str] = mapped_column(Text)


class ReviewRequest(Base):
    __tablename__ = "review_requests"

    key: Mapped[str] = mapped_column(String(64), primary_key=True, default=new_key)
    # Unique: a snapshot gets one review request in its whole life.
    snapshot_key: Mapped[str] = mapped_column(
        ForeignKey("project_snapshots.key", ondelete="CASCADE"), unique=True
    )
    project_key: Mapped[str] = mapped_column(String(64))
    state: Mapped[str] = mapped_column(String(16))
    created: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_name: Mapped[str | None] = mapped_column(String(255), nullable=True)
    created_by_email: Mapped[str | None] = mapped_column(String(320), nullable=True)

    __table_args__ = (Index("ix_review_requests_project_state", "project_key", "state"),)


class Review(Base):
    __tablename__ = "reviews"

    key: Mapped[str] = mapped_column(String(64), primary_key=True, default=new_key)
    snapshot_key: Mapped[str] = mapped_column(
        ForeignKey("project_snapshots.key", ondelete="CASCADE")
    )
    request_key: Mapped[str] = mapped_column(ForeignKey("review_requests.key", ondelete="CASCADE"))
    status: Mapped[str] = mapped_column(String(32))
    comment: Mapped[str | None] = mapped_column(Text, nullable=True)
    created: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_name: Mapped[str | None] = mapped_column(String(255), nullable=True)
    created_by_email: Mapped[str | None] = mapped_column(String(320), nullable=True)

    __table_args__ = (Index("ix_reviews_snapshot_created", "snapshot_key", "created"),)
