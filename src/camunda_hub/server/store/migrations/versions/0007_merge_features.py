"""Join the feature branches (console, ops, snapshots, clusters) into one history.

Revision ID: 0007_merge_features
Revises: 0003_console, 0004_ops, 0005_snapshots, 0006_clusters
"""

from collections.abc import Sequence

revision: str = "0007_merge_features"
down_revision: str | Sequence[str] | None = (
    "0003_console",
    "0004_ops",
    "0005_snapshots",
    "0006_clusters",
)
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Nothing to change: a merge point only."""


def downgrade() -> None:
    """Nothing to change: a merge point only."""
