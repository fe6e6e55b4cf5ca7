"""Fact-checks published elsewhere, as readers see them: the "checked elsewhere" suggestions of claims and
article versions, with the newest reviewer decision on each (rejected ones left out unless asked).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from claimtrack.store.models import FactCheck, FactCheckDecision, FactCheckMatch


def checked_elsewhere(session: Session, *, claim_ids: Iterable[int] = (), version_ids: Iterable[int] = (),
                      include_rejected: bool = False) -> dict[tuple[str, int], list[dict]]:
    """Suggestions per ("claim", id) and ("version", id), confident first; rejected ones left out."""
    claim_ids, version_ids = sorted(set(claim_ids)), sorted(set(version_ids))
    if not claim_ids and not version_ids:
        return {}
    query = select(FactCheckMatch, FactCheck).join(FactCheck, FactCheck.id == FactCheckMatch.factcheck_id)
    conditions = []
    if claim_ids:
        conditions.append(FactCheckMatch.claim_id.in_(claim_ids))
    if version_ids:
        conditions.append(FactCheckMatch.version_id.in_(version_ids))
    rows = session.execute(query.where(or_(*conditions)).order_by(FactCheckMatch.id)).all()
    decisions = latest_decisions(session, [m.id for m, _ in rows])
    found: dict[tuple[str, int], list[dict]] = {}
    for match, fc in rows:
        decision = decisions.get(match.id)
        if decision == "rejected" and not include_rejected:
            continue
        where = ("claim", match.claim_id) if match.claim_id is not None else ("version", match.version_id)
        found.setdefault(where, []).append(suggestion_dict(match, fc, decision))
    for items in found.values():
        items.sort(key=lambda s: (s["decision"] != "confirmed", not s["confident"], -s["similarity"], s["id"]))
    return found


def latest_decisions(session: Session, match_ids: list[int]) -> dict[int, str]:
    if not match_ids:
        return {}
    rows = session.execute(select(FactCheckDecision.match_id, FactCheckDecision.decision)
                           .where(FactCheckDecision.match_id.in_(match_ids)).order_by(FactCheckDecision.id))
    return {match_id: decision for match_id, decision in rows}


def suggestion_dict(match: FactCheckMatch, fc: FactCheck, decision: str | None = None) -> dict[str, Any]:
    return {"id": match.id, "factcheck_id": fc.id, "claim_id": match.claim_id, "version_id": match.version_id,
            "similarity": round(match.similarity, 4), "confident": match.confident, "reason": match.reason,
            "decision": decision, "publisher": fc.publisher, "rating": fc.rating, "rating_value": fc.rating_value,
            "published": fc.published, "url": fc.url, "claim_text": fc.claim_text, "language": fc.language}
