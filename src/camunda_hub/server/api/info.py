"""``GET /info``: the API version and the caller's organization."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from pydantic import BaseModel, ConfigDict

from camunda_hub.server.security.permissions import current_principal
from camunda_hub.server.security.principal import Principal

API_VERSION = "v2"

router = APIRouter(tags=["Info"])


class InfoResult(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: str
    authorizedOrganization: str


@router.get("/info", operation_id="getInfo", response_model=InfoResult)
async def get_info(principal: Annotated[Principal, Depends(current_principal)]) -> InfoResult:
    return InfoResult(version=API_VERSION, authorizedOrganization=principal.organization_id)
