"""Workspace members: ``POST /workspaces/{k}/members`` (upsert), removal and ``/members/search``."""

from __future__ import annotations

from fastapi import Request, Response

from camunda_hub.server.api.deps import Caller, ReadSession, WriteSession
from camunda_hub.server.api.models.common import SearchResult
from camunda_hub.server.api.models.members import MemberCreateRequest, MemberResult
from camunda_hub.server.api.route_table import RouteTable
from camunda_hub.server.api.search_endpoint import openapi_body, read_body, search_page
from camunda_hub.server.services.hub import members as service

router = RouteTable(tags=["Member"])


class MemberSearchQueryResult(SearchResult[MemberResult]):
    pass


@router.post(
    "/workspaces/{workspaceKey}/members", operation_id="addMember", response_model=MemberResult
)
async def add_member(
    workspaceKey: str, body: MemberCreateRequest, session: WriteSession, caller: Caller
) -> MemberResult:
    """Add a member or change its role. E-mail addresses are compared case-insensitively and
    stored lower-cased; ``name`` stays null until the person logs in."""
    member = await service.upsert(session, caller, workspaceKey, email=body.email, role=body.role)
    return MemberResult.of(member)


@router.delete(
    "/workspaces/{workspaceKey}/members/{email}", operation_id="removeMember", status_code=204
)
async def remove_member(
    workspaceKey: str, email: str, session: WriteSession, caller: Caller
) -> Response:
    await service.remove(session, caller, workspaceKey, email)
    return Response(status_code=204)


@router.post(
    "/members/search",
    operation_id="searchMembers",
    openapi_extra=openapi_body(service.SEARCH),
    response_model=MemberSearchQueryResult,
)
async def search_members(
    request: Request,
    session: ReadSession,
    caller: Caller,
) -> MemberSearchQueryResult:
    """Members of one workspace: ``filter.workspaceKey`` is required (a value or ``$eq``)."""
    # The body is required by the contract; parse_search reports the missing workspaceKey
    # filter, which says more than "body required".
    return await search_page(
        session,
        service.searchable(caller),
        service.SEARCH,
        await read_body(request),
        MemberSearchQueryResult,
        MemberResult.of,
    )
