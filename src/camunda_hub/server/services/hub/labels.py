"""The names and descriptions users give to saved states (file versions, project snapshots),
and how a caller-sent key appears in an error message."""

from __future__ import annotations

from camunda_hub.server.services.errors import InvalidInput

NAME_MAX = 255
DESCRIPTION_MAX = 255


def clean_name(name: str) -> str:
    name = name.strip()
    if not name:
        raise InvalidInput("name: must not be blank")
    if len(name) > NAME_MAX:
        raise InvalidInput(f"name: must have at most {NAME_MAX} characters")
    return name


def checked_description(description: str | None) -> str | None:
    if description is not None and len(description) > DESCRIPTION_MAX:
        raise InvalidInput(f"description: must have at most {DESCRIPTION_MAX} characters")
    return description


def shown(key: str) -> str:
    # Keys come from the caller; keep error messages short whatever they sent.
    return repr(key if len(key) <= 80 else key[:77] + "...")
