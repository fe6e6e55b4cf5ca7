"""Claim matching: is a newly extracted sentence a claim we already track?

The one idea: a claim is identified by the fingerprint of its normalized text (see `claimtrack.text`);
`resolve_claim` returns the existing claim with that fingerprint, or creates one (with its quantities and an
audit event). Fuzzy matching across outlets extends this function; callers don't change.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from claimtrack.services import audit
from claimtrack.store.models import Claim, Quantity


@dataclass(frozen=True)
class Resolution:
    """The claim a sentence belongs to, and how it was found."""

    claim: Claim
    created: bool
    matched_by: str | None = None  # "fingerprint", "fuzzy" or None for a new claim
    similar: list[tuple[int, float]] = field(default_factory=list)  # (claim id, similarity) linked for review


def resolve_claim(session: Session, scored, *, language: str | None, actor: str,
                  origin: str = "extracted") -> Resolution:
    """The claim for one analysed sentence (`claimtrack.text.Scored`): an existing one, or a new one."""
    from claimtrack.text import normalize

    existing = session.scalar(select(Claim).where(Claim.fingerprint == scored.fingerprint))
    if existing is not None:
        return Resolution(existing, created=False, matched_by="fingerprint")
    claim = Claim(
        fingerprint=scored.fingerprint,
        text=scored.sentence.text,
        normalized=normalize(scored.sentence.text),
        language=language,
        score=scored.score,
        reasons=list(scored.reasons),
        origin=origin,
        status="unreviewed",
        created_by=actor,
    )
    session.add(claim)
    session.flush()
    for q in scored.quantities:
        session.add(Quantity(claim_id=claim.id, text=q.text, start=q.start, end=q.end, kind=q.kind,
                             value=q.value, low=q.low, high=q.high, qualifier=q.qualifier, unit=q.unit,
                             currency=q.currency))
    audit.record(session, actor, "claim.create", claim, payload={"text": claim.text, "origin": origin})
    return Resolution(claim, created=True)
