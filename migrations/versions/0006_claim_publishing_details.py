"""Publishing details of a claim: summary, claimant and extra public appearances (issue 17).

Two new append-only tables, so no existing row changes and every audit digest already recorded stays
valid (adding columns to `claim` would change the digest of every claim, and a SQLite batch rebuild of
`claim` would drop its search triggers):
- `claim_detail`: one row per `claims set`, holding the whole new state (summary, claimant, claimant type);
  the newest row of a claim is in force.
- `claim_appearance`: a public URL where the claim was made, once per claim.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 20:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "claim_detail",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.Column("claimant", sa.String(length=512), nullable=True),
        sa.Column("claimant_type", sa.String(length=16), nullable=True),
        sa.Column("set_by", sa.String(length=200), nullable=False),
        sa.Column("set_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("claimant_type IS NULL OR claimant_type IN ('person', 'organization')",
                           name=op.f("ck_claim_detail_claimant_type_valid")),
        sa.ForeignKeyConstraint(["claim_id"], ["claim.id"], name=op.f("fk_claim_detail_claim_id_claim")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claim_detail")),
    )
    op.create_index(op.f("ix_claim_detail_claim_id"), "claim_detail", ["claim_id"])
    op.create_table(
        "claim_appearance",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("url", sa.String(length=2048), nullable=False),
        sa.Column("added_by", sa.String(length=200), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["claim_id"], ["claim.id"], name=op.f("fk_claim_appearance_claim_id_claim")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claim_appearance")),
        sa.UniqueConstraint("claim_id", "url", name=op.f("uq_claim_appearance_claim_id_url")),
    )
    op.create_index(op.f("ix_claim_appearance_claim_id"), "claim_appearance", ["claim_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_claim_appearance_claim_id"), table_name="claim_appearance")
    op.drop_table("claim_appearance")
    op.drop_index(op.f("ix_claim_detail_claim_id"), table_name="claim_detail")
    op.drop_table("claim_detail")
