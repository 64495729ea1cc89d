"""The Orchestration Clusters registered with the hub (Self-Managed "dynamic
cluster management") and which of them each workspace may deploy to (environments).

- A registration is keyed by ``(organization_id, cluster_id)``: cluster ids are chosen by the
  registering party (or default to its address), so two organizations may use the same id.
- Every registration provides exactly one cluster-backed environment whose id is the cluster id.
- Removing a registration that workspaces still have assigned keeps the row as a tombstone
  (``removed`` set): the assignments survive, the environment reads ``NOT_REPORTED``, and
  registering the same id again brings it back. Without assignments the row is deleted.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    String,
)
from sqlalchemy.orm import Mapped, mapped_column

from camunda_hub.server.store.schema.base import Base, UTCDateTime, utcnow


class ClusterRegistration(Base):
    __tablename__ = "cluster_registrations"

    organization_id: Mapped[str] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), primary_key=True
    )
    cluster_id: Mapped[str] = mapped_column(String(255), primary_key=True)
    name: Mapped[str] = mapped_column(String(255))
    version: Mapped[str] = mapped_column(String(255))
    license_valid: Mapped[bool] = mapped_column(Boolean)
    license_type: Mapped[str] = mapped_column(String(255))
    license_commercial: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    license_expires: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    # As reported by the last registration: a list of profile names, a string → string map.
    profiles: Mapped[list[str]] = mapped_column(JSON)
    properties: Mapped[dict[str, Any]] = mapped_column(JSON)
    registered: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Set when the registration was removed while workspaces still had it assigned.
    removed: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)

    __table_args__ = (Index("ix_cluster_registrations_org_name", "organization_id", "name"),)


class WorkspaceEnvironment(Base):
    """One environment assigned to one workspace (the workspace's projects all share it)."""

    __tablename__ = "workspace_environments"

    workspace_key: Mapped[str] = mapped_column(
        ForeignKey("workspaces.key", ondelete="CASCADE"), primary_key=True
    )
    environment_id: Mapped[str] = mapped_column(String(255), primary_key=True)
    organization_id: Mapped[str] = mapped_column(String(64))
    assigned: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (
        # The registration may only go once nothing is assigned (see the module docstring);
        # the cascade is a safety net, e.g. for an organization deleted as a whole.
        ForeignKeyConstraint(
            ["organization_id", "environment_id"],
            ["cluster_registrations.organization_id", "cluster_registrations.cluster_id"],
            ondelete="CASCADE",
        ),
        Index("ix_workspace_environments_environment", "organization_id", "environment_id"),
    )
