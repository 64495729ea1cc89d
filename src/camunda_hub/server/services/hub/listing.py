"""Listings of files (searches, folder and project contents) answer ``content: null``."""

from __future__ import annotations

from sqlalchemy.orm import defer
from sqlalchemy.orm.strategy_options import _AbstractLoad

from camunda_hub.server.store.schema.hub import File


def without_content() -> _AbstractLoad:
    """Loader option that leaves the (possibly megabytes large) content in the database; reading
    it by mistake raises instead of issuing a query per row."""
    return defer(File.content, raiseload=True)
