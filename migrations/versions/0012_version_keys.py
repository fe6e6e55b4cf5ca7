"""Index of article versions' match keys, so a new fact-check finds whole messages and headlines (issue 20).

Until now a newly imported fact-check was looked up only in `claim_key`: an article version from which no
claim was extracted (a forwarded message, a headline) was never found from the fact-check's side. `version_key`
holds the same keys as `factcheck_key` (`text.factmatch.keys`) for each version's text. The table starts empty:
it is derived data, filled by `import` for new versions and rebuilt for existing ones by
`claimtrack factchecks reindex`; dropping it loses nothing that cannot be recomputed.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02 04:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "version_key",
        sa.Column("key", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["version_id"], ["article_version.id"],
                                name=op.f("fk_version_key_version_id_article_version")),
        sa.PrimaryKeyConstraint("key", "version_id", name=op.f("pk_version_key")),
    )
    with op.batch_alter_table("version_key", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_version_key_version_id"), ["version_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("version_key", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_version_key_version_id"))
    op.drop_table("version_key")
