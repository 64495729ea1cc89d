"""The element-template catalog: assets ingested as a whole set per organization.

An asset is identified inside its organization by its ``resource_id`` (the element template's
``id``): a later ingestion of the same id updates that asset (same key) instead of adding a
second one. Every ingested template version is kept in ``catalog_asset_versions``; a version's
content never changes once stored (diagrams pin a template version, so a changed template must
carry a new number). Tags are rows of their own so the ``tag`` filter is an indexed ``EXISTS``.

``file_template_usages`` is derived from file content: which templates (and versions) each BPMN
file applies, so usage searches read rows instead of parsing every model of the organization.
It is rewritten in the transaction that changes a file's content (services/hub/template_usages)
and kept while the file is soft-deleted (a restored file uses its templates again); a file's
removal takes its rows along (cascade).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, BigInteger, Boolean, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from camunda_hub.server.store.schema.base import Base, UTCDateTime, new_key, utcnow


class CatalogAsset(Base):
    __tablename__ = "catalog_assets"

    key: Mapped[str] = mapped_column(String(64), primary_key=True, default=new_key)
    organization_id: Mapped[str] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"))
    resource_id: Mapped[str] = mapped_column(String(255))
    name: Mapped[str] = mapped_column(String(255))
    short_description: Mapped[str | None] = mapped_column(Text, nullable=True)
    category: Mapped[str | None] = mapped_column(String(255), nullable=True)
    # The README as ingested (front matter removed): the asset's long description.
    readme: Mapped[str] = mapped_column(Text)
    # The template file name the README referenced, so the asset can be told apart in errors.
    template_file: Mapped[str] = mapped_column(String(255))
    latest_version: Mapped[int] = mapped_column(BigInteger)
    # Whether the latest version's template declares itself ``deprecated``.
    deprecated: Mapped[bool] = mapped_column(Boolean, default=False)
    unpublished: Mapped[bool] = mapped_column(Boolean, default=False)
    created: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (
        UniqueConstraint("organization_id", "resource_id", name="uq_catalog_assets_org_resource"),
        Index("ix_catalog_assets_org_name", "organization_id", "name"),
    )


class CatalogAssetTag(Base):
    __tablename__ = "catalog_asset_tags"

    asset_key: Mapped[str] = mapped_column(
        ForeignKey("catalog_assets.key", ondelete="CASCADE"), primary_key=True
    )
    tag: Mapped[str] = mapped_column(String(255), primary_key=True)


class CatalogAssetVersion(Base):
    __tablename__ = "catalog_asset_versions"

    asset_key: Mapped[str] = mapped_column(
        ForeignKey("catalog_assets.key", ondelete="CASCADE"), primary_key=True
    )
    version: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    content: Mapped[str] = mapped_column(Text)
    created: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class FileTemplateUsage(Base):
    """One element template a BPMN file applies, with the template versions its elements use."""

    __tablename__ = "file_template_usages"

    file_key: Mapped[str] = mapped_column(
        ForeignKey("files.key", ondelete="CASCADE"), primary_key=True
    )
    # Catalog resource ids have at most 255 characters: a longer id can match no asset and is
    # not stored.
    template_id: Mapped[str] = mapped_column(String(255), primary_key=True)
    organization_id: Mapped[str] = mapped_column(String(64))
    # Ascending, ``null`` first for elements without a (numeric) version attribute. JSON, not
    # an integer column: a model may name a version beyond 64 bits, and it is still listed.
    versions: Mapped[list[int | None]] = mapped_column(JSON)
    # The one version every element applying the template uses, when there is one (and it fits
    # 64 bits, as every catalog version does); null otherwise. The file is on an asset's latest
    # version exactly when this equals it, so catalog usage is aggregated in SQL.
    sole_version: Mapped[int | None] = mapped_column(BigInteger, nullable=True)

    __table_args__ = (
        Index("ix_file_template_usages_org_template", "organization_id", "template_id"),
    )
