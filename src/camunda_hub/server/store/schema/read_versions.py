"""What a server may keep of an organization's Hub data (``store.direct_reads``), and until
when: a value that changes with every change of the rows those reads read.

Triggers on ``projects``, ``folders`` and ``files`` give the organization's row a new random
``version`` in each transaction that inserts, updates or deletes their rows, so a database
state with a given version holds the same data as every other state with it (a restored
backup included: the version comes back with the data it was written with). A commit of
anything else (token usage, webhook deliveries, the audit log, another organization's data)
leaves it as it was.

- SQLite (migration 0019): a trigger per table and operation, in the statement's transaction.
- PostgreSQL (migration 0020): one constraint trigger per table, deferred to the commit, so
  the row's lock is held only while the transaction commits, as the event counter's is.
- Both (migration 0022): a trigger on ``organizations`` gives a new organization its row."""

from __future__ import annotations

from sqlalchemy import BigInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from camunda_hub.server.store.schema.base import Base

# The tables whose rows the kept reads show; migrations 0019 and 0020 put the triggers on them.
VERSIONED_TABLES = ("projects", "folders", "files")
# Their triggers' names, as a LIKE pattern (``_`` matches itself too).
TRIGGER_NAMES = "hub_read_version_%"


class HubReadVersion(Base):
    """``live_files`` (migration 0022): the organization's files not deleted, moved by the
    same triggers in the same statements (and set to 0 as an organization is inserted); NULL
    when not known (a row made for an organization that already had files)."""

    __tablename__ = "hub_read_versions"

    organization_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger)
    live_files: Mapped[int | None] = mapped_column(BigInteger, nullable=True)


class HubProjectReadVersion(Base):
    """The same per project (migration 0021): a project's body reads only the project's own
    rows, so a write elsewhere in its organization leaves it kept. Changed by the same
    triggers, with the organization's row."""

    __tablename__ = "hub_project_read_versions"

    project_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger)
