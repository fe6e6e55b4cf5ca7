"""Indexes for `claimtrack status` (issue 18/21): new claims since a reviewer's last session, and that session.

`claim (status, created_at)` finds the unreviewed claims created after a moment without walking every
unreviewed claim by score; `event (actor, created_at)` finds a reviewer's newest audit event (their last
session) without scanning the audit trail, which grows by hundreds of events per imported article.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01 23:45:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_claim_status_created", "claim", ["status", "created_at"])
    op.create_index("ix_event_actor_created", "event", ["actor", "created_at"])


def downgrade() -> None:
    op.drop_index("ix_event_actor_created", table_name="event")
    op.drop_index("ix_claim_status_created", table_name="claim")
