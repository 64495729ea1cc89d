"""Data portability: consistent online backups, restores into either database, SQLite → PostgreSQL
migration (``camunda-hub db backup|restore|migrate``). The archive format is in
``docs/backup-format.md``."""
