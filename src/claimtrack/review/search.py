"""Full-text search over claim texts and article texts: substrings, Chinese included, ranked, with snippets.

The one idea: the index only narrows the rows; the answer is the same on both databases because ranking
and snippets are computed the same way from the texts themselves.
- SQLite: the trigram FTS5 tables of migration 0002. A query of 3+ characters is one FTS5 phrase (exact
  substring, ASCII case-insensitive); a 1–2 character query (企业) is answered from the fts5vocab
  'instance' table as the documents holding any trigram that begins with it — the indexed text is padded
  with two spaces, so every occurrence begins some trigram.
- PostgreSQL: ILIKE, served by the pg_trgm GIN indexes.
Rank: occurrences of the query per square root of the text length (term frequency, length-normalised), then
claims before articles, then id. Snippets are plain strings cut from untrusted text: callers escape them.
Article hits are searched in each article's newest version only.

A common word must not cost a scan of every row holding it (机器人 is in 72,000 of a million claims: ranking
them all took 3 s). So the index hands over at most CANDIDATES rows of each kind — the newest (highest
ids: FTS5 walks its rowids backwards; PostgreSQL walks the primary key backwards, filtering by ILIKE) —
and those are ranked. Below that many matches (every search of a small database) the answer is exactly the
full ranking; above it, `search_capped` tells which kinds were cut, and the CLI says so on stderr.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

from claimtrack.errors import InputError
from claimtrack.store.reader import Conn, Reader, connected

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from claimtrack.store.db import Store

CONTEXT_BEFORE, CONTEXT_AFTER = 30, 60
CANDIDATES = 2000  # at most this many matching rows of each kind are ranked (the newest)
_TABLES = {"claim": ("claim", "id", "text"), "version": ("article_version", "id", "text")}
_END = "\U0010ffff"


@dataclass(frozen=True)
class Hit:
    """One search result: a claim or an article (its newest version), with where the query occurs."""

    kind: str  # "claim" | "article" | "factcheck"
    id: int
    version_id: int | None
    title: str | None
    rating: str | None
    status: str | None
    occurrences: int
    score: float
    snippet: str
    start: int  # first occurrence, code-point offsets into the claim's or the version's text
    end: int

    def as_dict(self) -> dict:
        return asdict(self)


KINDS = ("claims", "articles", "factchecks")


def search(db: Reader | Store | Session, query: str, *, limit: int = 20, kinds: tuple[str, ...] = KINDS) -> list[Hit]:
    """The `limit` best claims, articles and external fact-checks containing `query` (case-insensitive for ASCII)."""
    return search_capped(db, query, limit=limit, kinds=kinds)[0]


def search_capped(db: Reader | Store | Session, query: str, *, limit: int = 20,
                  kinds: tuple[str, ...] = KINDS) -> tuple[list[Hit], list[str]]:
    """`search`, and the kinds ("claims", "articles") whose matches exceeded CANDIDATES (only the newest
    CANDIDATES of those were ranked)."""
    hits, capped, _ = search_counted(db, query, limit=limit, kinds=kinds, count=False)
    return hits, capped


def search_counted(db: Reader | Store | Session, query: str, *, limit: int = 20, kinds: tuple[str, ...] = KINDS,
                   count: bool = True) -> tuple[list[Hit], list[str], int | None]:
    """`search_capped`, and how many claims, articles and fact-checks match in all (for "20 of 143 shown"):
    exact unless a kind is `capped` (then it counts the CANDIDATES ranked of that kind); None without `count`."""
    needle = unicodedata.normalize("NFC", query).strip()
    if not needle:
        raise InputError("the search query is empty")
    if limit < 1:
        raise InputError("--limit must be at least 1")
    unknown = [k for k in kinds if k not in KINDS]
    if unknown or not kinds:
        raise InputError(f"--in takes {', '.join(KINDS)} (comma-separated), not {', '.join(unknown) or 'nothing'}")
    capped: list[str] = []
    totals: dict[str, int] | None = {} if count else None
    with connected(db) as conn:  # plain SQL on the DB-API connection: no SQLAlchemy to import (issue 21)
        hits = ((_claim_hits(conn, needle, limit, capped, totals) if "claims" in kinds else [])
                + (_article_hits(conn, needle, limit, capped, totals) if "articles" in kinds else [])
                + (_factcheck_hits(conn, needle, limit, totals) if "factchecks" in kinds else []))
    hits.sort(key=lambda h: (-h.score, h.kind != "claim", h.id))
    return hits[:limit], capped, None if totals is None else sum(totals.values())


def _candidate_ids(conn: Conn, index: str, needle: str, capped: list[str], kind: str) -> list[int]:
    """The ids of the newest CANDIDATES rows of `index` holding `needle` (one index query, CANDIDATES + 1
    ids read: one more says that `kind` was cut, noted in `capped`)."""
    if conn.is_sqlite and len(needle) >= 3:
        # A long phrase costs FTS5 every trigram's doclist, and newest-first twice the work of index order
        # (a 120-character phrase at 1M claims: 166 ms against 87). Index order answers whenever the phrase
        # matches at most CANDIDATES rows — then it has every match; only more than that needs the newest.
        everything, params = _candidates(conn, index, needle, CANDIDATES + 1, newest=False)
        ids = sorted((row[0] for row in conn.rows(everything, params)), reverse=True)
        if len(ids) <= CANDIDATES:
            return ids
    candidates, params = _candidates(conn, index, needle, CANDIDATES + 1)
    ids = [row[0] for row in conn.rows(candidates, params)]
    if len(ids) > CANDIDATES:
        capped.append(kind)
    return ids[:CANDIDATES]


def _claim_hits(conn: Conn, needle: str, limit: int, capped: list[str],
                totals: dict[str, int] | None = None) -> list[Hit]:
    ids = _candidate_ids(conn, "claim", needle, capped, "claims")
    if totals is not None:
        totals["claims"] = len(ids)
    if not ids:
        return []
    rows = conn.rows(
        f"SELECT c.id, c.text, c.rating, c.status, {_occurrences('c.text')} AS occ FROM claim c"
        " WHERE c.id IN :ids ORDER BY occ DESC, length(c.text), c.id LIMIT :limit",
        {"ids": ids, "needle": needle.lower(), "limit": limit})
    return [_hit("claim", row.id, None, None, row.rating, row.status, row.text, needle) for row in rows]


_LATEST = ("v.id IN :ids AND NOT EXISTS (SELECT 1 FROM article_version w"
           " WHERE w.article_id = v.article_id AND w.number > v.number)")  # an article's newest version only


def _article_hits(conn: Conn, needle: str, limit: int, capped: list[str],
                  totals: dict[str, int] | None = None) -> list[Hit]:
    ids = _candidate_ids(conn, "version", needle, capped, "articles")
    if totals is not None:
        totals["articles"] = (conn.scalar(f"SELECT count(*) FROM article_version v WHERE {_LATEST}", {"ids": ids})
                              or 0) if ids else 0
    if not ids:
        return []
    rows = conn.rows(
        f"SELECT a.id, v.id AS version_id, a.title, v.text, {_occurrences('v.text')} AS occ"
        f" FROM article_version v JOIN article a ON a.id = v.article_id WHERE {_LATEST}"
        " ORDER BY occ DESC, length(v.text), a.id LIMIT :limit",
        {"ids": ids, "needle": needle.lower(), "limit": limit})
    return [_hit("article", row.id, row.version_id, row.title, None, None, row.text, needle) for row in rows]


def _factcheck_hits(conn: Conn, needle: str, limit: int, totals: dict[str, int] | None = None) -> list[Hit]:
    """External fact-checks: no substring index (their number stays small beside claims), a scan of one column."""
    if conn.is_sqlite:
        where = "instr(lower(f.claim_text), :needle) > 0"
    else:
        where = "strpos(lower(f.claim_text), :needle) > 0"
    if totals is not None:
        totals["factchecks"] = conn.scalar(f"SELECT count(*) FROM factcheck f WHERE {where}",
                                           {"needle": needle.lower()}) or 0
    rows = conn.rows(
        f"SELECT f.id, f.claim_text, f.rating, f.publisher, {_occurrences('f.claim_text')} AS occ FROM factcheck f"
        f" WHERE {where} ORDER BY occ DESC, length(f.claim_text), f.id LIMIT :limit",
        {"needle": needle.lower(), "limit": limit})
    return [_hit("factcheck", row.id, None, row.publisher, row.rating, None, row.claim_text, needle) for row in rows]


def _candidates(conn: Conn, index: str, needle: str, cap: int, *, newest: bool = True) -> tuple[str, dict]:
    """A query of the ids of the newest `cap` rows of `index` ("claim", "version") holding `needle` (without
    `newest`, of the first `cap` in the index's order: SQLite phrases only)."""
    params = {"needle": needle.lower(), "cap": cap}
    if not conn.is_sqlite:
        table, id_column, text_column = _TABLES[index]
        escaped = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        return (f"SELECT {id_column} FROM {table} WHERE {text_column} ILIKE :pattern ESCAPE '\\'"
                f" ORDER BY {id_column} DESC LIMIT :cap"), {**params, "pattern": f"%{escaped}%"}
    if len(needle) >= 3:
        phrase = '"' + needle.replace('"', '""') + '"'
        order = " ORDER BY rowid DESC" if newest else ""
        return (f"SELECT rowid FROM fts_{index} WHERE fts_{index} MATCH :phrase{order} LIMIT :cap",
                {**params, "phrase": phrase})
    return (f"SELECT DISTINCT doc FROM fts_{index}_vocab WHERE term >= :low AND term < :high"
            " ORDER BY doc DESC LIMIT :cap", {**params, "low": needle.lower(), "high": needle.lower() + _END})


def _occurrences(column: str) -> str:
    needle = "CAST(:needle AS TEXT)"
    return f"(length({column}) - length(replace(lower({column}), {needle}, ''))) / length({needle})"


def _hit(kind: str, id_: int, version_id: int | None, title: str | None, rating: str | None,
         status: str | None, body: str, needle: str) -> Hit:
    start = body.lower().find(needle.lower())
    start = max(start, 0)
    end = start + len(needle)
    occurrences = max(body.lower().count(needle.lower()), 1)
    score = round(occurrences / math.sqrt(max(len(body), 1)), 6)
    return Hit(kind, id_, version_id, title, rating, status, occurrences, score, snippet(body, start, end), start, end)


def snippet(body: str, start: int, end: int) -> str:
    """The match with some context on both sides, on one line; `…` where the text was cut."""
    lo, hi = max(start - CONTEXT_BEFORE, 0), min(end + CONTEXT_AFTER, len(body))
    piece = " ".join(body[lo:hi].split())
    return ("…" if lo > 0 else "") + piece + ("…" if hi < len(body) else "")
