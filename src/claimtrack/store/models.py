"""The data model: typed SQLAlchemy 2.x models, one class a table.

The one idea: rows that record what happened (versions, mentions, evidence, captures, verdicts, approvals,
dismissals, restorations, retractions, events) are only ever inserted; a change is a new row that supersedes
or withdraws an old one. The only
columns ever updated are caches derived from those rows (`claim.status`, `claim.rating`), refreshed in the
same transaction as the rows they summarise and recomputed by `db check`.

Spans follow the W3C Web Annotation selectors: `start`/`end` are Unicode code-point offsets into
`article_version.text` (TextPositionSelector) and `quote`/`prefix`/`suffix` repeat the words
(TextQuoteSelector). Invariant: `version.text[start:end] == quote` for every mention that is not orphaned.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    select,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from claimtrack.clock import utcnow
from claimtrack.store.types import UTCDateTime

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

STANCES = ("supports", "refutes", "context")
QUALIFIERS = ("nearly", "approx", "over", "under", "at_most", "at_least", "range")
CLAIM_STATUSES = ("unreviewed", "in_review", "rated", "approved", "dismissed")
CAPTURE_OUTCOMES = ("ok", "unchanged", "changed", "dead", "error", "skipped")
ANCHORS = ("extracted", "manual", "position", "exact", "context", "fuzzy", "orphaned")


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UTCDateTime(), dict[str, Any]: JSON, list[Any]: JSON}


class Article(Base):
    """One logical document, identified by its source (canonical URL or absolute path)."""

    __tablename__ = "article"

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(2048), unique=True)
    url: Mapped[str | None] = mapped_column(String(2048))
    title: Mapped[str | None] = mapped_column(Text)
    site: Mapped[str | None] = mapped_column(String(512))
    author: Mapped[str | None] = mapped_column(String(512))
    published: Mapped[str | None] = mapped_column(String(40))
    language: Mapped[str | None] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    created_by: Mapped[str] = mapped_column(String(200))

    versions: Mapped[list[ArticleVersion]] = relationship(
        back_populates="article", order_by="ArticleVersion.number"
    )


class ArticleVersion(Base):
    """One distinct content of an article, with the provenance of the fetch. Never updated."""

    __tablename__ = "article_version"
    __table_args__ = (
        UniqueConstraint("article_id", "number"),
        CheckConstraint("number >= 1", name="number_positive"),
        CheckConstraint("size >= 0", name="size_nonnegative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("article.id"), index=True)
    number: Mapped[int]
    raw: Mapped[bytes] = mapped_column(LargeBinary)
    raw_sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int]
    text: Mapped[str] = mapped_column(Text)
    text_sha256: Mapped[str] = mapped_column(String(64), index=True)
    content_type: Mapped[str | None] = mapped_column(String(200))
    encoding: Mapped[str | None] = mapped_column(String(64))
    extractor: Mapped[str | None] = mapped_column(String(100))
    extractor_version: Mapped[str | None] = mapped_column(String(40))
    source: Mapped[str] = mapped_column(String(2048))
    final_url: Mapped[str | None] = mapped_column(String(2048))
    canonical_url: Mapped[str | None] = mapped_column(String(2048))  # as the page declared it
    http_status: Mapped[int | None]
    fetched_at: Mapped[datetime]
    repeats: Mapped[list[Any]] = mapped_column(default=list)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    article: Mapped[Article] = relationship(back_populates="versions")


class Claim(Base):
    """A normalized check-worthy statement; `fingerprint` (hash of the normalized text) is unique."""

    __tablename__ = "claim"
    __table_args__ = (
        CheckConstraint("score >= 0 AND score <= 1", name="score_range"),
        CheckConstraint(_in("status", CLAIM_STATUSES), name="status_valid"),
        CheckConstraint(_in("origin", ("extracted", "manual")), name="origin_valid"),
        Index("ix_claim_status_score", "status", "score"),
        Index("ix_claim_score", "score"),
        Index("ix_claim_status_created", "status", "created_at"),  # 0010: new claims since a session
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(64), unique=True)
    text: Mapped[str] = mapped_column(Text)
    normalized: Mapped[str] = mapped_column(Text)
    language: Mapped[str | None] = mapped_column(String(16))
    score: Mapped[float] = mapped_column(Float)
    reasons: Mapped[list[Any]] = mapped_column(default=list)
    origin: Mapped[str] = mapped_column(String(16), default="extracted")
    status: Mapped[str] = mapped_column(String(16), default="unreviewed")
    rating: Mapped[str | None] = mapped_column(ForeignKey("rating.name"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    created_by: Mapped[str] = mapped_column(String(200))

    mentions: Mapped[list[Mention]] = relationship(back_populates="claim", order_by="Mention.id")
    quantities: Mapped[list[Quantity]] = relationship(back_populates="claim", order_by="Quantity.start")


class Mention(Base):
    """Where a claim appears: a span of one article version (W3C position + quote selectors)."""

    __tablename__ = "mention"
    __table_args__ = (
        UniqueConstraint("version_id", "span_start", "span_end"),
        CheckConstraint(
            "orphaned OR (span_start IS NOT NULL AND span_end IS NOT NULL"
            " AND span_start >= 0 AND span_start < span_end)",
            name="span_valid",
        ),
        CheckConstraint(_in("anchor", ANCHORS), name="anchor_valid"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claim.id"), index=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("article_version.id"), index=True)
    start: Mapped[int | None] = mapped_column("span_start")
    end: Mapped[int | None] = mapped_column("span_end")
    quote: Mapped[str] = mapped_column(Text)
    prefix: Mapped[str] = mapped_column(Text, default="")
    suffix: Mapped[str] = mapped_column(Text, default="")
    paragraph: Mapped[int | None]
    sentence_index: Mapped[int | None]
    score: Mapped[float | None] = mapped_column(Float)
    reasons: Mapped[list[Any]] = mapped_column(default=list)
    orphaned: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("false"))
    anchor: Mapped[str] = mapped_column(String(16), default="extracted")
    similarity: Mapped[float | None] = mapped_column(Float)
    previous_id: Mapped[int | None] = mapped_column(ForeignKey("mention.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    claim: Mapped[Claim] = relationship(back_populates="mentions")
    version: Mapped[ArticleVersion] = relationship()


class Quantity(Base):
    """A number a claim asserts; `start`/`end` index into the claim's text."""

    __tablename__ = "quantity"
    __table_args__ = (
        CheckConstraint("span_start >= 0 AND span_start < span_end", name="span_valid"),
        CheckConstraint(f"qualifier IS NULL OR {_in('qualifier', QUALIFIERS)}", name="qualifier_valid"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claim.id"), index=True)
    text: Mapped[str] = mapped_column(String(200))
    start: Mapped[int] = mapped_column("span_start")
    end: Mapped[int] = mapped_column("span_end")
    kind: Mapped[str] = mapped_column(String(16))
    value: Mapped[float | None] = mapped_column(Float)
    low: Mapped[float | None] = mapped_column(Float)
    high: Mapped[float | None] = mapped_column(Float)
    qualifier: Mapped[str | None] = mapped_column(String(16))
    unit: Mapped[str | None] = mapped_column(String(40))
    currency: Mapped[str | None] = mapped_column(String(8))

    claim: Mapped[Claim] = relationship(back_populates="quantities")


class Evidence(Base):
    """A URL a reviewer attached to a claim, with a stance; its captures keep what the URL said."""

    __tablename__ = "evidence"
    __table_args__ = (CheckConstraint(_in("stance", STANCES), name="stance_valid"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claim.id"), index=True)
    url: Mapped[str] = mapped_column(String(2048))
    stance: Mapped[str] = mapped_column(String(16))
    note: Mapped[str | None] = mapped_column(Text)
    added_by: Mapped[str] = mapped_column(String(200))
    added_at: Mapped[datetime] = mapped_column(default=utcnow)

    captures: Mapped[list[Capture]] = relationship(back_populates="evidence", order_by="Capture.id")


class Capture(Base):
    """One fetch of an evidence URL (WARC-like record): what came back, and the body, compressed."""

    __tablename__ = "capture"
    __table_args__ = (CheckConstraint(_in("outcome", CAPTURE_OUTCOMES), name="outcome_valid"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    evidence_id: Mapped[int] = mapped_column(ForeignKey("evidence.id"), index=True)
    fetched_at: Mapped[datetime]
    outcome: Mapped[str] = mapped_column(String(16))
    status: Mapped[int | None]
    final_url: Mapped[str | None] = mapped_column(String(2048))
    content_type: Mapped[str | None] = mapped_column(String(200))
    title: Mapped[str | None] = mapped_column(Text)
    sha256: Mapped[str | None] = mapped_column(String(64))
    size: Mapped[int | None]
    body: Mapped[bytes | None] = mapped_column(LargeBinary)
    body_encoding: Mapped[str | None] = mapped_column(String(16))
    error: Mapped[str | None] = mapped_column(Text)

    evidence: Mapped[Evidence] = relationship(back_populates="captures")


class Rating(Base):
    """The rating scale; `value` orders it (1 = worst). Verdicts reference it by name."""

    __tablename__ = "rating"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[int]


class Verdict(Base):
    """A rating with its rationale. Append-only: a new verdict names the one it supersedes.

    The unique constraints make the history a single line per claim even under concurrent writers:
    one verdict per claim supersedes nothing, and no verdict is superseded twice.
    """

    __tablename__ = "verdict"
    __table_args__ = (
        CheckConstraint("length(rationale) > 0", name="rationale_present"),
        Index(
            "uq_verdict_claim_first",
            "claim_id",
            unique=True,
            sqlite_where=text("supersedes_id IS NULL"),
            postgresql_where=text("supersedes_id IS NULL"),
        ),
        Index("ix_verdict_reviewer", "reviewer"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claim.id"), index=True)
    rating: Mapped[str] = mapped_column(ForeignKey("rating.name"))
    rationale: Mapped[str] = mapped_column(Text)
    reviewer: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    supersedes_id: Mapped[int | None] = mapped_column(ForeignKey("verdict.id"), unique=True)

    # the approval in force: one no retraction withdrew (0011: a retracted approval stays, and the verdict
    # may be approved again, so a verdict can have several approval rows but at most one in force)
    approval: Mapped[Approval | None] = relationship(
        primaryjoin=lambda: (Verdict.id == Approval.verdict_id) & Approval.id.not_in(
            select(Retraction.approval_id).where(Retraction.approval_id.is_not(None)).scalar_subquery()),
        viewonly=True, uselist=False)


class Approval(Base):
    """A second reviewer's sign-off on one verdict (in force until a retraction withdraws it)."""

    __tablename__ = "approval"

    id: Mapped[int] = mapped_column(primary_key=True)
    verdict_id: Mapped[int] = mapped_column(ForeignKey("verdict.id"), index=True)
    reviewer: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    verdict: Mapped[Verdict] = relationship()


class Dismissal(Base):
    """A reviewer's decision that a claim is not check-worthy, with the reason."""

    __tablename__ = "dismissal"
    __table_args__ = (CheckConstraint("length(reason) > 0", name="reason_present"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claim.id"), index=True)
    reason: Mapped[str] = mapped_column(Text)
    reviewer: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Restoration(Base):
    """A reviewer's decision that a dismissed claim is check-worthy after all: it undoes one dismissal
    (which stays, like every review row), with who, when and why."""

    __tablename__ = "restoration"
    __table_args__ = (CheckConstraint("length(reason) > 0", name="reason_present"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    dismissal_id: Mapped[int] = mapped_column(ForeignKey("dismissal.id"), unique=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claim.id"), index=True)
    reason: Mapped[str] = mapped_column(Text)
    reviewer: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


RETRACTED = ("evidence", "approval", "verdict")


class Retraction(Base):
    """A reviewer's withdrawal of one row they wrote: an evidence item (it no longer counts for the claim),
    an approval (the verdict is unapproved again) or a claim's current verdict (the claim has no verdict in
    force until it is rated again). The withdrawn row stays, like every review row; exactly one of
    `evidence_id`, `approval_id`, `verdict_id` names it, and a row is withdrawn at most once."""

    __tablename__ = "retraction"
    __table_args__ = (
        CheckConstraint("length(reason) > 0", name="reason_present"),
        CheckConstraint("(CASE WHEN evidence_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN approval_id IS NULL "
                        "THEN 0 ELSE 1 END) + (CASE WHEN verdict_id IS NULL THEN 0 ELSE 1 END) = 1",
                        name="one_target"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claim.id"), index=True)
    evidence_id: Mapped[int | None] = mapped_column(ForeignKey("evidence.id"), unique=True)
    approval_id: Mapped[int | None] = mapped_column(ForeignKey("approval.id"), unique=True)
    verdict_id: Mapped[int | None] = mapped_column(ForeignKey("verdict.id"), unique=True)
    reason: Mapped[str] = mapped_column(Text)
    reviewer: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    @property
    def kind(self) -> str:
        return next(k for k in RETRACTED if getattr(self, f"{k}_id") is not None)

    @property
    def target_id(self) -> int:
        return getattr(self, f"{self.kind}_id")


class Event(Base):
    """The audit log. `hash` = sha256 over the canonical form of this row and `prev_hash`."""

    __tablename__ = "event"
    __table_args__ = (Index("ix_event_entity", "entity", "entity_id"),
                      Index("ix_event_actor_created", "actor", "created_at"))  # 0010: a reviewer's last session

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(64))
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[int | None]
    payload: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)


class Export(Base):
    """A report that was written: format, scope, where, how many claims, and the file's sha256."""

    __tablename__ = "export"
    __table_args__ = (Index("ix_export_format_created", "format", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    generated_at: Mapped[datetime]
    format: Mapped[str] = mapped_column(String(16))
    since: Mapped[datetime | None]
    until: Mapped[datetime | None]
    path: Mapped[str] = mapped_column(String(4096))
    rows: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    actor: Mapped[str] = mapped_column(String(200))


# --- Claim matching and search (migration 0002) -------------------------------------------------------------------
# Links and reviewer decisions follow the same rule as everything else here: rows are only inserted. A merge is
# a decision row, never an update of the merged claim or of its mentions; "which claim survives" is derived from
# the latest decision of each link (review/links.py). The full-text index (SQLite FTS5 `fts_*` virtual tables
# kept by triggers, PostgreSQL pg_trgm GIN indexes `*_trgm`) lives only in the migration: autogenerate skips it
# through `include_name` below. Note for later SQLite migrations: a batch rebuild of `claim` or
# `article_version` drops their triggers, so such a revision must re-create them.

LINK_DECISIONS = ("merged", "unlinked")
LINK_METHODS = ("fuzzy", "manual")


def include_name(name: str | None, type_: str, parent_names: dict[str, Any]) -> bool:
    """Autogenerate filter: the search index is created by raw SQL in migration 0002, not by the models."""
    if type_ == "table" and name is not None and name.startswith("fts_"):
        return False
    return not (type_ == "index" and name is not None and name.endswith("_trgm"))


class ClaimLink(Base):
    """"Similar to #N": `claim_id` (usually the newer claim) resembles `other_id`. Never updated."""

    __tablename__ = "claim_link"
    __table_args__ = (
        UniqueConstraint("claim_id", "other_id"),
        CheckConstraint("claim_id <> other_id", name="distinct_claims"),
        CheckConstraint("similarity >= 0 AND similarity <= 1", name="similarity_range"),
        CheckConstraint(_in("method", LINK_METHODS), name="method_valid"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claim.id"), index=True)
    other_id: Mapped[int] = mapped_column(ForeignKey("claim.id"), index=True)
    similarity: Mapped[float] = mapped_column(Float)
    method: Mapped[str] = mapped_column(String(16), default="fuzzy")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by: Mapped[str] = mapped_column(String(200))

    decisions: Mapped[list[LinkDecision]] = relationship(back_populates="link", order_by="LinkDecision.id")


class LinkDecision(Base):
    """A reviewer's decision on a link: `merged` (into `survivor_id`) or `unlinked`. The latest one counts."""

    __tablename__ = "link_decision"
    __table_args__ = (
        CheckConstraint(_in("decision", LINK_DECISIONS), name="decision_valid"),
        CheckConstraint("decision = 'unlinked' OR survivor_id IS NOT NULL", name="merge_has_survivor"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    link_id: Mapped[int] = mapped_column(ForeignKey("claim_link.id"), index=True)
    decision: Mapped[str] = mapped_column(String(16))
    survivor_id: Mapped[int | None] = mapped_column(ForeignKey("claim.id"), index=True)
    reviewer: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    link: Mapped[ClaimLink] = relationship(back_populates="decisions")


class ClaimKey(Base):
    """Candidate retrieval for fuzzy matching: locality-sensitive keys (MinHash bands) of a claim's n-grams.

    Two claims that share a key are compared; a lookup reads a few small buckets, never every claim.
    """

    __tablename__ = "claim_key"

    key: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claim.id"), primary_key=True, index=True)


# --- Publishing metadata (migration 0006) -------------------------------------------------------------------------
# What a fact-check feed needs about a claim that the article does not say: a short summary (ClaimReview's
# `claimReviewed`), who made the claim (`itemReviewed.author`) and further public places it appeared. Like
# verdicts these rows are only inserted: `claims set` writes a new ClaimDetail holding the whole new state and
# the newest one counts; an appearance URL is added once per claim.

CLAIMANT_TYPES = ("person", "organization")


class ClaimDetail(Base):
    """The publishing details of a claim as set by a reviewer; the newest row of a claim is in force."""

    __tablename__ = "claim_detail"
    __table_args__ = (
        CheckConstraint(f"claimant_type IS NULL OR {_in('claimant_type', CLAIMANT_TYPES)}",
                        name="claimant_type_valid"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claim.id"), index=True)
    summary: Mapped[str | None] = mapped_column(Text)
    claimant: Mapped[str | None] = mapped_column(String(512))
    claimant_type: Mapped[str | None] = mapped_column(String(16))
    set_by: Mapped[str] = mapped_column(String(200))
    set_at: Mapped[datetime] = mapped_column(default=utcnow)


class ClaimAppearance(Base):
    """A public URL (http/https) where the claim was made, added by a reviewer. Never updated."""

    __tablename__ = "claim_appearance"
    __table_args__ = (UniqueConstraint("claim_id", "url"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claim.id"), index=True)
    url: Mapped[str] = mapped_column(String(2048))
    added_by: Mapped[str] = mapped_column(String(200))
    added_at: Mapped[datetime] = mapped_column(default=utcnow)


# --- Evidence kept to archival standard (migration 0007) ------------------------------------------------------------
# What a WARC record needs beside a capture lives in rows of its own, so that `capture` rows (and the digests
# their audit events carry) never change: a capture recorded before 0007 gets a `capture_record` whose
# `headers_known` is false (the migration computes its payload digest from the stored body).

ARCHIVE_OUTCOMES = ("ok", "error")


class CaptureRecord(Base):
    """The wire-level side of one capture: request and response headers of every hop, the peer's address,
    timings and the WARC payload digest (`sha1:` + base32 of the stored body). One per capture."""

    __tablename__ = "capture_record"

    id: Mapped[int] = mapped_column(primary_key=True)
    capture_id: Mapped[int] = mapped_column(ForeignKey("capture.id"), unique=True)
    headers_known: Mapped[bool] = mapped_column(Boolean)
    method: Mapped[str | None] = mapped_column(String(16))
    http_version: Mapped[str | None] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(String(200))
    peer_ip: Mapped[str | None] = mapped_column(String(64))
    request_headers: Mapped[list[Any] | None] = mapped_column()
    response_headers: Mapped[list[Any] | None] = mapped_column()
    redirects: Mapped[list[Any]] = mapped_column(default=list)
    timings: Mapped[dict[str, Any] | None] = mapped_column()
    started_at: Mapped[datetime | None]
    payload_digest: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class VerdictCapture(Base):
    """A capture a verdict relied on: the newest capture of each of the claim's evidence when it was given.
    `inferred` marks rows the 0007 migration derived for verdicts given before verdicts recorded this."""

    __tablename__ = "verdict_capture"
    __table_args__ = (UniqueConstraint("verdict_id", "capture_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    verdict_id: Mapped[int] = mapped_column(ForeignKey("verdict.id"), index=True)
    capture_id: Mapped[int] = mapped_column(ForeignKey("capture.id"), index=True)
    inferred: Mapped[bool] = mapped_column(Boolean, default=False)


class EvidenceArchive(Base):
    """A submission of an evidence URL to an outside archive (Save Page Now shape) and what it answered."""

    __tablename__ = "evidence_archive"
    __table_args__ = (CheckConstraint(_in("outcome", ARCHIVE_OUTCOMES), name="outcome_valid"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    evidence_id: Mapped[int] = mapped_column(ForeignKey("evidence.id"), index=True)
    endpoint: Mapped[str] = mapped_column(String(2048))
    outcome: Mapped[str] = mapped_column(String(16))
    archive_url: Mapped[str | None] = mapped_column(String(2048))
    error: Mapped[str | None] = mapped_column(Text)
    requested_by: Mapped[str] = mapped_column(String(200))
    requested_at: Mapped[datetime] = mapped_column(default=utcnow)


# --- Fact-checks published elsewhere (migration 0003) -------------------------------------------------------------
# Other organisations' ClaimReviews, imported as they were published (`raw`), and suggestions that one of our
# claims (or an article with no claim of its own, such as a forwarded message) was checked there. A suggestion is
# never a merge; a reviewer confirms or rejects it by a decision row, and the newest decision counts.

FACTCHECK_DECISIONS = ("confirmed", "rejected")


class FactCheck(Base):
    """A fact-check published by another organisation: what was claimed, the rating, where and when."""

    __tablename__ = "factcheck"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)  # sha256 of URL and date (re-import is a no-op)
    url: Mapped[str | None] = mapped_column(String(4096))
    publisher: Mapped[str | None] = mapped_column(String(500))
    claim_text: Mapped[str] = mapped_column(Text)
    rating: Mapped[str | None] = mapped_column(String(500))
    rating_value: Mapped[float | None] = mapped_column(Float)
    published: Mapped[str | None] = mapped_column(String(40))
    language: Mapped[str | None] = mapped_column(String(16))
    claimant: Mapped[str | None] = mapped_column(String(500))
    licence: Mapped[str | None] = mapped_column(String(500))
    review: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(4096))
    raw: Mapped[str] = mapped_column(Text)  # canonical JSON of the record as published
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)
    imported_by: Mapped[str] = mapped_column(String(200))


class FactCheckKey(Base):
    """Candidate retrieval: the LSH keys of each piece (whole text, sentences) of a fact-check's claim."""

    __tablename__ = "factcheck_key"

    key: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    factcheck_id: Mapped[int] = mapped_column(ForeignKey("factcheck.id"), primary_key=True, index=True)


class VersionKey(Base):
    """Candidate retrieval the other way (migration 0012): the same keys (`text.factmatch.keys`) of each article
    version's text, so that a newly imported fact-check finds a whole message or headline from which no claim
    was extracted. Derived data: `factchecks reindex` rebuilds it."""

    __tablename__ = "version_key"

    key: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    version_id: Mapped[int] = mapped_column(ForeignKey("article_version.id"), primary_key=True, index=True)


class FactCheckMatch(Base):
    """"Checked elsewhere": a claim, or an article version with no matching claim, resembles a fact-check.

    One row per pair (kept so by `ingest.factchecks`, under the write lock: NULLs defeat a unique index).
    """

    __tablename__ = "factcheck_match"
    __table_args__ = (
        CheckConstraint("(claim_id IS NULL) <> (version_id IS NULL)", name="claim_or_version"),
        CheckConstraint("similarity >= 0 AND similarity <= 1", name="similarity_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    factcheck_id: Mapped[int] = mapped_column(ForeignKey("factcheck.id"), index=True)
    claim_id: Mapped[int | None] = mapped_column(ForeignKey("claim.id"), index=True)
    version_id: Mapped[int | None] = mapped_column(ForeignKey("article_version.id"), index=True)
    similarity: Mapped[float] = mapped_column(Float)
    confident: Mapped[bool] = mapped_column(Boolean)
    reason: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by: Mapped[str] = mapped_column(String(200))


class FactCheckDecision(Base):
    """A reviewer's decision on a suggestion: `confirmed` (same claim) or `rejected`. The latest counts."""

    __tablename__ = "factcheck_decision"
    __table_args__ = (CheckConstraint(_in("decision", FACTCHECK_DECISIONS), name="decision_valid"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    match_id: Mapped[int] = mapped_column(ForeignKey("factcheck_match.id"), index=True)
    decision: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(Text)
    reviewer: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
