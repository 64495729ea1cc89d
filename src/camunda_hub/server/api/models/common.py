"""Wire models shared by every Hub API resource (names follow the contract)."""

from __future__ import annotations

from typing import Generic, TypeVar

from pydantic import BaseModel, ConfigDict

T = TypeVar("T")


class UserReference(BaseModel):
    name: str | None
    email: str | None


class PageInfo(BaseModel):
    totalItems: int
    hasMoreTotalItems: bool


class SearchResult(BaseModel, Generic[T]):
    items: list[T]
    page: PageInfo


class StrictModel(BaseModel):
    """Request bodies: unknown fields are a 400, not silently ignored."""

    model_config = ConfigDict(extra="forbid")


def user_ref(name: str | None, email: str | None) -> UserReference:
    return UserReference(name=name, email=email)
