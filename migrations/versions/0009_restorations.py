"""Restorations: a reviewer undoes a dismissal (who, when, why); the dismissal row stays.

Revision ID: 0009
Revises: 0007
Create Date: 2026-12-01 21:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import claimtrack.store.types

revision: str = '0009'
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('restoration',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('dismissal_id', sa.Integer(), nullable=False),
    sa.Column('claim_id', sa.Integer(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('reviewer', sa.String(length=200), nullable=False),
    sa.Column('created_at', claimtrack.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint('length(reason) > 0', name=op.f('ck_restoration_reason_present')),
    sa.ForeignKeyConstraint(['claim_id'], ['claim.id'], name=op.f('fk_restoration_claim_id_claim')),
    sa.ForeignKeyConstraint(['dismissal_id'], ['dismissal.id'], name=op.f('fk_restoration_dismissal_id_dismissal')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_restoration')),
    sa.UniqueConstraint('dismissal_id', name=op.f('uq_restoration_dismissal_id'))
    )
    with op.batch_alter_table('restoration', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_restoration_claim_id'), ['claim_id'], unique=False)
    if op.get_bind().dialect.name == "postgresql":  # like 0005's tables: stamped, append-only, granted
        op.execute("CREATE TRIGGER a_claimtrack_stamp BEFORE INSERT ON restoration FOR EACH ROW "
                   "EXECUTE FUNCTION claimtrack_stamp('reviewer')")
        op.execute("CREATE TRIGGER claimtrack_append_only BEFORE UPDATE OR DELETE ON restoration FOR EACH ROW "
                   "EXECUTE FUNCTION claimtrack_append_only()")
        op.execute("""DO $d$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'claimtrack_reviewer') THEN
    EXECUTE 'GRANT SELECT, INSERT ON restoration TO claimtrack_reviewer';
    EXECUTE 'GRANT USAGE, SELECT ON SEQUENCE restoration_id_seq TO claimtrack_reviewer';
    -- the tables of 0006 (publishing details) and 0007 (capture records, relied-on captures, archivings)
    -- came after 0005's grants: insert-only for reviewers too
    EXECUTE 'GRANT SELECT, INSERT ON claim_detail, claim_appearance, capture_record, verdict_capture, '
            'evidence_archive TO claimtrack_reviewer';
    EXECUTE 'GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ' || quote_ident(current_schema())
            || ' TO claimtrack_reviewer';
  END IF;
END $d$;""")


def downgrade() -> None:
    with op.batch_alter_table('restoration', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_restoration_claim_id'))
    op.drop_table('restoration')
