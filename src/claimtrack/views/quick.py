"""The read commands' path: `claims list` and `claims show` in plain SQL on the DB-API connection, no SQLAlchemy.

The one idea: a read command should start at the pace of a bare Typer app (issue 21), and importing the
ORM models and configuring their mappers costs more than the whole query on a million claims; importing
SQLAlchemy at all costs one more bare Typer start-up. So the records are built here from DB-API rows (plain
parameterised SQL run by `store.reader`, on a `Reader` or a `Store`), whose columns carry the models'
attribute names, by the same `views.records` functions — the record of a claim is the same whichever path
built it (`tests/review/test_quick_reads.py` compares the two on every claim).

The ORM read model (`views.claims`) stays the one definition; this path takes over only where it is
simple: no reviewer ever decided a link (no merge families to resolve), no published fact-check matched
the claim. Otherwise, given a `Session`, or on bad input (whose errors the ORM path words), it hands over
to `views.claims`. Nothing here writes.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from claimtrack.errors import NotFound
from claimtrack.store.reader import Conn, Reader, connected
from claimtrack.views import records
from claimtrack.views.claim_filter import SORTS, STATUSES, ClaimFilter, window
from claimtrack.views.records import Record

if TYPE_CHECKING:
    from claimtrack.store.db import Store

__all__ = ["ClaimFilter", "connected", "count_claims", "list_claims", "show_claim"]

_CLAIM = ("SELECT c.id, c.text, c.language, c.score, c.reasons, c.origin, c.status, c.rating, c.created_at,"
          " c.created_by FROM claim c")
_CLAIM_TYPES = {"reasons": "json", "created_at": "when"}


def _fast(db) -> bool:
    """Whether `db` is read here: a `store.reader.Reader` or a `Store` (a caller's Session: the ORM path)."""
    return isinstance(db, Reader) or (hasattr(db, "engine") and hasattr(db, "connect"))


def _orm(db) -> Store:
    """What the ORM read model takes: the Store (of a Reader), or the caller's Store or Session."""
    return db.store if isinstance(db, Reader) else db


def _simple(conn: Conn) -> bool:
    """Whether no reviewer ever merged or unlinked (then every claim stands alone: no family to resolve)."""
    return conn.first("SELECT id FROM link_decision LIMIT 1") is None


# -- listing -------------------------------------------------------------------------------------------------


def _valid(f: ClaimFilter) -> bool:
    return (f.status is None or f.status in STATUSES) and f.sort in SORTS


def _where(f: ClaimFilter) -> tuple[str, dict[str, Any]]:
    """The WHERE clause of views.claims._select, in SQL."""
    clauses, params = [], {}
    if f.status:
        clauses.append("c.status = :status")
        params["status"] = f.status
    if f.rating:
        clauses.append("c.rating = :rating")
        params["rating"] = f.rating
    if f.min_score is not None:
        clauses.append("c.score >= :min_score")
        params["min_score"] = f.min_score
    if f.article_id is not None:
        clauses.append("c.id IN (SELECT m.claim_id FROM mention m JOIN article_version v ON v.id = m.version_id"
                       " WHERE v.article_id = :article_id)")
        params["article_id"] = f.article_id
    if f.reviewer:
        clauses.append("c.id IN (SELECT claim_id FROM verdict WHERE reviewer = :reviewer"
                       " UNION SELECT claim_id FROM evidence WHERE added_by = :reviewer"
                       " UNION SELECT claim_id FROM dismissal WHERE reviewer = :reviewer)")
        params["reviewer"] = f.reviewer
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def _order(f: ClaimFilter) -> str:
    """views.claims._order in SQL (a selective filter wraps the sort key: filter first, sort the few)."""
    selective = f.article_id is not None or bool(f.rating) or bool(f.reviewer)
    if f.sort == "score":
        return ("c.score + 0 DESC" if selective else "c.score DESC") + ", c.id DESC"
    return "c.id + 0 DESC" if selective else "c.created_at DESC, c.id DESC"


def list_claims(db, f: ClaimFilter) -> list[Record]:
    """views.claims.list_claims: one page of claims as records (quantities and mentions)."""
    if _fast(db) and _valid(f):
        with connected(db) as conn:
            if _simple(conn):
                where, params = _where(f)
                claims = conn.rows(f"{_CLAIM}{where} ORDER BY {_order(f)} LIMIT :limit OFFSET :offset",
                                   {**params, "limit": f.limit, "offset": f.offset}, **_CLAIM_TYPES)
                return _records(conn, claims, ("quantities", "mentions"))
    from claimtrack.views import claims as orm

    return orm.list_claims(_orm(db), f)


def count_claims(db, f: ClaimFilter, *, cap: int | None = None) -> int:
    """views.claims.count_claims: how many claims the filter selects (ignoring limit and offset), counting at
    most `cap` + 1 of them when `cap` is given (a full count of a million rows is slow on PostgreSQL)."""
    if _fast(db) and _valid(f):
        where, params = _where(f)
        with connected(db) as conn:
            if cap is None:
                return conn.scalar(f"SELECT count(*) FROM claim c{where}", params) or 0
            return conn.scalar(f"SELECT count(*) FROM (SELECT 1 FROM claim c{where} LIMIT :cap) AS capped",
                               {**params, "cap": cap + 1}) or 0
    from claimtrack.views import claims as orm

    return orm.count_claims(_orm(db), f, cap=cap)


# -- one claim -----------------------------------------------------------------------------------------------


def show_claim(db, claim_id: int, around: int = 2) -> Record:
    """views.claims.show_claim: one claim in context, every part, its links and checked-elsewhere."""
    if _fast(db):
        with connected(db) as conn:
            if _simple(conn):
                claims = conn.rows(f"{_CLAIM} WHERE c.id = :id", {"id": claim_id}, **_CLAIM_TYPES)
                if not claims:
                    raise NotFound(f"no claim with id {claim_id}")
                record = _records(conn, claims, ("quantities", "mentions", "evidence", "verdicts", "dismissals"))[0]
                versions = sorted({m["version_id"] for m in record["mentions"]})
                if not _matched(conn, [claim_id], versions):
                    record["context"] = _context(conn, record["mentions"], around)
                    record["links"] = _links(conn, claim_id)
                    record["checked_elsewhere"] = []
                    return record
    from claimtrack.views import claims as orm

    return orm.show_claim(_orm(db), claim_id, around)


def _matched(conn: Conn, claim_ids: list[int], version_ids: list[int]) -> bool:
    """Whether any published fact-check was matched to these claims or versions (then the ORM path says which)."""
    return bool(conn.rows("SELECT id FROM factcheck_match WHERE claim_id IN :claims OR version_id IN :versions"
                          " LIMIT 1", {"claims": claim_ids, "versions": version_ids or [-1]}))


def _links(conn: Conn, claim_id: int) -> list[Record]:
    """views.claims.similar_links when no link was ever decided: every link is "linked"."""
    return [{"link_id": row.id, "claim_id": row.other_id if row.claim_id == claim_id else row.claim_id,
             "similarity": row.similarity, "method": row.method, "state": "linked"}
            for row in conn.rows("SELECT id, claim_id, other_id, similarity, method FROM claim_link"
                                 " WHERE claim_id = :id OR other_id = :id ORDER BY id", {"id": claim_id})]


def _context(conn: Conn, mentions: list[Record], around: int) -> Record | None:
    """views.claims.claim_context: the sentences around the newest anchored mention."""
    anchored = [m for m in mentions if not m["orphaned"]]
    if not anchored:
        return None
    m = max(anchored, key=lambda m: (m["version_id"], m["id"]))
    version = conn.first("SELECT v.text, a.language, a.title FROM article_version v JOIN article a"
                         " ON a.id = v.article_id WHERE v.id = :id", {"id": m["version_id"]})
    lo, hi = window(version.text, m["start"], m["end"], version.language, around)
    return {"article_id": m["article_id"], "version_id": m["version_id"], "mention_id": m["id"],
            "title": version.title, "text": version.text[lo:hi],
            "start": m["start"] - lo, "end": m["end"] - lo,
            "paragraph": m["paragraph"], "sentence_index": m["sentence_index"]}


# -- the records of a page of claims ---------------------------------------------------------------------------


def _records(conn: Conn, claims: list[Any], parts: tuple[str, ...]) -> list[Record]:
    """views.claims.claim_record for each of `claims` (no merges: see `_simple`), a fixed number of queries."""
    ids = [c.id for c in claims]
    if not ids:
        return []
    by_id = {c.id: records.claim(c, merged_into=None) for c in claims}
    p = {"ids": ids}
    if "quantities" in parts:
        for r in by_id.values():
            r["quantities"] = []
        for q in conn.rows('SELECT claim_id, text, span_start AS start, span_end AS "end", kind, value, low, high,'
                           " qualifier, unit, currency FROM quantity WHERE claim_id IN :ids"
                           " ORDER BY claim_id, span_start, id", p):
            by_id[q.claim_id]["quantities"].append(records.quantity(q))
    if "mentions" in parts:
        for r in by_id.values():
            r["mentions"], r["merged"] = [], []
        for m in conn.rows('SELECT m.id, m.claim_id, m.version_id, m.span_start AS start, m.span_end AS "end",'
                           " m.quote, m.prefix, m.suffix, m.orphaned, m.anchor, m.similarity, m.previous_id,"
                           " m.paragraph, m.sentence_index, m.score, m.reasons, m.created_at, v.number, v.article_id"
                           " FROM mention m JOIN article_version v ON v.id = m.version_id WHERE m.claim_id IN :ids"
                           " ORDER BY m.id", p, orphaned="bool", reasons="json", created_at="when"):
            by_id[m.claim_id]["mentions"].append(records.mention(m, article_id=m.article_id, version_number=m.number))
    # one read of the retractions serves the evidence, its states and the verdicts
    retractions = _retractions(conn, list(by_id)) if "evidence" in parts or "verdicts" in parts else []
    if "evidence" in parts:
        _add_evidence(conn, by_id, retractions)
    if "verdicts" in parts:
        _add_verdicts(conn, by_id, retractions)
    if "dismissals" in parts:
        for r in by_id.values():
            r["dismissals"] = []
        for d in conn.rows("SELECT d.id, d.claim_id, d.reason, d.reviewer, d.created_at, r.id AS r_id,"
                           " r.reason AS r_reason, r.reviewer AS r_reviewer, r.created_at AS r_created_at"
                           " FROM dismissal d LEFT JOIN restoration r ON r.dismissal_id = d.id"
                           " WHERE d.claim_id IN :ids ORDER BY d.id", p,
                           created_at="when", r_created_at="when"):
            restored = None if d.r_id is None else SimpleNamespace(id=d.r_id, reason=d.r_reason,
                                                                   reviewer=d.r_reviewer, created_at=d.r_created_at)
            by_id[d.claim_id]["dismissals"].append(records.dismissal(d, restored))
    return [by_id[i] for i in ids]


_CAPTURE = ("SELECT id, evidence_id, fetched_at, outcome, status, final_url, content_type, title, sha256, size,"
            " error FROM capture WHERE id IN :ids")


def _add_evidence(conn: Conn, by_id: dict[int, Record], retractions: list[Any]) -> None:
    from claimtrack.views.evidence import state_fields

    items = conn.rows("SELECT id, claim_id, url, stance, note, added_by, added_at FROM evidence"
                      " WHERE claim_id IN :ids ORDER BY id", {"ids": list(by_id)}, added_at="when")
    withdrawn = {r.evidence_id: r for r in retractions if r.evidence_id is not None}
    for r in by_id.values():
        r["evidence"] = []
    if not items:
        return
    stats = {row.evidence_id: (row.last, row.n) for row in conn.rows(
        "SELECT evidence_id, max(id) AS last, count(id) AS n FROM capture WHERE evidence_id IN :ids"
        " GROUP BY evidence_id", {"ids": [e.id for e in items]})}
    captures = {c.id: c for c in conn.rows(_CAPTURE, {"ids": sorted(s[0] for s in stats.values())},
                                           fetched_at="when")} if stats else {}
    states = _evidence_states(conn, sorted({e.claim_id for e in items}), retractions)
    for e in items:
        last, count = stats.get(e.id, (None, 0))
        by_id[e.claim_id]["evidence"].append({**records.evidence(e, captures.get(last) if last else None, count,
                                                                 withdrawn.get(e.id)),
                                              **state_fields(states.get(e.id, {}))})


def _evidence_states(conn: Conn, claim_ids: list[int], retractions: list[Any] | None = None
                     ) -> dict[int, dict[str, Any]]:
    """views.evidence.evidence_states in SQL (the same `_state` rule); `retractions`: these claims' retraction
    rows when the caller has read them already."""
    from claimtrack.views.evidence import current_of, states_of

    evidence = conn.rows("SELECT id, claim_id, added_at FROM evidence WHERE claim_id IN :ids",
                         {"ids": claim_ids}, added_at="when")
    if not evidence:
        return {}
    if retractions is None:
        retractions = _retractions(conn, claim_ids)
    rows = conn.rows("SELECT id, claim_id, created_at, supersedes_id FROM verdict WHERE claim_id IN :ids",
                     {"ids": claim_ids}, created_at="when")
    verdicts = current_of(rows, {r.verdict_id for r in retractions if r.verdict_id is not None})
    captures: dict[int, list[Any]] = {}
    for row in conn.rows("SELECT id, evidence_id, fetched_at, outcome, sha256 FROM capture"
                         " WHERE evidence_id IN :ids ORDER BY id", {"ids": [e.id for e in evidence]},
                         fetched_at="when"):
        captures.setdefault(row.evidence_id, []).append(row)
    relied = {(r.verdict_id, r.capture_id) for r in conn.rows(
        "SELECT verdict_id, capture_id FROM verdict_capture WHERE verdict_id IN :ids",
        {"ids": [v.id for v in verdicts.values()]})} if verdicts else set()
    return states_of(evidence, verdicts, captures, relied,
                     {r.evidence_id for r in retractions if r.evidence_id is not None})


def _retractions(conn: Conn, claim_ids: list[int]) -> list[Any]:
    """The retractions of these claims' evidence, verdicts and approvals (records.retraction's columns)."""
    return conn.rows("SELECT id, claim_id, evidence_id, approval_id, verdict_id, reason, reviewer, created_at"
                     " FROM retraction WHERE claim_id IN :ids ORDER BY id", {"ids": claim_ids}, created_at="when")


def _add_verdicts(conn: Conn, by_id: dict[int, Record], retractions: list[Any]) -> None:
    verdicts = conn.rows("SELECT id, claim_id, rating, rationale, reviewer, created_at, supersedes_id FROM verdict"
                         " WHERE claim_id IN :ids ORDER BY id", {"ids": list(by_id)}, created_at="when")
    approvals = conn.rows("SELECT id, verdict_id, reviewer, created_at FROM approval WHERE verdict_id IN :ids"
                          " ORDER BY id", {"ids": [v.id for v in verdicts]}, created_at="when") if verdicts else []
    for r in by_id.values():
        r["verdicts"] = []
    for v, a, current, retracted, withdrawn in records.verdict_parts(verdicts, approvals, retractions):
        by_id[v.claim_id]["verdicts"].append(records.verdict(v, a, current=current, retracted=retracted,
                                                             withdrawn=withdrawn))
    for r in by_id.values():
        r["current_verdict"] = next((v["id"] for v in reversed(r["verdicts"]) if v["current"]), None)
