"""Wire models shared by every Hub API resource (names follow the contract)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Generic, Protocol, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, WithJsonSchema, field_validator

from camunda_hub.server.search.execute import SearchPage

T = TypeVar("T")


class UserReference(BaseModel):
    name: str | None
    email: str | None


class PageInfo(BaseModel):
    totalItems: int
    hasMoreTotalItems: bool

    @classmethod
    def of(cls, page: SearchPage) -> PageInfo:
        return cls(totalItems=page.total_items, hasMoreTotalItems=page.has_more_total_items)


class SearchResult(BaseModel, Generic[T]):
    items: list[T]
    page: PageInfo


class StrictModel(BaseModel):
    """Request bodies: unknown fields are a 400, not silently ignored; so is a NUL character in
    any string (PostgreSQL text cannot hold one: it would be a database error, i.e. a 500)."""

    model_config = ConfigDict(extra="forbid")

    @field_validator("*", mode="after")
    @classmethod
    def _no_nul(cls, value: object) -> object:
        if isinstance(value, str) and "\x00" in value:
            raise ValueError("must not contain NUL characters")
        return value


def user_ref(name: str | None, email: str | None) -> UserReference:
    return UserReference(name=name, email=email)


def _not_null(value: object) -> object:
    if value is None:
        raise ValueError("must not be null (omit the field to leave it unchanged)")
    return value


def optional_not_null(schema: dict[str, object]) -> tuple[AfterValidator, WithJsonSchema]:
    """Metadata for a PATCH field that may be omitted but not set to null: use as
    ``Annotated[str | None, Field(...), *optional_not_null({"type": "string"})]`` with default
    None. Omitted → default (not validated); explicit null → 400. ``schema`` is what the OpenAPI
    document shows (the non-null type)."""
    return AfterValidator(_not_null), WithJsonSchema(schema)


def deleted_by(name: str | None, email: str | None) -> UserReference | None:
    """``deletedBy`` of a recently deleted resource (null when nobody was recorded)."""
    if name is None and email is None:
        return None
    return user_ref(name, email)


class AuditedRow(Protocol):
    created: datetime
    created_by_name: str | None
    created_by_email: str | None
    updated: datetime
    updated_by_name: str | None
    updated_by_email: str | None


def audited(row: AuditedRow) -> dict[str, Any]:
    """``created``, ``createdBy``, ``updated``, ``updatedBy`` of a result model, from the row's
    audit columns: ``Result(key=…, **audited(row))``."""
    return {
        "created": row.created,
        "createdBy": user_ref(row.created_by_name, row.created_by_email),
        "updated": row.updated,
        "updatedBy": user_ref(row.updated_by_name, row.updated_by_email),
    }
