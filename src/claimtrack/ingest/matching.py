"""Claim matching: is a newly extracted sentence a claim we already track?

The one idea: three steps, each cheaper to skip than the next.
1. Exact: the fingerprint of the normalized text (`claimtrack.text.fingerprint`) — one unique-index lookup.
2. Candidates: claims sharing a MinHash-LSH key (`claim_key`, see text/similarity.py) — BANDS index
   range reads of at most BUCKET rows each (the newest claims of a popular bucket), never a scan of every
   claim, so the cost does not grow with the archive.
3. Judgement (text/similarity.py): a candidate that reads the same, asserts the same numbers, is long
   enough and differs only one-sidedly becomes the match (`matched_by="fuzzy"`); candidates that are merely
   similar (LOW ≤ similarity) are linked to the new claim as "similar to #N" for a reviewer to merge or keep
   apart (review/links.py). A claim merged by a reviewer resolves to the claim it was merged into.
The `Resolution` carries what the importer reports: "previously checked: #12 false" for every matched or
similar claim that has a rating.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from sqlalchemy import insert, select, text
from sqlalchemy.orm import Session

from claimtrack.store import audit
from claimtrack.store.models import Claim, ClaimKey, ClaimLink, Quantity

CANDIDATES = 40  # most candidate claims judged per sentence (by shared LSH keys)
BUCKET = 500  # most claims read from one LSH bucket (the newest): a popular key costs no more as claims grow
MAX_LINKS = 5  # most "similar to" links made for one new claim


@dataclass(frozen=True)
class Resolution:
    """The claim a sentence belongs to, and how it was found."""

    claim: Claim
    created: bool
    matched_by: str | None = None  # "fingerprint", "fuzzy" or None for a new claim
    similar: list[tuple[int, float]] = field(default_factory=list)  # (claim id, similarity) linked for review
    similarity: float | None = None  # of the fuzzy match (1.0 for a fingerprint match)
    previously_checked: list[tuple[int, str]] = field(default_factory=list)  # (claim id, rating) already rated


def resolve_claim(session: Session, scored, *, language: str | None, actor: str,
                  origin: str = "extracted") -> Resolution:
    """The claim for one analysed sentence (`claimtrack.text.Scored`): an existing one, or a new one.

    Lookups run without autoflush: what they read (claims, their LSH keys) is written at once, while pending
    quantities, links and audit events can wait for the next explicit flush instead of one per query.
    """
    with session.no_autoflush:
        return _resolve(session, scored, language=language, actor=actor, origin=origin)


def _resolve(session: Session, scored, *, language: str | None, actor: str, origin: str) -> Resolution:
    from claimtrack.views.merges import survivor
    from claimtrack.text import normalize

    existing = session.scalar(select(Claim).where(Claim.fingerprint == scored.fingerprint))
    if existing is not None:
        claim = survivor(session, existing)
        return Resolution(claim, created=False, matched_by="fingerprint", similarity=1.0,
                          previously_checked=_rated([claim]))
    text = scored.sentence.text
    normalized = normalize(text)
    judged = judge_candidates(session, text, normalized)
    for candidate, score, same in judged:
        if same:
            claim = survivor(session, candidate)
            return Resolution(claim, created=False, matched_by="fuzzy", similarity=round(score, 4),
                              previously_checked=_rated([claim]))
    claim = _create(session, scored, normalized, language=language, actor=actor, origin=origin)
    similar = _link_similar(session, claim, judged, actor)
    return Resolution(claim, created=True, similar=[(c.id, s) for c, s in similar],
                      previously_checked=_rated([c for c, _ in similar]))


def judge_candidates(session: Session, text: str, normalized: str) -> list[tuple[Claim, float, bool]]:
    """Candidate claims with their similarity and whether they may merge automatically, best first."""
    from claimtrack.text.similarity import LOW, auto_merge, similarity

    judged = []
    for claim in candidates(session, normalized):
        score = similarity(text, claim.text, normalized, claim.normalized)
        if score >= LOW:
            judged.append((claim, score, auto_merge(text, claim.text, normalized, claim.normalized, score)))
    judged.sort(key=lambda item: (not item[2], -item[1], item[0].id))
    return judged


def candidates(session: Session, normalized: str) -> list[Claim]:
    """Claims sharing LSH keys with `normalized`, most shared keys first (index lookups only)."""
    from claimtrack.text.similarity import claim_keys

    keys = claim_keys(normalized)
    if not keys:
        return []
    params = {f"k{i}": key for i, key in enumerate(keys)} | {"bucket": BUCKET, "most": CANDIDATES}
    ids = [row[0] for row in session.execute(_candidates_sql(len(keys)), params)]
    if not ids:
        return []
    by_id = {c.id: c for c in session.scalars(select(Claim).where(Claim.id.in_(ids)))}
    return [by_id[i] for i in ids if i in by_id]


@cache
def _candidates_sql(n_keys: int):
    """One statement: the newest BUCKET claims of each key's bucket, ranked by keys shared.

    Written as SQL text (built once per key count): composing the same union with the ORM per sentence
    cost more than running it.
    """
    buckets = " UNION ALL ".join(
        f"SELECT claim_id FROM (SELECT claim_id FROM claim_key WHERE key = :k{i} "
        f"ORDER BY claim_id DESC LIMIT :bucket) AS b{i}" for i in range(n_keys))
    return text(f"SELECT claim_id, count(*) AS shared FROM ({buckets}) AS hits GROUP BY claim_id "
                "ORDER BY shared DESC, claim_id DESC LIMIT :most")


def index_claim(session: Session, claim: Claim) -> None:
    """Store the claim's LSH keys (every path that creates a claim must call this)."""
    from claimtrack.text.similarity import claim_keys

    keys = claim_keys(claim.normalized)
    if keys:  # a Core executemany: ~20 rows a claim are too many to pass through the unit of work one by one
        session.execute(insert(ClaimKey), [{"key": key, "claim_id": claim.id} for key in keys])


def _create(session: Session, scored, normalized: str, *, language: str | None, actor: str,
            origin: str) -> Claim:
    claim = Claim(fingerprint=scored.fingerprint, text=scored.sentence.text, normalized=normalized,
                  language=language, score=scored.score, reasons=list(scored.reasons), origin=origin,
                  status="unreviewed", created_by=actor)
    session.add(claim)
    session.flush()
    quantities = [Quantity(claim_id=claim.id, text=q.text, start=q.start, end=q.end, kind=q.kind,
                           value=q.value, low=q.low, high=q.high, qualifier=q.qualifier, unit=q.unit,
                           currency=q.currency) for q in scored.quantities]
    session.add_all(quantities)
    index_claim(session, claim)
    audit.record(session, actor, "claim.create", claim, rows=quantities,
                 payload={"text": claim.text, "origin": origin})
    return claim


def _link_similar(session: Session, claim: Claim, judged: list[tuple[Claim, float, bool]],
                  actor: str) -> list[tuple[Claim, float]]:
    """Link the new claim to the most similar existing claims (their survivors), audited."""
    from claimtrack.views.merges import survivors

    best = judged[:MAX_LINKS * 2]  # survivors may coincide; a few spares keep MAX_LINKS reachable
    linked: dict[int, tuple[Claim, float]] = {}
    for target, (_, score, _) in zip(survivors(session, [c for c, _, _ in best]), best, strict=True):
        if target.id != claim.id and target.id not in linked and len(linked) < MAX_LINKS:
            linked[target.id] = (target, round(min(score, 1.0), 4))
    links = [ClaimLink(claim_id=claim.id, other_id=target.id, similarity=score, method="fuzzy", created_by=actor)
             for target, score in linked.values()]
    session.add_all(links)
    session.flush()  # once for all links, not once per audited row
    for link in links:
        audit.record(session, actor, "claim.link", link, payload={"claim": claim.id, "other": link.other_id,
                                                                  "similarity": link.similarity})
    return list(linked.values())


def _rated(claims: list[Claim]) -> list[tuple[int, str]]:
    return [(c.id, c.rating) for c in claims if c.rating]
