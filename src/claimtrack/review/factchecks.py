"""Fact-checks published elsewhere, for reviewers: "checked elsewhere" suggestions, and deciding them.

The one idea: a suggestion (`factcheck_match`, made by `ingest.factchecks`) is never a merge and never
changes: a reviewer's `confirm` or `reject` is an appended, audited decision, the newest one counts, and a
rejected suggestion stops showing (`claims show`, `review`, reports) while staying in the history.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from claimtrack import canonical_json as canonical
from claimtrack.errors import InputError, NotFound
from claimtrack.store import audit
from claimtrack.store.db import Store
from claimtrack.store.models import ArticleVersion, FactCheck, FactCheckDecision, FactCheckMatch
from claimtrack.views.factchecks import latest_decisions, suggestion_dict

DECISIONS = {"confirm": "confirmed", "reject": "rejected"}


def decide(store: Store, match_id: int, decision: str, *, reviewer: str, reason: str | None = None) -> dict:
    """A reviewer confirms (`confirm`) or rejects (`reject`) a suggestion; appended and audited."""
    if decision not in DECISIONS:
        raise InputError(f"decision must be one of {', '.join(DECISIONS)}")
    with store.write() as session:
        match = session.get(FactCheckMatch, match_id)
        if match is None:
            raise NotFound(f"no suggestion #{match_id} (see `claimtrack factchecks suggestions`)")
        row = FactCheckDecision(match_id=match_id, decision=DECISIONS[decision], reason=reason, reviewer=reviewer)
        session.add(row)
        audit.record(session, reviewer, f"factcheck.{decision}", row, payload={"match": match_id})
        return suggestion_dict(match, session.get(FactCheck, match.factcheck_id), row.decision)


def list_factchecks(store: Store, *, limit: int | None = 50, publisher: str | None = None) -> tuple[list[dict], int]:
    """The imported fact-checks, newest first, and how many there are in all."""
    with store.read() as session:
        query = select(FactCheck)
        count = select(func.count(FactCheck.id))
        if publisher:
            query, count = query.where(FactCheck.publisher == publisher), count.where(FactCheck.publisher == publisher)
        rows = session.scalars(query.order_by(FactCheck.id.desc()).limit(limit)).all()
        return [factcheck_dict(fc) for fc in rows], session.scalar(count) or 0


def show_factcheck(store: Store, factcheck_id: int) -> dict[str, Any]:
    """One fact-check with its raw record and every suggestion made for it."""
    with store.read() as session:
        fc = session.get(FactCheck, factcheck_id)
        if fc is None:
            raise NotFound(f"no fact-check #{factcheck_id} (see `claimtrack factchecks list`)")
        matches = session.scalars(select(FactCheckMatch).where(FactCheckMatch.factcheck_id == fc.id)
                                  .order_by(FactCheckMatch.id)).all()
        decisions = latest_decisions(session, [m.id for m in matches])
        return factcheck_dict(fc) | {"raw": json.loads(fc.raw),
                                     "suggestions": [suggestion_dict(m, fc, decisions.get(m.id)) for m in matches]}


def suggestions(store: Store, *, undecided: bool = True, limit: int | None = 50) -> list[dict[str, Any]]:
    """Suggestions awaiting a reviewer (or all), confident and most similar first."""
    with store.read() as session:
        rows = session.execute(select(FactCheckMatch, FactCheck)
                               .join(FactCheck, FactCheck.id == FactCheckMatch.factcheck_id)
                               .order_by(FactCheckMatch.confident.desc(), FactCheckMatch.similarity.desc(),
                                         FactCheckMatch.id)).all()
        decisions = latest_decisions(session, [m.id for m, _ in rows])
        found = [suggestion_dict(m, fc, decisions.get(m.id)) for m, fc in rows
                 if not undecided or m.id not in decisions]
        if found:
            _add_article_of_versions(session, found)
        return found[:limit] if limit else found


def _add_article_of_versions(session: Session, found: list[dict]) -> None:
    ids = {s["version_id"] for s in found if s["version_id"] is not None}
    articles = dict(session.execute(select(ArticleVersion.id, ArticleVersion.article_id)
                                    .where(ArticleVersion.id.in_(ids))).all()) if ids else {}
    for s in found:
        s["article_id"] = articles.get(s["version_id"])


def factcheck_dict(fc: FactCheck) -> dict[str, Any]:
    return {"id": fc.id, "url": fc.url, "publisher": fc.publisher, "claim_text": fc.claim_text,
            "rating": fc.rating, "rating_value": fc.rating_value, "published": fc.published,
            "language": fc.language, "claimant": fc.claimant, "licence": fc.licence, "source": fc.source,
            "imported_at": canonical.isoformat(fc.imported_at)}
