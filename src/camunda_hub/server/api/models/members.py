"""Wire models of the member operations (names follow the contract's components)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, Field

from camunda_hub.server.api.models.common import StrictModel
from camunda_hub.server.store.schema.hub import Member

MemberRole = Literal["workspace_admin", "editor", "commenter", "viewer"]

# Deliberately loose (one @, no blanks): the address is an identifier and an invitation
# target, not something this server can verify.
MemberEmail = Annotated[
    str,
    Field(
        min_length=3,
        max_length=320,
        pattern=r"^[^@\s]+@[^@\s]+$",
        json_schema_extra={"format": "email"},
    ),
]


class MemberCreateRequest(StrictModel):
    email: MemberEmail
    role: MemberRole


class MemberResult(BaseModel):
    workspaceKey: str
    email: str
    name: str | None
    role: MemberRole

    @classmethod
    def of(cls, row: Member) -> MemberResult:
        return cls(
            workspaceKey=row.workspace_key,
            email=row.email,
            name=row.name,
            role=row.role,
        )
