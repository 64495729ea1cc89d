"""What a server may keep of an organization's Hub data (``store.direct_reads``), and until
when: a value that changes with every change of the rows those reads read.

On SQLite, triggers on ``projects``, ``folders`` and ``files`` (migration 0019) give the
organization's row a new random ``version`` in the transaction of every insert, update and
delete, so a database state with a given version holds the same data as every other state
with it (a restored backup included: the version comes back with the data it was written
with). A commit of anything else (token usage, webhook deliveries, the audit log) leaves it
as it was, where SQLite's ``PRAGMA data_version`` would have changed.

PostgreSQL has no such triggers and its rows stay absent: there the transaction snapshot is
the version (a second per-organization row locked by every writer would serialize them
further, besides the event counter's)."""

from __future__ import annotations

from sqlalchemy import BigInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from camunda_hub.server.store.schema.base import Base

# The tables whose rows the kept reads show; migration 0019 puts the triggers on them.
VERSIONED_TABLES = ("projects", "folders", "files")
# Their triggers' names, as a LIKE pattern (``_`` matches itself too).
TRIGGER_NAMES = "hub_read_version_%"


class HubReadVersion(Base):
    __tablename__ = "hub_read_versions"

    organization_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger)
