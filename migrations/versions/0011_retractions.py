"""Retractions: a reviewer withdraws their own evidence, approval or (first) verdict; the row stays.

Issue 18 (undo at the review desk): every undo is an audited row, nothing is deleted or updated. A
`retraction` names exactly one evidence item, approval or verdict (each at most once), with who, when and why.
A verdict whose approval was retracted may be approved again, so `approval.verdict_id` is no longer unique
(one approval *in force* per verdict is the application's rule, under its write lock); downgrading refuses
while a verdict has more than one approval row, since the old unique constraint could not hold them.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 04:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import claimtrack.store.types

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ONE_TARGET = ("(CASE WHEN evidence_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN approval_id IS NULL "
              "THEN 0 ELSE 1 END) + (CASE WHEN verdict_id IS NULL THEN 0 ELSE 1 END) = 1")


def upgrade() -> None:
    with op.batch_alter_table("approval", schema=None) as batch_op:
        batch_op.drop_constraint("uq_approval_verdict_id", type_="unique")
        batch_op.create_index(batch_op.f("ix_approval_verdict_id"), ["verdict_id"], unique=False)
    op.create_table(
        "retraction",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("evidence_id", sa.Integer(), nullable=True),
        sa.Column("approval_id", sa.Integer(), nullable=True),
        sa.Column("verdict_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("reviewer", sa.String(length=200), nullable=False),
        sa.Column("created_at", claimtrack.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("length(reason) > 0", name=op.f("ck_retraction_reason_present")),
        sa.CheckConstraint(ONE_TARGET, name=op.f("ck_retraction_one_target")),
        sa.ForeignKeyConstraint(["claim_id"], ["claim.id"], name=op.f("fk_retraction_claim_id_claim")),
        sa.ForeignKeyConstraint(["evidence_id"], ["evidence.id"], name=op.f("fk_retraction_evidence_id_evidence")),
        sa.ForeignKeyConstraint(["approval_id"], ["approval.id"], name=op.f("fk_retraction_approval_id_approval")),
        sa.ForeignKeyConstraint(["verdict_id"], ["verdict.id"], name=op.f("fk_retraction_verdict_id_verdict")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_retraction")),
        sa.UniqueConstraint("evidence_id", name=op.f("uq_retraction_evidence_id")),
        sa.UniqueConstraint("approval_id", name=op.f("uq_retraction_approval_id")),
        sa.UniqueConstraint("verdict_id", name=op.f("uq_retraction_verdict_id")),
    )
    with op.batch_alter_table("retraction", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_retraction_claim_id"), ["claim_id"], unique=False)
    if op.get_bind().dialect.name == "postgresql":  # like 0005's and 0009's tables: stamped, append-only, granted
        op.execute("CREATE TRIGGER a_claimtrack_stamp BEFORE INSERT ON retraction FOR EACH ROW "
                   "EXECUTE FUNCTION claimtrack_stamp('reviewer')")
        op.execute("CREATE TRIGGER claimtrack_append_only BEFORE UPDATE OR DELETE ON retraction FOR EACH ROW "
                   "EXECUTE FUNCTION claimtrack_append_only()")
        op.execute("""DO $d$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'claimtrack_reviewer') THEN
    EXECUTE 'GRANT SELECT, INSERT ON retraction TO claimtrack_reviewer';
    EXECUTE 'GRANT USAGE, SELECT ON SEQUENCE retraction_id_seq TO claimtrack_reviewer';
  END IF;
END $d$;""")


def downgrade() -> None:
    twice = op.get_bind().execute(sa.text(
        "SELECT verdict_id FROM approval GROUP BY verdict_id HAVING count(*) > 1 LIMIT 1")).first()
    if twice is not None:
        raise RuntimeError(f"verdict {twice[0]} was approved again after a retracted approval: revision 0010 "
                           "allows one approval row per verdict, so this database cannot go below 0011")
    with op.batch_alter_table("retraction", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_retraction_claim_id"))
    op.drop_table("retraction")
    with op.batch_alter_table("approval", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_approval_verdict_id"))
        batch_op.create_unique_constraint("uq_approval_verdict_id", ["verdict_id"])
