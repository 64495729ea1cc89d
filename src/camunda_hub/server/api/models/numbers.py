"""Integers as the OpenAPI document (JSON Schema) types them: any JSON number without a
fractional part (``2.0`` is the integer 2), never a boolean or a string."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BeforeValidator, Field

from camunda_hub.server.search.values import whole_number


def _whole(value: Any) -> Any:
    number = whole_number(value)
    # Anything else goes on unchanged, for the strict check to refuse with its usual message.
    return value if number is None else number


Int32 = Annotated[int, BeforeValidator(_whole), Field(strict=True, ge=-(2**31), le=2**31 - 1)]
Int64 = Annotated[int, BeforeValidator(_whole), Field(strict=True, ge=-(2**63), le=2**63 - 1)]
