"""Initial schema: articles and their versions, claims and their mentions and quantities, evidence and
captures, the rating scale, verdicts, approvals, dismissals, the audit event chain and exports.

The rating table is seeded with the default scale so that verdicts can reference it by name.

Revision ID: 0001
Revises: 
Create Date: 2026-11-29 11:49:07.763904
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Worst first; kept here (not imported) so that this revision never changes when the code does.
DEFAULT_SCALE = ("false", "mostly-false", "misleading", "half-true", "mostly-true", "true", "unverifiable")


def upgrade() -> None:
    op.create_table('article',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=2048), nullable=False),
    sa.Column('url', sa.String(length=2048), nullable=True),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('site', sa.String(length=512), nullable=True),
    sa.Column('author', sa.String(length=512), nullable=True),
    sa.Column('published', sa.String(length=40), nullable=True),
    sa.Column('language', sa.String(length=16), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.String(length=200), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_article')),
    sa.UniqueConstraint('source', name=op.f('uq_article_source'))
    )
    with op.batch_alter_table('article', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_article_created_at'), ['created_at'], unique=False)

    op.create_table('event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor', sa.String(length=200), nullable=False),
    sa.Column('action', sa.String(length=64), nullable=False),
    sa.Column('entity', sa.String(length=32), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=True),
    sa.Column('payload', sa.Text(), nullable=False),
    sa.Column('prev_hash', sa.String(length=64), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event')),
    sa.UniqueConstraint('hash', name=op.f('uq_event_hash'))
    )
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.create_index('ix_event_entity', ['entity', 'entity_id'], unique=False)

    op.create_table('export',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('generated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('format', sa.String(length=16), nullable=False),
    sa.Column('since', sa.DateTime(timezone=True), nullable=True),
    sa.Column('until', sa.DateTime(timezone=True), nullable=True),
    sa.Column('path', sa.String(length=4096), nullable=False),
    sa.Column('rows', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('actor', sa.String(length=200), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_export'))
    )
    with op.batch_alter_table('export', schema=None) as batch_op:
        batch_op.create_index('ix_export_format_created', ['format', 'created_at'], unique=False)

    rating = op.create_table('rating',
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('value', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_rating'))
    )
    op.bulk_insert(rating, [{"name": name, "value": value} for value, name in enumerate(DEFAULT_SCALE, 1)])
    op.create_table('article_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('raw', sa.LargeBinary(), nullable=False),
    sa.Column('raw_sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('text_sha256', sa.String(length=64), nullable=False),
    sa.Column('content_type', sa.String(length=200), nullable=True),
    sa.Column('encoding', sa.String(length=64), nullable=True),
    sa.Column('extractor', sa.String(length=100), nullable=True),
    sa.Column('extractor_version', sa.String(length=40), nullable=True),
    sa.Column('source', sa.String(length=2048), nullable=False),
    sa.Column('final_url', sa.String(length=2048), nullable=True),
    sa.Column('http_status', sa.Integer(), nullable=True),
    sa.Column('fetched_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('repeats', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('number >= 1', name=op.f('ck_article_version_number_positive')),
    sa.CheckConstraint('size >= 0', name=op.f('ck_article_version_size_nonnegative')),
    sa.ForeignKeyConstraint(['article_id'], ['article.id'], name=op.f('fk_article_version_article_id_article')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_article_version')),
    sa.UniqueConstraint('article_id', 'number', name=op.f('uq_article_version_article_id_number'))
    )
    with op.batch_alter_table('article_version', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_article_version_article_id'), ['article_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_article_version_raw_sha256'), ['raw_sha256'], unique=False)
        batch_op.create_index(batch_op.f('ix_article_version_text_sha256'), ['text_sha256'], unique=False)

    op.create_table('claim',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('fingerprint', sa.String(length=64), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('normalized', sa.Text(), nullable=False),
    sa.Column('language', sa.String(length=16), nullable=True),
    sa.Column('score', sa.Float(), nullable=False),
    sa.Column('reasons', sa.JSON(), nullable=False),
    sa.Column('origin', sa.String(length=16), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('rating', sa.String(length=40), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.String(length=200), nullable=False),
    sa.CheckConstraint("origin IN ('extracted', 'manual')", name=op.f('ck_claim_origin_valid')),
    sa.CheckConstraint("status IN ('unreviewed', 'in_review', 'rated', 'approved', 'dismissed')", name=op.f('ck_claim_status_valid')),
    sa.CheckConstraint('score >= 0 AND score <= 1', name=op.f('ck_claim_score_range')),
    sa.ForeignKeyConstraint(['rating'], ['rating.name'], name=op.f('fk_claim_rating_rating')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_claim')),
    sa.UniqueConstraint('fingerprint', name=op.f('uq_claim_fingerprint'))
    )
    with op.batch_alter_table('claim', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_claim_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_claim_rating'), ['rating'], unique=False)
        batch_op.create_index('ix_claim_score', ['score'], unique=False)
        batch_op.create_index('ix_claim_status_score', ['status', 'score'], unique=False)

    op.create_table('dismissal',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('claim_id', sa.Integer(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('reviewer', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('length(reason) > 0', name=op.f('ck_dismissal_reason_present')),
    sa.ForeignKeyConstraint(['claim_id'], ['claim.id'], name=op.f('fk_dismissal_claim_id_claim')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dismissal'))
    )
    with op.batch_alter_table('dismissal', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dismissal_claim_id'), ['claim_id'], unique=False)

    op.create_table('evidence',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('claim_id', sa.Integer(), nullable=False),
    sa.Column('url', sa.String(length=2048), nullable=False),
    sa.Column('stance', sa.String(length=16), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('added_by', sa.String(length=200), nullable=False),
    sa.Column('added_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("stance IN ('supports', 'refutes', 'context')", name=op.f('ck_evidence_stance_valid')),
    sa.ForeignKeyConstraint(['claim_id'], ['claim.id'], name=op.f('fk_evidence_claim_id_claim')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_evidence'))
    )
    with op.batch_alter_table('evidence', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_evidence_claim_id'), ['claim_id'], unique=False)

    op.create_table('mention',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('claim_id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('span_start', sa.Integer(), nullable=True),
    sa.Column('span_end', sa.Integer(), nullable=True),
    sa.Column('quote', sa.Text(), nullable=False),
    sa.Column('prefix', sa.Text(), nullable=False),
    sa.Column('suffix', sa.Text(), nullable=False),
    sa.Column('paragraph', sa.Integer(), nullable=True),
    sa.Column('sentence_index', sa.Integer(), nullable=True),
    sa.Column('score', sa.Float(), nullable=True),
    sa.Column('reasons', sa.JSON(), nullable=False),
    sa.Column('orphaned', sa.Boolean(), server_default=sa.text('(false)'), nullable=False),
    sa.Column('anchor', sa.String(length=16), nullable=False),
    sa.Column('similarity', sa.Float(), nullable=True),
    sa.Column('previous_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("anchor IN ('extracted', 'manual', 'position', 'exact', 'context', 'fuzzy', 'orphaned')", name=op.f('ck_mention_anchor_valid')),
    sa.CheckConstraint('orphaned OR (span_start IS NOT NULL AND span_end IS NOT NULL AND span_start >= 0 AND span_start < span_end)', name=op.f('ck_mention_span_valid')),
    sa.ForeignKeyConstraint(['claim_id'], ['claim.id'], name=op.f('fk_mention_claim_id_claim')),
    sa.ForeignKeyConstraint(['previous_id'], ['mention.id'], name=op.f('fk_mention_previous_id_mention')),
    sa.ForeignKeyConstraint(['version_id'], ['article_version.id'], name=op.f('fk_mention_version_id_article_version')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mention')),
    sa.UniqueConstraint('version_id', 'span_start', 'span_end', name=op.f('uq_mention_version_id_span_start_span_end'))
    )
    with op.batch_alter_table('mention', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mention_claim_id'), ['claim_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_mention_version_id'), ['version_id'], unique=False)

    op.create_table('quantity',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('claim_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.String(length=200), nullable=False),
    sa.Column('span_start', sa.Integer(), nullable=False),
    sa.Column('span_end', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('value', sa.Float(), nullable=True),
    sa.Column('low', sa.Float(), nullable=True),
    sa.Column('high', sa.Float(), nullable=True),
    sa.Column('qualifier', sa.String(length=16), nullable=True),
    sa.Column('unit', sa.String(length=40), nullable=True),
    sa.Column('currency', sa.String(length=8), nullable=True),
    sa.CheckConstraint("qualifier IS NULL OR qualifier IN ('nearly', 'approx', 'over', 'under', 'at_most', 'at_least', 'range')", name=op.f('ck_quantity_qualifier_valid')),
    sa.CheckConstraint('span_start >= 0 AND span_start < span_end', name=op.f('ck_quantity_span_valid')),
    sa.ForeignKeyConstraint(['claim_id'], ['claim.id'], name=op.f('fk_quantity_claim_id_claim')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_quantity'))
    )
    with op.batch_alter_table('quantity', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_quantity_claim_id'), ['claim_id'], unique=False)

    op.create_table('verdict',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('claim_id', sa.Integer(), nullable=False),
    sa.Column('rating', sa.String(length=40), nullable=False),
    sa.Column('rationale', sa.Text(), nullable=False),
    sa.Column('reviewer', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('supersedes_id', sa.Integer(), nullable=True),
    sa.CheckConstraint('length(rationale) > 0', name=op.f('ck_verdict_rationale_present')),
    sa.ForeignKeyConstraint(['claim_id'], ['claim.id'], name=op.f('fk_verdict_claim_id_claim')),
    sa.ForeignKeyConstraint(['rating'], ['rating.name'], name=op.f('fk_verdict_rating_rating')),
    sa.ForeignKeyConstraint(['supersedes_id'], ['verdict.id'], name=op.f('fk_verdict_supersedes_id_verdict')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_verdict')),
    sa.UniqueConstraint('supersedes_id', name=op.f('uq_verdict_supersedes_id'))
    )
    with op.batch_alter_table('verdict', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_verdict_claim_id'), ['claim_id'], unique=False)
        batch_op.create_index('ix_verdict_reviewer', ['reviewer'], unique=False)
        batch_op.create_index('uq_verdict_claim_first', ['claim_id'], unique=True, sqlite_where=sa.text('supersedes_id IS NULL'), postgresql_where=sa.text('supersedes_id IS NULL'))

    op.create_table('approval',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('verdict_id', sa.Integer(), nullable=False),
    sa.Column('reviewer', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['verdict_id'], ['verdict.id'], name=op.f('fk_approval_verdict_id_verdict')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_approval')),
    sa.UniqueConstraint('verdict_id', name=op.f('uq_approval_verdict_id'))
    )
    op.create_table('capture',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('evidence_id', sa.Integer(), nullable=False),
    sa.Column('fetched_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('outcome', sa.String(length=16), nullable=False),
    sa.Column('status', sa.Integer(), nullable=True),
    sa.Column('final_url', sa.String(length=2048), nullable=True),
    sa.Column('content_type', sa.String(length=200), nullable=True),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('sha256', sa.String(length=64), nullable=True),
    sa.Column('size', sa.Integer(), nullable=True),
    sa.Column('body', sa.LargeBinary(), nullable=True),
    sa.Column('body_encoding', sa.String(length=16), nullable=True),
    sa.Column('error', sa.Text(), nullable=True),
    sa.CheckConstraint("outcome IN ('ok', 'unchanged', 'changed', 'dead', 'error', 'skipped')", name=op.f('ck_capture_outcome_valid')),
    sa.ForeignKeyConstraint(['evidence_id'], ['evidence.id'], name=op.f('fk_capture_evidence_id_evidence')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_capture'))
    )
    with op.batch_alter_table('capture', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_capture_evidence_id'), ['evidence_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('capture', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_capture_evidence_id'))

    op.drop_table('capture')
    op.drop_table('approval')
    with op.batch_alter_table('verdict', schema=None) as batch_op:
        batch_op.drop_index('uq_verdict_claim_first', sqlite_where=sa.text('supersedes_id IS NULL'), postgresql_where=sa.text('supersedes_id IS NULL'))
        batch_op.drop_index('ix_verdict_reviewer')
        batch_op.drop_index(batch_op.f('ix_verdict_claim_id'))

    op.drop_table('verdict')
    with op.batch_alter_table('quantity', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_quantity_claim_id'))

    op.drop_table('quantity')
    with op.batch_alter_table('mention', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mention_version_id'))
        batch_op.drop_index(batch_op.f('ix_mention_claim_id'))

    op.drop_table('mention')
    with op.batch_alter_table('evidence', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_evidence_claim_id'))

    op.drop_table('evidence')
    with op.batch_alter_table('dismissal', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dismissal_claim_id'))

    op.drop_table('dismissal')
    with op.batch_alter_table('claim', schema=None) as batch_op:
        batch_op.drop_index('ix_claim_status_score')
        batch_op.drop_index('ix_claim_score')
        batch_op.drop_index(batch_op.f('ix_claim_rating'))
        batch_op.drop_index(batch_op.f('ix_claim_created_at'))

    op.drop_table('claim')
    with op.batch_alter_table('article_version', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_article_version_text_sha256'))
        batch_op.drop_index(batch_op.f('ix_article_version_raw_sha256'))
        batch_op.drop_index(batch_op.f('ix_article_version_article_id'))

    op.drop_table('article_version')
    op.drop_table('rating')
    with op.batch_alter_table('export', schema=None) as batch_op:
        batch_op.drop_index('ix_export_format_created')

    op.drop_table('export')
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.drop_index('ix_event_entity')

    op.drop_table('event')
    with op.batch_alter_table('article', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_article_created_at'))

    op.drop_table('article')
