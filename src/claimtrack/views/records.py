"""The record shape of every row kind: plain, JSON-ready dicts built in one place.

The one idea: a row becomes a record here and nowhere else. Every reader — `claims list/show`, `articles
show`, `verdict history`, `review`, every report format and `--json` — takes these records (a published
format may *project* them onto its documented keys, as the JSON report's schema does, but never builds a
second shape). Timestamps are canonical strings (`canonical_json.isoformat`), lists are plain lists, and a
record never holds an ORM object, so it can outlive its session.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from claimtrack import canonical_json

if TYPE_CHECKING:  # records read attributes only: Core rows with the same names do too (views.quick)
    from claimtrack.store.models import (
        Approval, Article, ArticleVersion, Capture, Claim, Dismissal, Event, Evidence, Mention, Quantity,
        Restoration, Retraction, Verdict,
    )

Record = dict[str, Any]

__all__ = ["Record", "approval", "article", "capture", "claim", "dismissal", "event", "evidence", "mention", "project",
           "quantity", "retraction", "timestamp", "withdrawal", "verdict", "version"]


def timestamp(value) -> str | None:
    return canonical_json.isoformat(value) if value is not None else None


def project(record: Record, keys: tuple[str, ...]) -> Record:
    """`record` cut down to `keys` (a published format's documented fields), in that order."""
    return {key: record[key] for key in keys}


def claim(c: Claim, *, merged_into: int | None = None) -> Record:
    """A claim's own fields; `merged_into` is the survivor a reviewer merged it into (None: it stands alone)."""
    return {"id": c.id, "text": c.text, "language": c.language, "score": c.score,
            "reasons": [str(r) for r in (c.reasons or [])], "origin": c.origin, "status": c.status,
            "rating": c.rating, "created_at": timestamp(c.created_at), "created_by": c.created_by,
            "merged_into": merged_into}


def quantity(q: Quantity) -> Record:
    return {"text": q.text, "start": q.start, "end": q.end, "kind": q.kind, "value": q.value, "low": q.low,
            "high": q.high, "qualifier": q.qualifier, "unit": q.unit, "currency": q.currency}


def mention(m: Mention, *, article_id: int, version_number: int, via_claim: int | None = None) -> Record:
    """One appearance; `via_claim` names the merged claim it belongs to when shown under its survivor."""
    return {"id": m.id, "claim_id": m.claim_id, "article_id": article_id, "version_id": m.version_id,
            "version": version_number, "start": m.start, "end": m.end, "quote": m.quote,
            "prefix": m.prefix or "", "suffix": m.suffix or "", "orphaned": bool(m.orphaned), "anchor": m.anchor,
            "similarity": m.similarity, "previous_id": m.previous_id, "paragraph": m.paragraph,
            "sentence_index": m.sentence_index, "score": m.score,
            "reasons": list(m.reasons or []), "created_at": timestamp(m.created_at), "via_claim": via_claim}


def article(a: Article) -> Record:
    return {"id": a.id, "title": a.title, "url": a.url, "source": a.source, "language": a.language,
            "site": a.site, "author": a.author, "published": a.published, "created_at": timestamp(a.created_at),
            "created_by": a.created_by}


def version(v: ArticleVersion) -> Record:
    """An article version without its text and raw bytes (those are read only where shown)."""
    return {"id": v.id, "article_id": v.article_id, "number": v.number, "raw_sha256": v.raw_sha256,
            "text_sha256": v.text_sha256, "size": v.size, "fetched_at": timestamp(v.fetched_at),
            "encoding": v.encoding, "content_type": v.content_type, "extractor": v.extractor,
            "extractor_version": v.extractor_version, "source": v.source, "final_url": v.final_url,
            "canonical_url": v.canonical_url, "http_status": v.http_status}


def capture(c: Capture) -> Record:
    """A capture's metadata (never its stored body)."""
    return {"id": c.id, "fetched_at": timestamp(c.fetched_at), "outcome": c.outcome, "status": c.status,
            "final_url": c.final_url, "content_type": c.content_type, "title": c.title, "sha256": c.sha256,
            "size": c.size, "error": c.error}


def retraction(r: Retraction | None) -> Record | None:
    """Who withdrew a row, when and why ({"id", "reason", "reviewer", "created_at"}); None: in force."""
    return None if r is None else {"id": r.id, "reason": r.reason, "reviewer": r.reviewer,
                                   "created_at": timestamp(r.created_at)}


def withdrawal(r: Retraction) -> Record:
    """A retraction as a row of its own (what `evidence retract`, `verdict retract`, `verdict unapprove` print)."""
    return {"id": r.id, "kind": r.kind, "target_id": r.target_id, "claim_id": r.claim_id, "reason": r.reason,
            "reviewer": r.reviewer, "created_at": timestamp(r.created_at), "reinstated_by": None}


def evidence(e: Evidence, latest: Capture | None, captures: int, retracted: Retraction | None = None) -> Record:
    """Evidence with its latest capture (None: never fetched), how many captures it has, and the
    retraction that withdrew it (None: it counts)."""
    return {"id": e.id, "claim_id": e.claim_id, "url": e.url, "stance": e.stance, "note": e.note,
            "added_by": e.added_by, "added_at": timestamp(e.added_at),
            "captures": captures,
            "capture": capture(latest) if latest is not None else None,
            "retracted": retraction(retracted)}


def verdict(v: Verdict, a: Approval | None, *, current: bool, retracted: Retraction | None = None,
            withdrawn: list[tuple[Approval, Retraction]] = ()) -> Record:
    """A verdict with its approval in force folded in (`approved_by`/`approved_at`), whether it is in force,
    the retraction that withdrew it, and its retracted approvals (`retracted_approvals`, oldest first)."""
    return {"id": v.id, "claim_id": v.claim_id, "rating": v.rating, "rationale": v.rationale,
            "reviewer": v.reviewer, "created_at": timestamp(v.created_at), "supersedes": v.supersedes_id,
            "current": current, "approved_by": a.reviewer if a else None,
            "approved_at": timestamp(a.created_at) if a else None, "retracted": retraction(retracted),
            "retracted_approvals": [{"id": w.id, "approved_by": w.reviewer, "approved_at": timestamp(w.created_at),
                                     "retracted": retraction(r)} for w, r in withdrawn]}


def verdict_parts(verdicts: list, approvals: list, retractions: list) -> list[tuple[Any, Any, bool, Any, list]]:
    """(verdict, approval in force, current, retraction, [(retracted approval, its retraction)]) of one
    page's verdict rows (ORM objects or Core rows alike), in their order: the one rule of which verdict and
    which approval are in force, for the ORM read model and the Core read path."""
    by_approval = {r.approval_id: r for r in retractions if r.approval_id is not None}
    by_verdict = {r.verdict_id: r for r in retractions if r.verdict_id is not None}
    superseded = {v.supersedes_id for v in verdicts if v.supersedes_id is not None}
    live: dict[int, Any] = {}
    withdrawn: dict[int, list] = {}
    for a in sorted(approvals, key=lambda a: a.id):
        if a.id in by_approval:
            withdrawn.setdefault(a.verdict_id, []).append((a, by_approval[a.id]))
        else:
            live[a.verdict_id] = a
    return [(v, live.get(v.id), v.id not in superseded and v.id not in by_verdict, by_verdict.get(v.id),
             withdrawn.get(v.id, [])) for v in verdicts]


def approval(a: Approval) -> Record:
    return {"id": a.id, "verdict_id": a.verdict_id, "reviewer": a.reviewer, "created_at": timestamp(a.created_at)}


def dismissal(d: Dismissal, restored: Restoration | None = None) -> Record:
    """A dismissal; `restored`: the restoration that undid it ({"id", "reason", "reviewer", "created_at"}) or None."""
    return {"id": d.id, "claim_id": d.claim_id, "reason": d.reason, "reviewer": d.reviewer,
            "created_at": timestamp(d.created_at),
            "restored": None if restored is None else {
                "id": restored.id, "reason": restored.reason, "reviewer": restored.reviewer,
                "created_at": timestamp(restored.created_at)}}


def event(e: Event) -> Record:
    """An audit event with its payload parsed."""
    return {"id": e.id, "created_at": timestamp(e.created_at), "actor": e.actor, "action": e.action,
            "entity": e.entity, "entity_id": e.entity_id, "payload": json.loads(e.payload),
            "prev_hash": e.prev_hash, "hash": e.hash}
