"""Dismissals: a reviewer records that a claim is not check-worthy (who and why); the claim stays.

The one idea: a dismissal is a row, never a deletion; a verdict given after it brings the claim back
(`review.status` derives that), and so does a restoration (a row naming the dismissal it undoes, with who
and why); every dismissal and restoration is audited in the write that makes it.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from claimtrack.errors import InputError
from claimtrack.review.status import refresh_status
from claimtrack.store import audit
from claimtrack.store.db import Store, writing
from claimtrack.store.models import Dismissal, Restoration
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


def restore_claim(db: Store | Session, claim_id: int, reason: str, *, actor: str) -> Restoration:
    """Undo a claim's dismissal (who and why): a new row, the dismissal stays; the claim's status is what
    its other review rows say again."""
    with writing(db) as session:
        if not reason or not reason.strip():
            raise InputError("a reason is required (--reason)")
        claim = get_claim(session, claim_id)
        if claim.status != "dismissed":
            raise InputError(f"claim {claim_id} is not dismissed (status {claim.status})")
        dismissal = session.scalar(select(Dismissal).where(
            Dismissal.claim_id == claim_id, Dismissal.id.not_in(select(Restoration.dismissal_id)))
            .order_by(Dismissal.created_at.desc(), Dismissal.id.desc()).limit(1))
        restoration = Restoration(dismissal_id=dismissal.id, claim_id=claim_id, reason=reason.strip(),
                                  reviewer=actor)
        session.add(restoration)
        audit.record(session, actor, "claim.restore", restoration,
                     payload={"claim_id": claim_id, "dismissal_id": dismissal.id})
        refresh_status(session, claim)
        return restoration
