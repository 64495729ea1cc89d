"""Running the server in production: health, metrics, logs, limits, token-endpoint throttling,
trust in external identity providers."""
