"""The wire shape every search endpoint answers with."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from camunda_hub.server.search.execute import SearchPage


def search_response(items: Sequence[Any], page: SearchPage) -> dict[str, Any]:
    return {
        "items": list(items),
        "page": {"totalItems": page.total_items, "hasMoreTotalItems": page.has_more_total_items},
    }
