"""The Hub API search language (filter, sort, page), compiled to parameterised SQL.

Declare a :class:`SearchSpec` per endpoint, then::

    request = parse_search(SPEC, body)            # 400 (InvalidInput) naming what is wrong
    page = await run_search(session, base, SPEC, request)

(a Hub API endpoint does both, and wraps the rows, with ``api.search_endpoint.search_page``).

Where each decision is written down: accepted request shapes and leniencies in ``parse``, value
types (date-times without a zone are UTC) in ``values``, ``$like`` escapes in ``like``, null
semantics, case-sensitive ``$like`` and null ordering in ``compile``, the capped
``totalItems`` in ``execute``, set-valued fields in ``spec.Field``.
"""

from camunda_hub.server.search.execute import COUNT_BEYOND_PAGE, SearchPage, run_search
from camunda_hub.server.search.like import LikePattern, Wildcard, parse_like
from camunda_hub.server.search.parse import MAX_IN_VALUES, OPERATORS, parse_search
from camunda_hub.server.search.request import (
    DEFAULT_LIMIT,
    MAX_LIMIT,
    Condition,
    Op,
    SearchRequest,
    SortKey,
)
from camunda_hub.server.search.spec import Field, FieldKind, SearchSpec

__all__ = [
    "COUNT_BEYOND_PAGE",
    "DEFAULT_LIMIT",
    "MAX_IN_VALUES",
    "MAX_LIMIT",
    "OPERATORS",
    "Condition",
    "Field",
    "FieldKind",
    "LikePattern",
    "Op",
    "SearchPage",
    "SearchRequest",
    "SearchSpec",
    "SortKey",
    "Wildcard",
    "parse_like",
    "parse_search",
    "run_search",
]
