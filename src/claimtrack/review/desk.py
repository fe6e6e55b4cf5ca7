"""`claimtrack status`: what needs the current reviewer, in one read (issue 18, item 2).

Five sections, each a count and the first few items, with the command that lists the rest:

- `awaiting_approval`: current verdicts, not approved, written by someone else (approval needs a second
  reviewer: names compare as `store.accounts.normalise_reviewer` does, so "ALICE" is alice's own);
- `in_review`: the reviewer's own current verdicts that nobody approved yet;
- `evidence_changed`: evidence of rated or approved claims whose newest capture is dead or differs from the
  capture the current verdict relied on (`views.evidence`'s rule: `since_verdict` "dead" or "changed");
- `new_claims`: unreviewed claims scoring at least the detection threshold (`detect_threshold`), created
  since the reviewer's last session. **Last session** = the newest audit event the reviewer is the actor of
  (their last write of any kind: a verdict, evidence, a dismissal…); a reviewer who never wrote sees every
  such claim. Reading (this command included) writes nothing, so it does not move the marker;
- `checked_elsewhere`: "checked elsewhere" suggestions (published fact-checks matched to our claims or
  articles) that no reviewer confirmed or rejected yet.

Everything is read in plain SQL on the DB-API connection (`store.reader`: no SQLAlchemy, a read command
starts at the pace of start-up, issue 21), except the few suggestions shown, which come from the ORM's
`views.factchecks.checked_elsewhere` when there are any.
"""

from __future__ import annotations

import shlex
from typing import Any

from claimtrack import canonical_json
from claimtrack.store.accounts import normalise_reviewer
from claimtrack.store.reader import Conn, Reader, connected

__all__ = ["SECTIONS", "status"]

SECTIONS = ("awaiting_approval", "in_review", "evidence_changed", "new_claims", "checked_elsewhere")
CAP = 1000  # counts stop here ("capped": true, shown as "1,000+"): a dashboard need not count a million rows
# the head of a rated claim's history, not retracted, with no approval in force (a retracted one does not count)
_CURRENT_OPEN = ("FROM verdict v JOIN claim c ON c.id = v.claim_id WHERE c.status = 'rated'"
                 " AND NOT EXISTS (SELECT 1 FROM verdict s WHERE s.supersedes_id = v.id)"
                 " AND NOT EXISTS (SELECT 1 FROM retraction r WHERE r.verdict_id = v.id)"
                 " AND NOT EXISTS (SELECT 1 FROM approval a WHERE a.verdict_id = v.id"
                 " AND NOT EXISTS (SELECT 1 FROM retraction r WHERE r.approval_id = a.id))")


def _iso(value) -> str | None:
    return canonical_json.isoformat(value) if value is not None else None


def status(store, reviewer: str, *, threshold: float, first: int = 5) -> dict[str, Any]:
    """What needs `reviewer`: every section's count and its `first` items (see the module docstring)."""
    with connected(store) as conn:  # a store.reader.Reader or a Store
        last = conn.scalar("SELECT max(created_at) AS last FROM event WHERE actor = :me", {"me": reviewer}, last="when")
        mine, others = _names(conn, reviewer)
        return {
            "reviewer": reviewer, "last_session": _iso(last), "threshold": threshold,
            "awaiting_approval": _verdicts(conn, others, first=first,
                                           more="claimtrack claims list --status rated"),
            "in_review": _verdicts(conn, mine, first=first,
                                   more="claimtrack claims list --status rated --reviewer " + shlex.quote(reviewer)),
            "evidence_changed": _evidence_changed(conn, first),
            "new_claims": _new_claims(conn, last, threshold, first),
            "checked_elsewhere": _checked_elsewhere(store, conn, first),
        }


def _names(conn, reviewer: str) -> tuple[list[str], list[str]]:
    """The verdict reviewer names that are `reviewer` (as compared: case, width, invisible characters), and
    the others: both sections then select by the reviewer index (`IN`), never scan every rated claim."""
    me = normalise_reviewer(reviewer)
    names = {row[0] for row in conn.rows("SELECT DISTINCT reviewer FROM verdict")}
    return sorted({reviewer, *(n for n in names if normalise_reviewer(n) == me)}), \
        sorted(n for n in names if normalise_reviewer(n) != me)


def _section(count: int, items: list[dict[str, Any]], more: str) -> dict[str, Any]:
    return {"count": min(count, CAP), "capped": count > CAP, "items": items, "more": more}


def _count(conn: Conn, where: str, params: dict[str, Any]) -> int:
    """How many rows `where` (a FROM … WHERE …) selects, counting at most CAP + 1 of them."""
    return conn.scalar(f"SELECT count(*) FROM (SELECT 1 {where} LIMIT {CAP + 1}) AS capped", params) or 0


def _verdicts(conn, names: list[str], *, first: int, more: str) -> dict[str, Any]:
    """Current verdicts nobody approved yet, written by one of `names`, oldest first."""
    if not names:
        return _section(0, [], more)
    where = f"{_CURRENT_OPEN} AND v.reviewer IN :mine"
    count = _count(conn, where, {"mine": names})
    rows = conn.rows(f"SELECT v.id, v.claim_id, v.rating, v.reviewer, v.created_at, c.text {where}"
                     " ORDER BY v.id LIMIT :first", {"mine": names, "first": first}, created_at="when") if count else []
    return _section(count, [{"claim_id": r.claim_id, "verdict_id": r.id, "rating": r.rating, "reviewer": r.reviewer,
                             "created_at": _iso(r.created_at), "text": r.text} for r in rows], more)


def _evidence_changed(conn, first: int) -> dict[str, Any]:
    """views.evidence.flagged_claims in SQL: candidates in SQL (evidence captured again after a capture some
    verdict relied on), then the exact state of those few."""
    from claimtrack.views.evidence import FLAGGED
    from claimtrack.views.quick import _evidence_states

    # from the captures verdicts relied on (SQLite's CROSS JOIN keeps that order: its planner would start
    # from every rated claim, 0.4 s on a million claims), to a later capture of the same evidence
    join = "CROSS JOIN" if conn.is_sqlite else "JOIN"
    candidates = [row[0] for row in conn.rows(
        f"SELECT DISTINCT e.claim_id FROM verdict_capture vc {join} capture p ON p.id = vc.capture_id"
        f" {join} capture later ON later.evidence_id = p.evidence_id AND later.id > p.id"
        f" {join} evidence e ON e.id = p.evidence_id"
        f" {join} claim c ON c.id = e.claim_id WHERE c.status IN ('rated', 'approved') ORDER BY e.claim_id")]
    states = _evidence_states(conn, candidates) if candidates else {}
    flagged = sorted(eid for eid, state in states.items() if state.get("since_verdict") in FLAGGED)
    items = []
    if flagged:
        rows = conn.rows("SELECT id, claim_id, url FROM evidence WHERE id IN :ids ORDER BY claim_id, id"
                         " LIMIT :first", {"ids": flagged, "first": first})
        items = [{"claim_id": r.claim_id, "evidence_id": r.id, "url": r.url,
                  "since_verdict": states[r.id]["since_verdict"], "verdict_id": states[r.id]["verdict_id"]}
                 for r in rows]
    return _section(len(flagged), items, "claimtrack evidence list --claim ID")


def _new_claims(conn, last, threshold: float, first: int) -> dict[str, Any]:
    """Unreviewed claims at or above `threshold` created after `last` (the last session; None: all of them).
    Since a last session, the (status, created_at) index of migration 0010 picks the few new rows first."""
    params: dict[str, Any] = {"threshold": threshold, "first": first}
    where = "FROM claim c WHERE c.status = 'unreviewed' AND c.score >= :threshold"
    order = "c.score DESC, c.id DESC"
    if last is not None:
        where = "FROM claim c WHERE c.status = 'unreviewed' AND c.created_at > :last AND +c.score >= :threshold"
        order = "c.score + 0 DESC, c.id DESC"  # sort the new rows, not walk the score index past old ones
        params["last"] = last  # an aware datetime: bound as UTCDateTime binds it (store.reader.Conn)
    count = _count(conn, where, params)
    rows = conn.rows(f"SELECT c.id, c.score, c.created_at, c.text {where} ORDER BY {order} LIMIT :first",
                     params, created_at="when") if count else []
    return _section(count, [{"claim_id": r.id, "score": r.score, "created_at": _iso(r.created_at), "text": r.text}
                            for r in rows], f"claimtrack claims list --status unreviewed --min-score {threshold:g}")


def _checked_elsewhere(db, conn: Conn, first: int) -> dict[str, Any]:
    """Suggestions no reviewer decided on, confident and most similar first (as `factchecks suggestions`)."""
    pending = ("FROM factcheck_match m WHERE NOT EXISTS"
               " (SELECT 1 FROM factcheck_decision d WHERE d.match_id = m.id)")
    count = _count(conn, pending, {})
    items: list[dict[str, Any]] = []
    if count:
        rows = conn.rows(f"SELECT m.id, m.claim_id, m.version_id {pending}"
                         " ORDER BY m.confident DESC, m.similarity DESC, m.id LIMIT :first", {"first": first})
        from claimtrack.store.db import reading
        from claimtrack.views.factchecks import checked_elsewhere

        with reading(db.store if isinstance(db, Reader) else db) as session:  # the ORM, for these few only
            found = checked_elsewhere(session, claim_ids=[r.claim_id for r in rows if r.claim_id is not None],
                                      version_ids=[r.version_id for r in rows if r.version_id is not None])
        by_id = {s["id"]: s for suggestions in found.values() for s in suggestions}
        items = [by_id[r.id] for r in rows if r.id in by_id]
    return _section(count, items, "claimtrack factchecks suggestions")
