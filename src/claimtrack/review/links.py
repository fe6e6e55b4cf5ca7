"""Reviewer decisions on "similar to #N" links: merge two claims, or keep them apart.

The one idea: nothing is updated or deleted. A link (`claim_link`) is a pair of claims; each decision is a
new `link_decision` row and the newest decision of a link is the one in force. A merge keeps both claims and
all their mentions, verdicts and evidence: the merged claim simply *resolves* to its survivor. What a
merge means to readers (survivor, family, who is merged away) is the read model's: `views.merges`. `unlink` after a merge undoes it
(by a newer decision, so the history shows both). Every decision is audited.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from claimtrack.errors import Conflict, InputError, NotFound
from claimtrack.store import audit
from claimtrack.store.db import Store, writing
from claimtrack.store.models import Claim, ClaimLink, LinkDecision
from claimtrack.views.merges import find_link, latest_decision, note_decision, survivor


def merge(db: Store | Session, keep_id: int, merge_id: int, *, reviewer: str) -> LinkDecision:
    """Merge claim `merge_id` into `keep_id` (which survives); audited as `claim.merge`."""
    with writing(db) as session:
        return _merge(session, keep_id, merge_id, reviewer=reviewer)


def _merge(session: Session, keep_id: int, merge_id: int, *, reviewer: str) -> LinkDecision:
    """Merge claim `merge_id` into `keep_id` (which survives); audited as `claim.merge`."""
    keep, gone = _pair(session, keep_id, merge_id)
    if survivor(session, keep).id == survivor(session, gone).id:
        raise Conflict(f"claims #{keep_id} and #{merge_id} are already merged")
    for claim in (keep, gone):
        into = survivor(session, claim)
        if into.id != claim.id:
            raise Conflict(f"claim #{claim.id} was merged into #{into.id}; merge with #{into.id} instead")
    link = find_link(session, keep_id, merge_id) or _manual_link(session, keep, gone, reviewer)
    decision = LinkDecision(link_id=link.id, decision="merged", survivor_id=keep_id, reviewer=reviewer)
    session.add(decision)
    note_decision(session)
    audit.record(session, reviewer, "claim.merge", decision, payload={"survivor": keep_id, "merged": merge_id})
    return decision


def unlink(db: Store | Session, a_id: int, b_id: int, *, reviewer: str) -> LinkDecision:
    """Keep two linked claims apart (undoing a merge of them); audited as `claim.unlink`."""
    with writing(db) as session:
        return _unlink(session, a_id, b_id, reviewer=reviewer)


def _unlink(session: Session, a_id: int, b_id: int, *, reviewer: str) -> LinkDecision:
    """Keep two linked claims apart (undoing a merge of them); audited as `claim.unlink`."""
    _pair(session, a_id, b_id)
    link = find_link(session, a_id, b_id)
    if link is None:
        raise NotFound(f"claims #{a_id} and #{b_id} are not linked")
    current = latest_decision(session, link)
    if current is not None and current.decision == "unlinked":
        raise Conflict(f"claims #{a_id} and #{b_id} are already unlinked")
    decision = LinkDecision(link_id=link.id, decision="unlinked", reviewer=reviewer)
    session.add(decision)
    note_decision(session)
    audit.record(session, reviewer, "claim.unlink", decision,
                 payload={"claims": [a_id, b_id], "was": current.decision if current else "linked"})
    return decision


def _pair(session: Session, a_id: int, b_id: int) -> tuple[Claim, Claim]:
    if a_id == b_id:
        raise InputError(f"claim #{a_id} cannot be merged or unlinked with itself")
    claims = []
    for claim_id in (a_id, b_id):
        claim = session.get(Claim, claim_id)
        if claim is None:
            raise NotFound(f"claim #{claim_id} does not exist")
        claims.append(claim)
    return claims[0], claims[1]


def _manual_link(session: Session, keep: Claim, gone: Claim, reviewer: str) -> ClaimLink:
    """A reviewer merges two claims the matcher never linked: the link is recorded first."""
    from claimtrack.text.similarity import similarity

    score = round(min(similarity(gone.text, keep.text, gone.normalized, keep.normalized), 1.0), 4)
    link = ClaimLink(claim_id=gone.id, other_id=keep.id, similarity=score, method="manual", created_by=reviewer)
    session.add(link)
    audit.record(session, reviewer, "claim.link", link, payload={"claim": gone.id, "other": keep.id,
                                                                 "similarity": score})
    return link
