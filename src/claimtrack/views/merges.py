"""The rules of merged claims, for every reader: survivor, family (members), and who was merged away.

The one idea: a reviewer's merge deletes nothing. A link (`claim_link`) is a pair of claims; its newest
`link_decision` is the one in force. A claim merged into another *resolves* to that survivor (`survivor`,
transitively); `family(id)` is the survivor followed by every claim merged into it, whose mentions are
the survivor's appearances too; `merged_away` is the set of claims that resolve to another one (they
keep their rows and history, but never enter the review queue). The writes (merge, unlink) are in
`review.links`; everything here only reads, and costs one query while no reviewer ever decided a link
(the usual case during imports: `session.info` caches that answer per session).
"""

from __future__ import annotations

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from claimtrack.store.models import Claim, ClaimLink, LinkDecision, Mention

MAX_HOPS = 50
_ANY = "claimtrack.links.any"

__all__ = ["any_decisions", "family", "find_link", "latest_decision", "links_of", "mentions", "merged_away", "merged_members",
           "note_decision", "survivor", "survivor_ids", "survivors"]


def note_decision(session: Session) -> None:
    """Tell this session's cache that a link decision now exists (called by merge and unlink)."""
    session.info[_ANY] = True


def any_decisions(session: Session) -> bool:
    """Whether any reviewer ever merged or unlinked (cached per session)."""
    if _ANY not in session.info:
        session.info[_ANY] = session.scalar(select(LinkDecision.id).limit(1)) is not None
    return session.info[_ANY]


def survivor(session: Session, claim: Claim) -> Claim:
    """The claim `claim` resolves to: itself, or (transitively) the claim it was merged into."""
    if not any_decisions(session):
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
    if not ids or not any_decisions(session):
        return list(claims)
    decided = set(session.scalars(
        select(ClaimLink.claim_id).join(LinkDecision, LinkDecision.link_id == ClaimLink.id)
        .where(ClaimLink.claim_id.in_(ids))
        .union(select(ClaimLink.other_id).join(LinkDecision, LinkDecision.link_id == ClaimLink.id)
               .where(ClaimLink.other_id.in_(ids)))))
    return [survivor(session, c) if c.id in decided else c for c in claims]


def survivor_ids(session: Session, claims: list[Claim]) -> dict[int, int]:
    """For each of `claims` merged into another, the id of its survivor (empty while nobody merged)."""
    return {c.id: s.id for c, s in zip(claims, survivors(session, claims), strict=True) if s.id != c.id}


def merged_away(session: Session) -> set[int]:
    """Every claim a reviewer merged into another (by the decisions in force): one query, none if never."""
    if not any_decisions(session):
        return set()
    newest = select(func.max(LinkDecision.id)).group_by(LinkDecision.link_id)
    rows = session.execute(select(ClaimLink.claim_id, ClaimLink.other_id, LinkDecision.survivor_id)
                           .join(LinkDecision, LinkDecision.link_id == ClaimLink.id)
                           .where(LinkDecision.id.in_(newest), LinkDecision.decision == "merged"))
    return {other if keep == a else a for a, other, keep in rows}


def merged_members(session: Session, claim_ids: list[int]) -> dict[int, list[int]]:
    """For each claim that others were merged into, those others (no query beyond one while nobody merged)."""
    if not claim_ids or not any_decisions(session):
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


def links_of(session: Session, claim_id: int) -> list[tuple[ClaimLink, str]]:
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
