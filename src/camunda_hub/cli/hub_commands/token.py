"""``camunda-hub token``: fetch an access token the documented way and print it (or, with
``--decode``, what it says: claims and when it expires)."""

from __future__ import annotations

import base64
import binascii
import json
import time
from datetime import UTC, datetime
from typing import Annotated, Any

import typer

from camunda_hub.cli.hub_commands.connection import connection, with_connection
from camunda_hub.cli.hub_commands.failures import client_errors
from camunda_hub.cli.hub_commands.output import human_duration, print_fields, print_json

TIME_CLAIMS = ("exp", "iat", "nbf", "auth_time")


def _segment(part: str) -> Any:
    padded = part + "=" * (-len(part) % 4)
    return json.loads(base64.urlsafe_b64decode(padded))


def decode_jwt(token: str) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """Header and claims of a JWT, read without verifying it (it is ours, fresh from the
    issuer; this is for display only). None for an opaque token."""
    parts = token.split(".")
    if len(parts) != 3:
        return None
    try:
        header, claims = _segment(parts[0]), _segment(parts[1])
    except (ValueError, binascii.Error, UnicodeDecodeError):
        return None
    if not isinstance(header, dict) or not isinstance(claims, dict):
        return None
    return header, claims


def describe_time(epoch: float, now: float) -> str:
    moment = datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
    delta = epoch - now
    relative = f"in {human_duration(delta)}" if delta >= 0 else f"{human_duration(delta)} ago"
    return f"{moment} ({relative})"


@with_connection
def token(
    decode: Annotated[
        bool, typer.Option("--decode", help="Show the token's claims and expiry instead.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="With --decode: print JSON.")] = False,
) -> None:
    """Get an access token for the Hub API and print it (for `Authorization: Bearer …`)."""
    # Not through a HubClient: only the token is wanted (client/access_token.py).
    from camunda_hub.client.access_token import access_token

    with client_errors():
        issued = access_token(connection().config())
    value = issued.access_token.reveal()
    if not decode:
        typer.echo(value)
        return
    now = time.time()
    decoded = decode_jwt(value)
    expires_in = issued.expires_at - now
    if as_json:
        print_json(
            {
                "header": decoded[0] if decoded else None,
                "claims": decoded[1] if decoded else None,
                "expires_in": int(expires_in),
                "expires_at": datetime.fromtimestamp(issued.expires_at, UTC).isoformat(),
            }
        )
        return
    fields: dict[str, Any] = {}
    if decoded is None:
        fields["format"] = "opaque (not a JWT)"
    else:
        header, claims = decoded
        fields["algorithm"] = header.get("alg")
        fields["key id"] = header.get("kid")
        for name, claim in claims.items():
            if name in TIME_CLAIMS and isinstance(claim, int | float):
                fields[name] = describe_time(float(claim), now)
            elif isinstance(claim, dict | list):
                fields[name] = json.dumps(claim)
            else:
                fields[name] = claim
    fields["expires"] = f"in {human_duration(expires_in)}"
    print_fields(fields, title="Access token")
