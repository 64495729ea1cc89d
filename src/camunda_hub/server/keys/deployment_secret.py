"""The deployment secret lives in ``camunda_hub.server.deployment_secret`` (below the store,
which checks it when opening); re-exported here, next to the keys derived from it."""

from __future__ import annotations

from camunda_hub.server.deployment_secret import (
    MIN_SECRET_BYTES,
    SECRET_FILE_NAME,
    DeploymentSecret,
    DeploymentSecretError,
    generate_secret_text,
    load,
)

__all__ = [
    "MIN_SECRET_BYTES",
    "SECRET_FILE_NAME",
    "DeploymentSecret",
    "DeploymentSecretError",
    "generate_secret_text",
    "load",
]
