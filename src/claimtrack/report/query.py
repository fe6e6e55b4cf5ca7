"""Streaming the claims in scope, a batch at a time, with everything a report shows about them.

The one idea: memory stays flat and the query count stays constant per batch. Claims are read in id order
by keyset (`id > last ORDER BY id LIMIT n`); for each batch one IN query per related table loads mentions
(with their versions and articles), quantities, evidence (with only the latest capture of each), verdicts
(with approvals) and dismissals, and the session is emptied before the next batch. Big columns (a
version's raw bytes and text, a capture's body) are never loaded. Everything is ordered by integer ids, so
the order is the same on SQLite and PostgreSQL whatever their collations.

Call it inside one read transaction (see `snapshot`) so that every batch sees the same database state.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, load_only

from claimtrack.report.scope import Scope, claim_filter
from claimtrack.store.models import (
    Approval,
    Article,
    ArticleVersion,
    Capture,
    Claim,
    Dismissal,
    Evidence,
    Mention,
    Quantity,
    Verdict,
)

BATCH = 500


@dataclass
class Loaded:
    """One claim and its related rows, as loaded (ORM objects detached after the batch)."""

    claim: Claim
    quantities: list[Quantity] = field(default_factory=list)
    mentions: list[tuple[Mention, ArticleVersion, Article]] = field(default_factory=list)
    evidence: list[tuple[Evidence, Capture | None, int]] = field(default_factory=list)
    verdicts: list[tuple[Verdict, Approval | None]] = field(default_factory=list)
    dismissals: list[Dismissal] = field(default_factory=list)
    evidence_states: dict[int, dict[str, Any]] = field(default_factory=dict)  # views.evidence, by evidence id


def snapshot(session: Session) -> None:
    """Make the session's transaction one consistent snapshot (PostgreSQL: REPEATABLE READ)."""
    if session.get_bind().dialect.name == "postgresql":
        session.connection(execution_options={"isolation_level": "REPEATABLE READ"})


def stream(session: Session, scope: Scope, batch: int | None = None) -> Iterator[Loaded]:
    """Every claim in scope, in id order, fully loaded, `batch` (default BATCH) claims per round of queries."""
    batch = batch or BATCH
    where = claim_filter(scope)
    last = 0
    while True:
        query = select(Claim).where(Claim.id > last).order_by(Claim.id).limit(batch)
        claims = list(session.scalars(query if where is None else query.where(where)))
        if not claims:
            return
        last = claims[-1].id
        yield from _load(session, claims)
        session.expunge_all()


def _load(session: Session, claims: list[Claim]) -> list[Loaded]:
    by_id = {claim.id: Loaded(claim) for claim in claims}
    ids = list(by_id)
    for quantity in session.scalars(select(Quantity).where(Quantity.claim_id.in_(ids))
                                    .order_by(Quantity.claim_id, Quantity.start, Quantity.id)):
        by_id[quantity.claim_id].quantities.append(quantity)
    for mention, version, article in _mentions(session, ids):
        by_id[mention.claim_id].mentions.append((mention, version, article))
    _add_merged_appearances(session, by_id)
    for evidence, capture, count in _evidence(session, ids):
        by_id[evidence.claim_id].evidence.append((evidence, capture, count))
    _add_evidence_states(session, by_id)
    for verdict, approval in _verdicts(session, ids):
        by_id[verdict.claim_id].verdicts.append((verdict, approval))
    for dismissal in session.scalars(select(Dismissal).where(Dismissal.claim_id.in_(ids)).order_by(Dismissal.id)):
        by_id[dismissal.claim_id].dismissals.append(dismissal)
    return [by_id[i] for i in ids]


def _add_evidence_states(session: Session, by_id: dict[int, Loaded]) -> None:
    """Each evidence item's state since the verdict and its captured copy (no query when there is none)."""
    from claimtrack.views.evidence import evidence_states

    with_evidence = [cid for cid, item in by_id.items() if item.evidence]
    states = evidence_states(session, with_evidence) if with_evidence else {}
    for cid in with_evidence:
        by_id[cid].evidence_states = {e.id: states.get(e.id, {}) for e, _, _ in by_id[cid].evidence}


def _add_merged_appearances(session: Session, by_id: dict[int, Loaded]) -> None:
    """A claim lists the appearances of the claims a reviewer merged into it, too (issue: every appearance)."""
    from claimtrack.review.links import merged_members

    members = merged_members(session, list(by_id))
    owner = {member: survivor for survivor, others in members.items() for member in others}
    for mention, version, article in _mentions(session, list(owner)) if owner else ():
        by_id[owner[mention.claim_id]].mentions.append((mention, version, article))


_VERSION_COLUMNS = load_only(ArticleVersion.id, ArticleVersion.article_id, ArticleVersion.number,
                             ArticleVersion.text_sha256, ArticleVersion.raw_sha256, ArticleVersion.fetched_at,
                             ArticleVersion.source, ArticleVersion.final_url)
_CAPTURE_COLUMNS = load_only(Capture.id, Capture.evidence_id, Capture.fetched_at, Capture.outcome, Capture.status,
                             Capture.final_url, Capture.content_type, Capture.title, Capture.sha256, Capture.size,
                             Capture.error)


def _mentions(session: Session, ids: list[int]) -> Iterator[tuple[Mention, ArticleVersion, Article]]:
    mentions = list(session.scalars(select(Mention).where(Mention.claim_id.in_(ids)).order_by(Mention.id)))
    version_ids = sorted({m.version_id for m in mentions})
    versions = {v.id: v for v in session.scalars(
        select(ArticleVersion).options(_VERSION_COLUMNS).where(ArticleVersion.id.in_(version_ids)))}
    article_ids = sorted({v.article_id for v in versions.values()})
    articles = {a.id: a for a in session.scalars(select(Article).where(Article.id.in_(article_ids)))}
    for mention in mentions:
        version = versions[mention.version_id]
        yield mention, version, articles[version.article_id]


def _evidence(session: Session, ids: list[int]) -> Iterator[tuple[Evidence, Capture | None, int]]:
    items = list(session.scalars(select(Evidence).where(Evidence.claim_id.in_(ids)).order_by(Evidence.id)))
    evidence_ids = [e.id for e in items]
    latest = (select(Capture.evidence_id, func.max(Capture.id).label("last"), func.count(Capture.id).label("n"))
              .where(Capture.evidence_id.in_(evidence_ids)).group_by(Capture.evidence_id))
    stats = {row.evidence_id: (row.last, row.n) for row in session.execute(latest)}
    captures = {c.id: c for c in session.scalars(
        select(Capture).options(_CAPTURE_COLUMNS).where(Capture.id.in_(sorted(s[0] for s in stats.values()))))}
    for evidence in items:
        last, count = stats.get(evidence.id, (None, 0))
        yield evidence, captures.get(last) if last else None, count


def _verdicts(session: Session, ids: list[int]) -> Iterator[tuple[Verdict, Approval | None]]:
    verdicts = list(session.scalars(select(Verdict).where(Verdict.claim_id.in_(ids)).order_by(Verdict.id)))
    approvals = {a.verdict_id: a for a in session.scalars(
        select(Approval).where(Approval.verdict_id.in_([v.id for v in verdicts])))}
    for verdict in verdicts:
        yield verdict, approvals.get(verdict.id)
