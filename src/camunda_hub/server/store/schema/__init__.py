"""Table definitions. Every module here registers its tables on ``Base.metadata``."""

from camunda_hub.server.store.schema import hub, identity  # noqa: F401  (registers tables)
from camunda_hub.server.store.schema.base import Base

__all__ = ["Base"]
