"""The token endpoint's protection: per-client and per-address request rates and the lockout
after failed secrets, counted in memory (one process) or in the database (shared)."""
