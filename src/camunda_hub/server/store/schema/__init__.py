"""Table definitions. Every module here registers its tables on ``Base.metadata``."""

from camunda_hub.server.store.schema import (  # noqa: F401  (registers tables)
    catalog,
    client_keys,
    clusters,
    console,
    events,
    hub,
    identity,
    read_versions,
    revoked_tokens,
    snapshots,
    throttle,
)
from camunda_hub.server.store.schema.base import Base

__all__ = ["Base"]
