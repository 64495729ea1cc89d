"""Names of the claims this server puts into its access tokens, shared by the minting
(``oauth/minting.py``) and the verification (``security/bearer.py``) of those tokens."""

from __future__ import annotations

ORG_CLAIM = "https://camunda.com/orgId"
# Private claim: the client generation the token was minted under (rotation/permission changes
# bump it, which is how tokens minted before stop verifying even within one second).
GENERATION_CLAIM = "gen"
