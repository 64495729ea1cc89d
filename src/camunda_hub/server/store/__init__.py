"""The database: SQLAlchemy tables, Alembic migrations, the change feed and the audit trail."""
