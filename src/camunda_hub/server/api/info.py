"""``GET /info``: the API version and the caller's organization."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from camunda_hub.server.api.deps import Caller
from camunda_hub.server.api.route_table import RouteTable

API_VERSION = "v2"

router = RouteTable(tags=["Info"])


class InfoResult(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: str
    authorizedOrganization: str


@router.get("/info", operation_id="getInfo", response_model=InfoResult)
async def get_info(caller: Caller) -> InfoResult:
    return InfoResult(version=API_VERSION, authorizedOrganization=caller.organization_id)
