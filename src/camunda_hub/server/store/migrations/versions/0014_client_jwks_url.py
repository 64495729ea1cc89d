"""client jwks url: an API client's public keys fetched from a JWK Set URL (private_key_jwt)

Revision ID: 0014_client_jwks_url
Revises: 0013_client_keys
Create Date: 2026-12-03 13:05:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014_client_jwks_url"
down_revision: str | Sequence[str] | None = "0013_client_keys"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("api_clients", sa.Column("jwks_url", sa.String(length=2048), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("api_clients") as batch:
        batch.drop_column("jwks_url")
