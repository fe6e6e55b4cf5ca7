"""Reviewer decisions on "similar to #N" links: merge two claims, or keep them apart.

The one idea: nothing is updated or deleted. A link (`claim_link`) is a pair of claims; each decision is a
new `link_decision` row and the newest decision of a link is the one in force. A merge keeps both claims and
all their mentions, verdicts and evidence: the merged claim simply *resolves* to its survivor (`survivor`),
and `family` lists every claim whose mentions appear under the survivor. `unlink` after a merge undoes it
(by a newer decision, so the history shows both). Every decision is audited.
"""

from __future__ import annotations

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from claimtrack.errors import Conflict, InputError, NotFound
from claimtrack.store import audit
from claimtrack.store.models import Claim, ClaimLink, LinkDecision, Mention

MAX_HOPS = 50
_ANY = "claimtrack.links.any"


def merge(session: Session, keep_id: int, merge_id: int, *, reviewer: str) -> LinkDecision:
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
    session.info[_ANY] = True
    audit.record(session, reviewer, "claim.merge", decision, payload={"survivor": keep_id, "merged": merge_id})
    return decision


def unlink(session: Session, a_id: int, b_id: int, *, reviewer: str) -> LinkDecision:
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
    session.info[_ANY] = True
    audit.record(session, reviewer, "claim.unlink", decision,
                 payload={"claims": [a_id, b_id], "was": current.decision if current else "linked"})
    return decision


def survivor(session: Session, claim: Claim) -> Claim:
    """The claim `claim` resolves to: itself, or (transitively) the claim it was merged into."""
    if not _any_decisions(session):
        return claim
    seen = {claim.id}
    for _ in range(MAX_HOPS):
        into = _merged_into(session, claim.id)
        if into is None or into in seen:
            return claim
        seen.add(into)
        claim = session.get(Claim, into)
    return claim


def survivors(session: Session, claims: list[Claim]) -> list[Claim]:
    """`survivor` of each claim, with one query for the usual case where none of them was ever decided."""
    ids = [c.id for c in claims]
    if not ids or not _any_decisions(session):
        return list(claims)
    decided = set(session.scalars(
        select(ClaimLink.claim_id).join(LinkDecision, LinkDecision.link_id == ClaimLink.id)
        .where(ClaimLink.claim_id.in_(ids))
        .union(select(ClaimLink.other_id).join(LinkDecision, LinkDecision.link_id == ClaimLink.id)
               .where(ClaimLink.other_id.in_(ids)))))
    return [survivor(session, c) if c.id in decided else c for c in claims]


def _any_decisions(session: Session) -> bool:
    """Whether any reviewer ever merged or unlinked (cached per session: most imports run before any has)."""
    if _ANY not in session.info:
        session.info[_ANY] = session.scalar(select(LinkDecision.id).limit(1)) is not None
    return session.info[_ANY]


def merged_members(session: Session, claim_ids: list[int]) -> dict[int, list[int]]:
    """For each claim that others were merged into, those others (no query beyond one while nobody merged)."""
    if not claim_ids or not _any_decisions(session):
        return {}
    members = {claim_id: family(session, claim_id)[1:] for claim_id in claim_ids}
    return {claim_id: others for claim_id, others in members.items() if others}


def family(session: Session, claim_id: int) -> list[int]:
    """`claim_id` and every claim merged into it (transitively): whose mentions show under it."""
    found, frontier = [claim_id], [claim_id]
    while frontier and len(found) < 10_000:
        merged = [c for c in _merged_from(session, frontier.pop()) if c not in found]
        found += merged
        frontier += merged
    return found


def mentions(session: Session, claim_id: int) -> list[Mention]:
    """Every appearance of a claim across articles, including those of claims merged into it."""
    ids = family(session, claim_id)
    return list(session.scalars(select(Mention).where(Mention.claim_id.in_(ids)).order_by(Mention.id)))


def open_links(session: Session, claim_id: int) -> list[tuple[ClaimLink, str]]:
    """The links of a claim with their state: "linked" (undecided), "merged" or "unlinked"."""
    rows = session.scalars(select(ClaimLink).where(_involves(claim_id)).order_by(ClaimLink.id))
    result = []
    for link in rows:
        current = latest_decision(session, link)
        result.append((link, current.decision if current else "linked"))
    return result


def find_link(session: Session, a_id: int, b_id: int) -> ClaimLink | None:
    return session.scalar(select(ClaimLink).where(or_(
        (ClaimLink.claim_id == a_id) & (ClaimLink.other_id == b_id),
        (ClaimLink.claim_id == b_id) & (ClaimLink.other_id == a_id))).order_by(ClaimLink.id).limit(1))


def latest_decision(session: Session, link: ClaimLink) -> LinkDecision | None:
    return session.scalar(select(LinkDecision).where(LinkDecision.link_id == link.id)
                          .order_by(LinkDecision.id.desc()).limit(1))


def _involves(claim_id: int):
    return or_(ClaimLink.claim_id == claim_id, ClaimLink.other_id == claim_id)


def _merged_into(session: Session, claim_id: int) -> int | None:
    for link, current in _decided_links(session, claim_id):
        if current.decision == "merged" and current.survivor_id != claim_id:
            return current.survivor_id
    return None


def _merged_from(session: Session, claim_id: int) -> list[int]:
    return [link.other_id if link.claim_id == claim_id else link.claim_id
            for link, current in _decided_links(session, claim_id)
            if current.decision == "merged" and current.survivor_id == claim_id]


def _decided_links(session: Session, claim_id: int) -> list[tuple[ClaimLink, LinkDecision]]:
    """The links of a claim that have a decision, each with its newest decision: one query.

    Most links are never decided, so this usually returns nothing; it runs for every candidate of every
    imported sentence, and must not cost a query per link.
    """
    newest = (select(func.max(LinkDecision.id).label("id"))
              .join(ClaimLink, ClaimLink.id == LinkDecision.link_id)
              .where(_involves(claim_id)).group_by(LinkDecision.link_id).subquery())
    rows = session.execute(select(ClaimLink, LinkDecision)
                           .join(LinkDecision, LinkDecision.link_id == ClaimLink.id)
                           .where(LinkDecision.id.in_(select(newest.c.id)))
                           .order_by(ClaimLink.id))
    return [(link, decision) for link, decision in rows]


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
