"""Table definitions. Every module here registers its tables on ``Base.metadata``."""

from camunda_hub.server.store.schema import (  # noqa: F401  (registers tables)
    catalog,
    client_keys,
    console,
    hub,
    identity,
    ops,
    runtime_registry,
    snapshots,
)
from camunda_hub.server.store.schema.base import Base

__all__ = ["Base"]
