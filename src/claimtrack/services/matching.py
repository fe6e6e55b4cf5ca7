"""Claim matching: is a newly extracted sentence a claim we already track?

The one idea: three steps, each cheaper to skip than the next.
1. Exact: the fingerprint of the normalized text (`claimtrack.text.fingerprint`) — one unique-index lookup.
2. Candidates: claims sharing a MinHash-LSH key (`claim_key`, see services/similarity.py) — BANDS index
   range reads of at most BUCKET rows each (the newest claims of a popular bucket), never a scan of every
   claim, so the cost does not grow with the archive.
3. Judgement (services/similarity.py): a candidate that reads the same, asserts the same numbers, is long
   enough and differs only one-sidedly becomes the match (`matched_by="fuzzy"`); candidates that are merely
   similar (LOW ≤ similarity) are linked to the new claim as "similar to #N" for a reviewer to merge or keep
   apart (services/links.py). A claim merged by a reviewer resolves to the claim it was merged into.
The `Resolution` carries what the importer reports: "previously checked: #12 false" for every matched or
similar claim that has a rating.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select, union_all
from sqlalchemy.orm import Session

from claimtrack.services import audit
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
    """The claim for one analysed sentence (`claimtrack.text.Scored`): an existing one, or a new one."""
    from claimtrack.services.links import survivor
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
    from claimtrack.services.similarity import LOW, auto_merge, similarity

    judged = []
    for claim in candidates(session, normalized):
        score = similarity(text, claim.text, normalized, claim.normalized)
        if score >= LOW:
            judged.append((claim, score, auto_merge(text, claim.text, normalized, claim.normalized, score)))
    judged.sort(key=lambda item: (not item[2], -item[1], item[0].id))
    return judged


def candidates(session: Session, normalized: str) -> list[Claim]:
    """Claims sharing LSH keys with `normalized`, most shared keys first (index lookups only)."""
    from claimtrack.services.similarity import claim_keys

    keys = claim_keys(normalized)
    if not keys:
        return []
    buckets = union_all(*(select(ClaimKey.claim_id).where(ClaimKey.key == key)
                          .order_by(ClaimKey.claim_id.desc()).limit(BUCKET).subquery().select() for key in keys))
    hits = buckets.subquery()
    shared = func.count().label("shared")
    ranked = (select(hits.c.claim_id, shared).group_by(hits.c.claim_id)
              .order_by(shared.desc(), hits.c.claim_id.desc()).limit(CANDIDATES))
    ids = [row.claim_id for row in session.execute(ranked)]
    if not ids:
        return []
    by_id = {c.id: c for c in session.scalars(select(Claim).where(Claim.id.in_(ids)))}
    return [by_id[i] for i in ids if i in by_id]


def index_claim(session: Session, claim: Claim) -> None:
    """Store the claim's LSH keys (every path that creates a claim must call this)."""
    from claimtrack.services.similarity import claim_keys

    session.add_all(ClaimKey(key=key, claim_id=claim.id) for key in claim_keys(claim.normalized))


def _create(session: Session, scored, normalized: str, *, language: str | None, actor: str,
            origin: str) -> Claim:
    claim = Claim(fingerprint=scored.fingerprint, text=scored.sentence.text, normalized=normalized,
                  language=language, score=scored.score, reasons=list(scored.reasons), origin=origin,
                  status="unreviewed", created_by=actor)
    session.add(claim)
    session.flush()
    for q in scored.quantities:
        session.add(Quantity(claim_id=claim.id, text=q.text, start=q.start, end=q.end, kind=q.kind,
                             value=q.value, low=q.low, high=q.high, qualifier=q.qualifier, unit=q.unit,
                             currency=q.currency))
    index_claim(session, claim)
    audit.record(session, actor, "claim.create", claim, payload={"text": claim.text, "origin": origin})
    return claim


def _link_similar(session: Session, claim: Claim, judged: list[tuple[Claim, float, bool]],
                  actor: str) -> list[tuple[Claim, float]]:
    """Link the new claim to the most similar existing claims (their survivors), audited."""
    from claimtrack.services.links import survivor

    linked: dict[int, tuple[Claim, float]] = {}
    for candidate, score, _ in judged:
        if len(linked) == MAX_LINKS:
            break
        target = survivor(session, candidate)
        if target.id != claim.id and target.id not in linked:
            linked[target.id] = (target, round(min(score, 1.0), 4))
    for target, score in linked.values():
        link = ClaimLink(claim_id=claim.id, other_id=target.id, similarity=score, method="fuzzy", created_by=actor)
        session.add(link)
        audit.record(session, actor, "claim.link", link, payload={"claim": claim.id, "other": target.id,
                                                                  "similarity": score})
    return list(linked.values())


def _rated(claims: list[Claim]) -> list[tuple[int, str]]:
    return [(c.id, c.rating) for c in claims if c.rating]
