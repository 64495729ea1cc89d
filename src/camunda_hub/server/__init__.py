"""The Hub API server, its token issuer and web console (the ``[server]`` extra)."""

from camunda_hub import httpx_cli

# Before any server module imports httpx (webhooks, remote JWKS, external IdPs): its CLI is
# never used here.
httpx_cli.defer()
