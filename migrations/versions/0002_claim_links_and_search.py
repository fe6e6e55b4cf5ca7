"""Claim matching and full-text search: "similar to #N" links with append-only reviewer decisions, the
LSH key table that finds fuzzy-match candidates without scanning every claim, and a substring index over
claim texts and article texts (Chinese included).

The search index differs by database but answers the same question (which texts contain this substring):
- SQLite: contentless FTS5 tables with the trigram tokenizer (`fts_claim`, `fts_version`), filled and
  emptied by triggers so that every write path keeps them current. The indexed text is padded with two
  spaces so that a 1–2 character query always lies inside some trigram: it is answered from the
  `fts_*_vocab` (fts5vocab 'instance') tables, by the range of trigrams that begin with it.
- PostgreSQL: pg_trgm GIN indexes (`*_trgm`) on claim.text and article_version.text, which serve ILIKE.
  The extension is created once per database in `public` (tests use one schema each, which must not own
  it); the downgrade drops the indexes and leaves the extension, which other schemas may use.
Neither is described by the models: migrations/env.py skips them in autogenerate (models.include_name).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29 14:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PAD = "'  '"
FTS = {"fts_claim": ("claim", "text"), "fts_version": ("article_version", "text")}


def upgrade() -> None:
    _create_link_tables()
    if op.get_bind().dialect.name == "sqlite":
        for fts, (table, column) in FTS.items():
            _create_fts(fts, table, column)
    else:
        _create_trgm_indexes()
    _backfill_keys()


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for fts, (table, _) in FTS.items():
            for event in ("ai", "ad", "au"):
                op.execute(f"DROP TRIGGER IF EXISTS {fts}_{event}")
            op.execute(f"DROP TABLE IF EXISTS {fts}_vocab")
            op.execute(f"DROP TABLE IF EXISTS {fts}")
    else:
        op.execute("DROP INDEX IF EXISTS ix_claim_text_trgm")
        op.execute("DROP INDEX IF EXISTS ix_article_version_text_trgm")
    op.drop_table("claim_key")
    op.drop_table("link_decision")
    op.drop_table("claim_link")


def _create_link_tables() -> None:
    op.create_table(
        "claim_link",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("other_id", sa.Integer(), nullable=False),
        sa.Column("similarity", sa.Float(), nullable=False),
        sa.Column("method", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.CheckConstraint("claim_id <> other_id", name=op.f("ck_claim_link_distinct_claims")),
        sa.CheckConstraint("method IN ('fuzzy', 'manual')", name=op.f("ck_claim_link_method_valid")),
        sa.CheckConstraint("similarity >= 0 AND similarity <= 1", name=op.f("ck_claim_link_similarity_range")),
        sa.ForeignKeyConstraint(["claim_id"], ["claim.id"], name=op.f("fk_claim_link_claim_id_claim")),
        sa.ForeignKeyConstraint(["other_id"], ["claim.id"], name=op.f("fk_claim_link_other_id_claim")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claim_link")),
        sa.UniqueConstraint("claim_id", "other_id", name=op.f("uq_claim_link_claim_id_other_id")),
    )
    op.create_index(op.f("ix_claim_link_claim_id"), "claim_link", ["claim_id"])
    op.create_index(op.f("ix_claim_link_other_id"), "claim_link", ["other_id"])
    op.create_table(
        "link_decision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("link_id", sa.Integer(), nullable=False),
        sa.Column("decision", sa.String(length=16), nullable=False),
        sa.Column("survivor_id", sa.Integer(), nullable=True),
        sa.Column("reviewer", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("decision = 'unlinked' OR survivor_id IS NOT NULL",
                           name=op.f("ck_link_decision_merge_has_survivor")),
        sa.CheckConstraint("decision IN ('merged', 'unlinked')", name=op.f("ck_link_decision_decision_valid")),
        sa.ForeignKeyConstraint(["link_id"], ["claim_link.id"], name=op.f("fk_link_decision_link_id_claim_link")),
        sa.ForeignKeyConstraint(["survivor_id"], ["claim.id"], name=op.f("fk_link_decision_survivor_id_claim")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_link_decision")),
    )
    op.create_index(op.f("ix_link_decision_link_id"), "link_decision", ["link_id"])
    op.create_index(op.f("ix_link_decision_survivor_id"), "link_decision", ["survivor_id"])
    op.create_table(
        "claim_key",
        sa.Column("key", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["claim_id"], ["claim.id"], name=op.f("fk_claim_key_claim_id_claim")),
        sa.PrimaryKeyConstraint("key", "claim_id", name=op.f("pk_claim_key")),
    )
    op.create_index(op.f("ix_claim_key_claim_id"), "claim_key", ["claim_id"])


def _create_fts(fts: str, table: str, column: str) -> None:
    op.execute(f"CREATE VIRTUAL TABLE {fts} USING fts5(body, tokenize='trigram', content='')")
    op.execute(f"CREATE VIRTUAL TABLE {fts}_vocab USING fts5vocab({fts}, 'instance')")
    insert = f"INSERT INTO {fts}(rowid, body) VALUES (new.id, new.{column} || {PAD});"
    delete = f"INSERT INTO {fts}({fts}, rowid, body) VALUES ('delete', old.id, old.{column} || {PAD});"
    op.execute(f"CREATE TRIGGER {fts}_ai AFTER INSERT ON {table} BEGIN {insert} END")
    op.execute(f"CREATE TRIGGER {fts}_ad AFTER DELETE ON {table} BEGIN {delete} END")
    op.execute(f"CREATE TRIGGER {fts}_au AFTER UPDATE OF {column} ON {table} BEGIN {delete} {insert} END")
    op.execute(f"INSERT INTO {fts}(rowid, body) SELECT id, {column} || {PAD} FROM {table}")


def _create_trgm_indexes() -> None:
    bind = op.get_bind()
    available = bind.execute(sa.text("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'")).first()
    if available is None:
        return  # search still works (ILIKE scans); `db check` users see no index, nothing breaks
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public")
    schema = bind.execute(sa.text(
        "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace"
        " WHERE e.extname = 'pg_trgm'")).scalar_one()
    ops = f'"{schema}".gin_trgm_ops'
    op.execute(f"CREATE INDEX ix_claim_text_trgm ON claim USING gin (text {ops})")
    op.execute(f"CREATE INDEX ix_article_version_text_trgm ON article_version USING gin (text {ops})")


def _backfill_keys() -> None:
    """Existing claims get their candidate keys (the key scheme is code; a change of it needs a new revision)."""
    from claimtrack.text.similarity import claim_keys

    bind = op.get_bind()
    rows = bind.execute(sa.text("SELECT id, normalized FROM claim")).fetchall()
    keys = [{"key": key, "claim_id": row.id} for row in rows for key in claim_keys(row.normalized)]
    if keys:
        bind.execute(sa.text("INSERT INTO claim_key (key, claim_id) VALUES (:key, :claim_id)"), keys)
