"""Fact-checks published elsewhere: imported ClaimReviews, their LSH keys, "checked elsewhere" suggestions
for claims and article versions, and reviewers' append-only decisions on them.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 19:47:53.352143
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import claimtrack.store.types

revision: str = '0003'
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('factcheck',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('url', sa.String(length=4096), nullable=True),
    sa.Column('publisher', sa.String(length=500), nullable=True),
    sa.Column('claim_text', sa.Text(), nullable=False),
    sa.Column('rating', sa.String(length=500), nullable=True),
    sa.Column('rating_value', sa.Float(), nullable=True),
    sa.Column('published', sa.String(length=40), nullable=True),
    sa.Column('language', sa.String(length=16), nullable=True),
    sa.Column('claimant', sa.String(length=500), nullable=True),
    sa.Column('licence', sa.String(length=500), nullable=True),
    sa.Column('review', sa.Text(), nullable=True),
    sa.Column('source', sa.String(length=4096), nullable=False),
    sa.Column('raw', sa.Text(), nullable=False),
    sa.Column('imported_at', claimtrack.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('imported_by', sa.String(length=200), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_factcheck')),
    sa.UniqueConstraint('key', name=op.f('uq_factcheck_key'))
    )
    op.create_table('factcheck_key',
    sa.Column('key', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('factcheck_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['factcheck_id'], ['factcheck.id'], name=op.f('fk_factcheck_key_factcheck_id_factcheck')),
    sa.PrimaryKeyConstraint('key', 'factcheck_id', name=op.f('pk_factcheck_key'))
    )
    with op.batch_alter_table('factcheck_key', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_factcheck_key_factcheck_id'), ['factcheck_id'], unique=False)

    op.create_table('factcheck_match',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('factcheck_id', sa.Integer(), nullable=False),
    sa.Column('claim_id', sa.Integer(), nullable=True),
    sa.Column('version_id', sa.Integer(), nullable=True),
    sa.Column('similarity', sa.Float(), nullable=False),
    sa.Column('confident', sa.Boolean(), nullable=False),
    sa.Column('reason', sa.String(length=64), nullable=False),
    sa.Column('created_at', claimtrack.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.String(length=200), nullable=False),
    sa.CheckConstraint('(claim_id IS NULL) <> (version_id IS NULL)', name=op.f('ck_factcheck_match_claim_or_version')),
    sa.CheckConstraint('similarity >= 0 AND similarity <= 1', name=op.f('ck_factcheck_match_similarity_range')),
    sa.ForeignKeyConstraint(['claim_id'], ['claim.id'], name=op.f('fk_factcheck_match_claim_id_claim')),
    sa.ForeignKeyConstraint(['factcheck_id'], ['factcheck.id'], name=op.f('fk_factcheck_match_factcheck_id_factcheck')),
    sa.ForeignKeyConstraint(['version_id'], ['article_version.id'], name=op.f('fk_factcheck_match_version_id_article_version')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_factcheck_match'))
    )
    with op.batch_alter_table('factcheck_match', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_factcheck_match_claim_id'), ['claim_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_factcheck_match_factcheck_id'), ['factcheck_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_factcheck_match_version_id'), ['version_id'], unique=False)

    op.create_table('factcheck_decision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('match_id', sa.Integer(), nullable=False),
    sa.Column('decision', sa.String(length=16), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('reviewer', sa.String(length=200), nullable=False),
    sa.Column('created_at', claimtrack.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint("decision IN ('confirmed', 'rejected')", name=op.f('ck_factcheck_decision_decision_valid')),
    sa.ForeignKeyConstraint(['match_id'], ['factcheck_match.id'], name=op.f('fk_factcheck_decision_match_id_factcheck_match')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_factcheck_decision'))
    )
    with op.batch_alter_table('factcheck_decision', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_factcheck_decision_match_id'), ['match_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('factcheck_decision', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_factcheck_decision_match_id'))

    op.drop_table('factcheck_decision')
    with op.batch_alter_table('factcheck_match', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_factcheck_match_version_id'))
        batch_op.drop_index(batch_op.f('ix_factcheck_match_factcheck_id'))
        batch_op.drop_index(batch_op.f('ix_factcheck_match_claim_id'))

    op.drop_table('factcheck_match')
    with op.batch_alter_table('factcheck_key', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_factcheck_key_factcheck_id'))

    op.drop_table('factcheck_key')
    op.drop_table('factcheck')
