"""The credential downloads of the secret page: a ``.env`` file and a shell script that requests
a token, with the environment variable names and defaults of Camunda's guide.

They are built into ``data:`` URLs of the page that shows the secret, so downloading needs no
second request and the secret is never kept on the server."""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from urllib.parse import quote

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True, repr=False)
class ClientCredentials:
    name: str
    client_id: str
    client_secret: str
    token_url: str
    audience: str
    rest_url: str

    def __repr__(self) -> str:
        return f"ClientCredentials(client_id={self.client_id!r}, client_secret=<redacted>)"

    def variables(self) -> list[tuple[str, str]]:
        return [
            ("CAMUNDA_HUB_CLIENT_ID", self.client_id),
            ("CAMUNDA_HUB_CLIENT_SECRET", self.client_secret),
            ("CAMUNDA_OAUTH_URL", self.token_url),
            ("CAMUNDA_HUB_OAUTH_AUDIENCE", self.audience),
            ("CAMUNDA_HUB_REST_URL", self.rest_url),
        ]


def shell_exports(creds: ClientCredentials) -> str:
    return "".join(f"export {name}={shlex.quote(value)}\n" for name, value in creds.variables())


def _comment(text: str) -> str:
    return _CONTROL.sub(" ", text)


def dotenv(creds: ClientCredentials) -> str:
    lines = [f"# Camunda Hub API client {_comment(creds.name)!r}: keep this file private."]
    lines += [f"{name}={shlex.quote(value)}" for name, value in creds.variables()]
    return "\n".join(lines) + "\n"


def token_script(creds: ClientCredentials) -> str:
    defaults = "\n".join(
        f': "${{{name}:={shlex.quote(value)}}}"' for name, value in creds.variables()
    )
    return f"""#!/bin/sh
# Requests a Camunda Hub API access token for the API client {_comment(creds.name)!r}
# (OAuth 2.0 client credentials) and prints the token response (JSON).
# Holds the client secret: keep this file private (chmod 600).
# Variables already set in the environment win over the values below.
set -eu
{defaults}
export CAMUNDA_HUB_CLIENT_ID CAMUNDA_HUB_CLIENT_SECRET CAMUNDA_OAUTH_URL CAMUNDA_HUB_OAUTH_AUDIENCE CAMUNDA_HUB_REST_URL

curl --silent --show-error --fail-with-body -X POST "$CAMUNDA_OAUTH_URL" \\
  -H 'Content-Type: application/x-www-form-urlencoded' \\
  --data-urlencode 'grant_type=client_credentials' \\
  --data-urlencode "audience=$CAMUNDA_HUB_OAUTH_AUDIENCE" \\
  --data-urlencode "client_id=$CAMUNDA_HUB_CLIENT_ID" \\
  --data-urlencode "client_secret=$CAMUNDA_HUB_CLIENT_SECRET"
echo
# Then: curl -H "Authorization: Bearer <access_token>" "$CAMUNDA_HUB_REST_URL/api/v2/info"
"""


def data_url(text: str, media_type: str) -> str:
    return f"data:{media_type};charset=utf-8,{quote(text, safe='')}"
