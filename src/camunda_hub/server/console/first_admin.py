"""The one-time setup link printed on a start when the organization has no admin yet."""

from __future__ import annotations

from camunda_hub.server.services import admins, organizations
from camunda_hub.server.store.db import Database

CONSOLE_PATH = "/console"


def setup_url(issuer: str, token: str) -> str:
    # The token rides in the fragment: browsers never send it, so no access log records it.
    return f"{issuer}{CONSOLE_PATH}/setup#{token}"


async def setup_link_if_needed(database: Database, issuer: str) -> str | None:
    """A fresh setup link for the first organization when it has no admin, else None."""
    async with database.transaction() as db:
        org = await organizations.first(db)
        if org is None or await admins.count(db, org.id) > 0:
            return None
        issued = await admins.issue_setup_token(db, org.id, actor="system")
    return setup_url(issuer, issued.token)
