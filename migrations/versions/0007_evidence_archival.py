"""Evidence kept to archival standard: the wire-level record of each capture (request and response headers of
every hop, the address connected to, timings, the WARC payload digest), the captures each verdict relied on,
and submissions of evidence to an outside archive.

New tables only, so that no `capture` or `verdict` row (nor the digest its audit event carries) changes:
- `capture_record`, one per capture. Captures stored before this revision get one with `headers_known`
  false (nothing about their headers was kept) and the payload digest (`sha1:` + base32, as WARC writes it)
  computed here from the stored, zlib-compressed body.
- `verdict_capture`: for each verdict given before this revision, the newest capture of each of the claim's
  evidence fetched at or before the verdict, marked `inferred` (the verdict itself did not say).
- `evidence_archive`: empty.
The backfilled rows are derived data, not anyone's act, so they append no audit events.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 20:00:00
"""

import base64
import hashlib
import zlib
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 500


def upgrade() -> None:
    op.create_table(
        "capture_record",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("capture_id", sa.Integer(), nullable=False),
        sa.Column("headers_known", sa.Boolean(), nullable=False),
        sa.Column("method", sa.String(length=16), nullable=True),
        sa.Column("http_version", sa.String(length=16), nullable=True),
        sa.Column("reason", sa.String(length=200), nullable=True),
        sa.Column("peer_ip", sa.String(length=64), nullable=True),
        sa.Column("request_headers", sa.JSON(), nullable=True),
        sa.Column("response_headers", sa.JSON(), nullable=True),
        sa.Column("redirects", sa.JSON(), nullable=False),
        sa.Column("timings", sa.JSON(), nullable=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("payload_digest", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["capture_id"], ["capture.id"], name=op.f("fk_capture_record_capture_id_capture")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_capture_record")),
        sa.UniqueConstraint("capture_id", name=op.f("uq_capture_record_capture_id")),
    )
    op.create_table(
        "verdict_capture",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("verdict_id", sa.Integer(), nullable=False),
        sa.Column("capture_id", sa.Integer(), nullable=False),
        sa.Column("inferred", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["capture_id"], ["capture.id"], name=op.f("fk_verdict_capture_capture_id_capture")),
        sa.ForeignKeyConstraint(["verdict_id"], ["verdict.id"], name=op.f("fk_verdict_capture_verdict_id_verdict")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_verdict_capture")),
        sa.UniqueConstraint("verdict_id", "capture_id", name=op.f("uq_verdict_capture_verdict_id_capture_id")),
    )
    op.create_index(op.f("ix_verdict_capture_capture_id"), "verdict_capture", ["capture_id"])
    op.create_index(op.f("ix_verdict_capture_verdict_id"), "verdict_capture", ["verdict_id"])
    op.create_table(
        "evidence_archive",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("evidence_id", sa.Integer(), nullable=False),
        sa.Column("endpoint", sa.String(length=2048), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("archive_url", sa.String(length=2048), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("requested_by", sa.String(length=200), nullable=False),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("outcome IN ('ok', 'error')", name=op.f("ck_evidence_archive_outcome_valid")),
        sa.ForeignKeyConstraint(["evidence_id"], ["evidence.id"],
                                name=op.f("fk_evidence_archive_evidence_id_evidence")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence_archive")),
    )
    op.create_index(op.f("ix_evidence_archive_evidence_id"), "evidence_archive", ["evidence_id"])
    _backfill_records()
    _backfill_relied_on()


def downgrade() -> None:
    op.drop_index(op.f("ix_evidence_archive_evidence_id"), table_name="evidence_archive")
    op.drop_table("evidence_archive")
    op.drop_index(op.f("ix_verdict_capture_verdict_id"), table_name="verdict_capture")
    op.drop_index(op.f("ix_verdict_capture_capture_id"), table_name="verdict_capture")
    op.drop_table("verdict_capture")
    op.drop_table("capture_record")


_capture = sa.table("capture", sa.column("id", sa.Integer), sa.column("evidence_id", sa.Integer),
                    sa.column("fetched_at", sa.DateTime(timezone=True)), sa.column("body", sa.LargeBinary),
                    sa.column("body_encoding", sa.String))
_record = sa.table("capture_record", sa.column("capture_id", sa.Integer), sa.column("headers_known", sa.Boolean),
                   sa.column("redirects", sa.JSON), sa.column("payload_digest", sa.String),
                   sa.column("created_at", sa.DateTime(timezone=True)))


def _digest(body: bytes | None, encoding: str | None) -> str | None:
    if body is None:
        return None
    raw = zlib.decompress(body) if encoding == "zlib" else body
    return "sha1:" + base64.b32encode(hashlib.sha1(raw).digest()).decode("ascii")


def _backfill_records() -> None:
    from datetime import UTC, datetime

    bind, last, now = op.get_bind(), 0, datetime.now(UTC)
    if bind.dialect.name == "sqlite":  # stored naive there, as UTCDateTime does
        now = now.replace(tzinfo=None)
    while True:
        rows = bind.execute(sa.select(_capture.c.id, _capture.c.body, _capture.c.body_encoding)
                            .where(_capture.c.id > last).order_by(_capture.c.id).limit(BATCH)).all()
        if not rows:
            return
        bind.execute(_record.insert(), [{"capture_id": r.id, "headers_known": False, "redirects": [],
                                         "payload_digest": _digest(r.body, r.body_encoding), "created_at": now}
                                        for r in rows])
        last = rows[-1].id


def _backfill_relied_on() -> None:
    bind = op.get_bind()
    verdict = sa.table("verdict", sa.column("id", sa.Integer), sa.column("claim_id", sa.Integer),
                       sa.column("created_at", sa.DateTime(timezone=True)))
    evidence = sa.table("evidence", sa.column("id", sa.Integer), sa.column("claim_id", sa.Integer))
    link = sa.table("verdict_capture", sa.column("verdict_id", sa.Integer), sa.column("capture_id", sa.Integer),
                    sa.column("inferred", sa.Boolean))
    newest = (sa.select(verdict.c.id.label("verdict_id"), sa.func.max(_capture.c.id).label("capture_id"))
              .select_from(verdict.join(evidence, evidence.c.claim_id == verdict.c.claim_id)
                           .join(_capture, _capture.c.evidence_id == evidence.c.id))
              .where(_capture.c.fetched_at <= verdict.c.created_at)
              .group_by(verdict.c.id, evidence.c.id))
    rows = [{"verdict_id": r.verdict_id, "capture_id": r.capture_id, "inferred": True}
            for r in bind.execute(newest)]
    for start in range(0, len(rows), BATCH):
        bind.execute(link.insert(), rows[start:start + BATCH])
