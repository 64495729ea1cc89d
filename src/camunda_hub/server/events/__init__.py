"""The change feed of Hub data (``GET /api/v2/events``) and the webhooks fed from it."""
