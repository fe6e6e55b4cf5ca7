"""Dismissals: a reviewer records that a claim is not check-worthy (who and why); the claim stays.

The one idea: a dismissal is a row, never a deletion; a verdict given after it brings the claim back
(`review.status` derives that), and every dismissal is audited in the write that makes it.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from claimtrack.errors import InputError
from claimtrack.review.status import refresh_status
from claimtrack.store import audit
from claimtrack.store.db import Store, writing
from claimtrack.store.models import Dismissal
from claimtrack.views.claims import get_claim


def dismiss_claim(db: Store | Session, claim_id: int, reason: str, *, actor: str) -> Dismissal:
    """Record that a claim is not check-worthy (who and why); it stays, with status `dismissed`."""
    with writing(db) as session:
        return _dismiss_claim(session, claim_id, reason, actor=actor)


def _dismiss_claim(session: Session, claim_id: int, reason: str, *, actor: str) -> Dismissal:
    """Record that a claim is not check-worthy (who and why); it stays, with status `dismissed`."""
    if not reason or not reason.strip():
        raise InputError("a reason is required (--reason)")
    claim = get_claim(session, claim_id)
    if claim.status == "dismissed":
        raise InputError(f"claim {claim_id} is already dismissed")
    dismissal = Dismissal(claim_id=claim_id, reason=reason.strip(), reviewer=actor)
    session.add(dismissal)
    audit.record(session, actor, "claim.dismiss", dismissal, payload={"claim_id": claim_id})
    refresh_status(session, claim)
    return dismissal
