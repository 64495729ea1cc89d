"""event counter trigger (SQLite): an inserted event advances its organization's counter, so
recording one event is one statement (events/record.py)

Revision ID: 0015_event_counter_trigger
Revises: 0014_client_jwks_url
Create Date: 2026-12-03 13:15:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0015_event_counter_trigger"
down_revision: str | Sequence[str] | None = "0014_client_jwks_url"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# max(): a batch numbered by the counter upsert first (several events) leaves it as it is.
_CREATE = """
CREATE TRIGGER hub_events_advance_counter AFTER INSERT ON hub_events
BEGIN
    INSERT INTO hub_event_counters (organization_id, last_sequence, pruned_through)
    VALUES (NEW.organization_id, NEW.sequence, 0)
    ON CONFLICT (organization_id) DO UPDATE
    SET last_sequence = max(last_sequence, excluded.last_sequence);
END
"""


def upgrade() -> None:
    # PostgreSQL keeps the counter upsert: its writers do not serialise on the database.
    if op.get_bind().dialect.name == "sqlite":
        op.execute(_CREATE)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS hub_events_advance_counter")
