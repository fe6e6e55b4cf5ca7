"""Claim matching: is a newly extracted sentence a claim we already track?

The one idea: three steps, each cheaper to skip than the next.
1. Exact: the fingerprint of the normalized text (`claimtrack.text.fingerprint`) — one unique-index lookup.
2. Candidates: claims sharing a MinHash-LSH key (`claim_key`, see text/similarity.py) — BANDS index
   range reads of at most BUCKET rows each (the newest claims of a popular bucket), never a scan of every
   claim, so the cost does not grow with the archive.
3. Judgement (text/similarity.py): a candidate that reads the same, asserts the same numbers, is long
   enough and differs only one-sidedly becomes the match (`matched_by="fuzzy"`); candidates that are merely
   similar (LOW ≤ similarity) are linked to the new claim as "similar to #N" for a reviewer to merge or keep
   apart (review/links.py). A claim merged by a reviewer resolves to the claim it was merged into.
The `Resolution` carries what the importer reports: "previously checked: #12 false" for every matched or
similar claim that has a rating.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from sqlalchemy import event as sa_event, inspect, insert, select, text
from sqlalchemy.orm import Session

from claimtrack.store import audit
from claimtrack.store.models import Claim, ClaimKey, ClaimLink, Quantity

CANDIDATES = 40  # most candidate claims judged per sentence (by shared LSH keys)
BUCKET = 500  # most claims read from one LSH bucket (the newest): a popular key costs no more as claims grow
MAX_LINKS = 5  # most "similar to" links made for one new claim


@dataclass(frozen=True)
class Resolution:
    """The claim a sentence belongs to, and how it was found."""

    claim: Claim
    created: bool
    matched_by: str | None = None  # "fingerprint", "fuzzy" or None for a new claim
    similar: list[tuple[int, float]] = field(default_factory=list)  # (claim id, similarity) linked for review
    similarity: float | None = None  # of the fuzzy match (1.0 for a fingerprint match)
    previously_checked: list[tuple[int, str]] = field(default_factory=list)  # (claim id, rating) already rated


def resolve_claim(session: Session, scored, *, language: str | None, actor: str,
                  origin: str = "extracted") -> Resolution:
    """The claim for one analysed sentence (`claimtrack.text.Scored`): an existing one, or a new one.

    Lookups run without autoflush: what they read (claims, their LSH keys) is written at once, while pending
    quantities, links and audit events can wait for the next explicit flush instead of one per query.
    """
    with session.no_autoflush:
        return _resolve(session, scored, language=language, actor=actor, origin=origin)


def _resolve(session: Session, scored, *, language: str | None, actor: str, origin: str) -> Resolution:
    from claimtrack.views.merges import survivor
    from claimtrack.text import normalize

    existing = session.scalar(select(Claim).where(Claim.fingerprint == scored.fingerprint))
    if existing is not None:
        claim = survivor(session, existing)
        return Resolution(claim, created=False, matched_by="fingerprint", similarity=1.0,
                          previously_checked=_rated([claim]))
    text = scored.sentence.text
    normalized = normalize(text)
    judged = judge_candidates(session, text, normalized)
    for candidate, score, same in judged:
        if same:
            claim = survivor(session, candidate)
            return Resolution(claim, created=False, matched_by="fuzzy", similarity=round(score, 4),
                              previously_checked=_rated([claim]))
    claim = _create(session, scored, normalized, language=language, actor=actor, origin=origin)
    similar = _link_similar(session, claim, judged, actor)
    return Resolution(claim, created=True, similar=[(c.id, s) for c, s in similar],
                      previously_checked=_rated([c for c, _ in similar]))


def judge_candidates(session: Session, text: str, normalized: str) -> list[tuple[Claim, float, bool]]:
    """Candidate claims with their similarity and whether they may merge automatically, best first."""
    from claimtrack.text.similarity import LOW, auto_merge, similarity

    judged = []
    for claim in candidates(session, normalized):
        score = similarity(text, claim.text, normalized, claim.normalized)
        if score >= LOW:
            judged.append((claim, score, auto_merge(text, claim.text, normalized, claim.normalized, score)))
    judged.sort(key=lambda item: (not item[2], -item[1], item[0].id))
    return judged


def candidates(session: Session, normalized: str) -> list[Claim]:
    """Claims sharing LSH keys with `normalized`, most shared keys first (index lookups only)."""
    from claimtrack.text.similarity import claim_keys

    keys = claim_keys(normalized)
    if not keys:
        return []
    params = {f"k{i}": key for i, key in enumerate(keys)} | {"bucket": BUCKET, "most": CANDIDATES}
    ids = [row[0] for row in session.execute(_candidates_sql(len(keys)), params)]
    if not ids:
        return []
    by_id = {c.id: c for c in session.scalars(select(Claim).where(Claim.id.in_(ids)))}
    return [by_id[i] for i in ids if i in by_id]


@cache
def _candidates_sql(n_keys: int):
    """One statement: the newest BUCKET claims of each key's bucket, ranked by keys shared.

    Written as SQL text (built once per key count): composing the same union with the ORM per sentence
    cost more than running it.
    """
    buckets = " UNION ALL ".join(
        f"SELECT claim_id FROM (SELECT claim_id FROM claim_key WHERE key = :k{i} "
        f"ORDER BY claim_id DESC LIMIT :bucket) AS b{i}" for i in range(n_keys))
    return text(f"SELECT claim_id, count(*) AS shared FROM ({buckets}) AS hits GROUP BY claim_id "
                "ORDER BY shared DESC, claim_id DESC LIMIT :most")


def index_claim(session: Session, claim: Claim) -> None:
    """Store the claim's LSH keys (every path that creates a claim must call this)."""
    from claimtrack.text.similarity import claim_keys

    keys = claim_keys(claim.normalized)
    if keys:  # a Core executemany: ~20 rows a claim are too many to pass through the unit of work one by one
        session.execute(insert(ClaimKey), [{"key": key, "claim_id": claim.id} for key in keys])


def _create(session: Session, scored, normalized: str, *, language: str | None, actor: str,
            origin: str) -> Claim:
    claim = Claim(fingerprint=scored.fingerprint, text=scored.sentence.text, normalized=normalized,
                  language=language, score=scored.score, reasons=list(scored.reasons), origin=origin,
                  status="unreviewed", created_by=actor)
    session.add(claim)
    session.flush()
    quantities = [Quantity(claim_id=claim.id, text=q.text, start=q.start, end=q.end, kind=q.kind,
                           value=q.value, low=q.low, high=q.high, qualifier=q.qualifier, unit=q.unit,
                           currency=q.currency) for q in scored.quantities]
    session.add_all(quantities)
    index_claim(session, claim)
    audit.record(session, actor, "claim.create", claim, rows=quantities,
                 payload={"text": claim.text, "origin": origin})
    return claim


def _link_similar(session: Session, claim: Claim, judged: list[tuple[Claim, float, bool]],
                  actor: str) -> list[tuple[Claim, float]]:
    """Link the new claim to the most similar existing claims (their survivors), audited."""
    from claimtrack.views.merges import survivors

    best = judged[:MAX_LINKS * 2]  # survivors may coincide; a few spares keep MAX_LINKS reachable
    linked: dict[int, tuple[Claim, float]] = {}
    for target, (_, score, _) in zip(survivors(session, [c for c, _, _ in best]), best, strict=True):
        if target.id != claim.id and target.id not in linked and len(linked) < MAX_LINKS:
            linked[target.id] = (target, round(min(score, 1.0), 4))
    links = [ClaimLink(claim_id=claim.id, other_id=target.id, similarity=score, method="fuzzy", created_by=actor)
             for target, score in linked.values()]
    session.add_all(links)
    session.flush()  # once for all links, not once per audited row
    for link in links:
        audit.record(session, actor, "claim.link", link, payload={"claim": claim.id, "other": link.other_id,
                                                                  "similarity": link.similarity})
    return list(linked.values())


def _rated(claims: list[Claim]) -> list[tuple[int, str]]:
    return [(c.id, c.rating) for c in claims if c.rating]


# --- The import's batched form -------------------------------------------------------------------------------------
# `resolve_many` gives every distinct sentence of an article the answer `resolve_claim` would give it, called
# on them one after another in the same transaction, with a fixed number of statements per article instead of
# a handful per sentence: one fingerprint lookup, one candidate statement (per ~24 sentences), one read of the
# candidates' texts, then Core executemany inserts of the new claims, quantities, LSH keys and links. Claims
# created earlier in the same call are candidates of later sentences, as they are for sequential calls (they
# are ranked as the newest claims of their buckets; one difference: a full bucket then holds BUCKET database
# claims plus the article's own, where claim-by-claim matching would have dropped its oldest ones, so a
# candidate at the edge of a popular bucket can differ: on the 300-article benchmark corpus 1 link of 34,108,
# a tie at the same similarity, picked another claim; claims, matches and mentions were identical). Audit: one `claim.create` per new claim (committing to
# its quantities, as before) and one `claim.link` event for all the links of the call (committing to each).

_SQLITE_COMPOUND = 480  # SQLite allows 500 terms in a compound SELECT


@dataclass
class Resolved:
    """What `resolve_many` decided for one sentence (a `Resolution` without ORM objects)."""

    claim_id: int
    created: bool
    matched_by: str | None = None
    similarity: float | None = None
    similar: list[tuple[int, float]] = field(default_factory=list)
    previously_checked: list[tuple[int, str]] = field(default_factory=list)


@dataclass
class _Known:
    """A claim as matching compares it: id (None until inserted), texts, rating, LSH keys."""

    id: int | None
    text: str
    normalized: str
    rating: str | None
    rank: int  # ordering as `claim_id DESC` would: the database id, or above every id for a claim made here
    keys: frozenset[int] = frozenset()
    row: dict | None = None  # the claim's insert values, for a claim made in this call
    quantities: tuple = ()
    numbers: tuple | None = None  # its `number_signature`, for a claim made in this call (from its quantities)


def resolve_many(session: Session, items: list[tuple[str, object]], *, language: str | None, actor: str,
                 origin: str = "extracted", prepared: dict[str, tuple[str, tuple[int, ...]]] | None = None
                 ) -> dict[str, Resolved]:
    """`resolve_claim` for each (fingerprint, scored sentence) in order, batched; fingerprint -> Resolved.

    `prepared` may carry each fingerprint's (normalized text, LSH keys), computed beforehand (worker processes).
    """
    from claimtrack.text import normalize
    from claimtrack.text.similarity import claim_keys
    from claimtrack.views.merges import any_decisions

    session.flush()
    prepared = prepared or {}
    out: dict[str, Resolved] = {}
    existing = _by_fingerprint(session, [fp for fp, _ in items])
    decisions = any_decisions(session)
    todo = []
    for fp, scored in items:
        if fp in existing:
            claim_id, rating = existing[fp]
            if decisions:
                claim_id, rating = _survivor_of(session, claim_id)
            out[fp] = Resolved(claim_id, False, "fingerprint", 1.0, previously_checked=_rated_pairs([(claim_id, rating)]))
            continue
        normalized, keys = prepared.get(fp) or (None, None)
        if normalized is None:
            normalized = normalize(scored.sentence.text)
            keys = claim_keys(normalized)
        todo.append((fp, scored, normalized, tuple(keys)))
    if not todo:
        return out
    cache = session.info.get(CACHE)
    if cache is not None:
        cache.sync(session)
        ranked = cache.ranked(session, [keys for *_, keys in todo])
    else:
        ranked = _ranked_candidates(session, [keys for *_, keys in todo])
    known = _known(session, {cid for hits in ranked for cid, _ in hits}, cache)
    made: list[_Known] = []
    links: list[tuple[_Known, int, float]] = []  # (new claim, other claim id, similarity)
    for (fp, scored, normalized, keys), hits in zip(todo, ranked, strict=True):
        result = _decide(session, scored, normalized, keys, hits, known, made, links, decisions,
                         language=language, actor=actor, origin=origin)
        out[fp] = result
    _store_made(session, made, links, actor, origin, todo)
    if cache is not None:
        cache.add(made)
    for fp, result in out.items():  # ids of claims made here are known only now
        if isinstance(result.claim_id, _Known):
            result.claim_id = result.claim_id.id
        result.similar = [(o.id if isinstance(o, _Known) else o, s) for o, s in result.similar]
    return out


def _decide(session: Session, scored, normalized: str, keys: tuple[int, ...], hits: list[tuple[int, int]],
            known: dict[int, _Known], made: list[_Known], links: list, decisions: bool, *, language, actor,
            origin) -> Resolved:
    from claimtrack.text.similarity import LOW, auto_merge, signature, similarity

    text = scored.sentence.text
    numbers = signature(scored.quantities)  # the analysis parsed the sentence's quantities already
    keyset = frozenset(keys)
    pool = [(shared, known[cid]) for cid, shared in hits if cid in known]
    pool += [(len(keyset & k.keys), k) for k in made if keyset & k.keys]
    pool.sort(key=lambda item: (-item[0], -item[1].rank))
    judged = []
    for _, claim in pool[:CANDIDATES]:
        score = similarity(text, claim.text, normalized, claim.normalized)
        if score >= LOW:
            judged.append((claim, score, auto_merge(text, claim.text, normalized, claim.normalized, score,
                                                    a_numbers=numbers, b_numbers=claim.numbers)))
    judged.sort(key=lambda item: (not item[2], -item[1], item[0].rank))
    for claim, score, same in judged:
        if same:
            target = _survivor_known(session, known, claim) if decisions else claim
            return Resolved(target.id if target.id is not None else target, False, "fuzzy", round(score, 4),
                            previously_checked=_rated_pairs([(target.id, target.rating)]))
    row = {"fingerprint": scored.fingerprint, "text": text, "normalized": normalized, "language": language,
           "score": scored.score, "reasons": list(scored.reasons), "origin": origin, "status": "unreviewed",
           "rating": None, "created_by": actor}
    new = _Known(None, text, normalized, None, (1 << 62) + len(made), keyset, row, tuple(scored.quantities),
                 numbers)
    made.append(new)
    linked: dict[int, tuple[_Known, float]] = {}
    for claim, score, _ in judged[:MAX_LINKS * 2]:
        target = _survivor_known(session, known, claim) if decisions else claim
        ident = id(target) if target.id is None else target.id
        if target is not new and ident not in linked and len(linked) < MAX_LINKS:
            linked[ident] = (target, round(min(score, 1.0), 4))
    for target, score in linked.values():
        links.append((new, target, score))
    return Resolved(new, True, similar=[(t if t.id is None else t.id, s) for t, s in linked.values()],
                    previously_checked=_rated_pairs([(t.id, t.rating) for t, _ in linked.values()]))


def _rated_pairs(pairs) -> list[tuple[int, str]]:
    return [(cid, rating) for cid, rating in pairs if rating and cid is not None]


def _by_fingerprint(session: Session, fingerprints: list[str]) -> dict[str, tuple[int, str | None]]:
    found = {}
    for i in range(0, len(fingerprints), 500):
        chunk = fingerprints[i:i + 500]
        for row in session.connection().execute(select(Claim.fingerprint, Claim.id, Claim.rating)  # Core: no ORM
                                                .where(Claim.fingerprint.in_(chunk))):
            found[row.fingerprint] = (row.id, row.rating)
    return found


def _ranked_candidates(session: Session, key_lists: list[tuple[int, ...]]) -> list[list[tuple[int, int]]]:
    """For each key list, (claim id, keys shared) of the CANDIDATES best claims: the same ranking as
    `candidates` (the newest BUCKET claims of each key, most shared keys first, newest first), for many
    sentences in one statement per ~24 sentences."""
    ranked: list[list[tuple[int, int]]] = [[] for _ in key_lists]
    chunk: list[int] = []
    size = 0
    for i, keys in enumerate(key_lists):
        if not keys:
            continue
        if chunk and size + len(keys) > _SQLITE_COMPOUND:
            _run_candidates(session, chunk, key_lists, ranked)
            chunk, size = [], 0
        chunk.append(i)
        size += len(keys)
    if chunk:
        _run_candidates(session, chunk, key_lists, ranked)
    return ranked


def _run_candidates(session: Session, chunk: list[int], key_lists, ranked) -> None:
    """One statement for the sentences of `chunk`, sent to the driver as is (SQLAlchemy's compilation of
    hundreds of bound parameters cost more than the query)."""
    conn = session.connection()
    if conn.dialect.name == "postgresql":
        _run_candidates_pg(conn, chunk, key_lists, ranked)
        return
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    params: list[int] = []
    parts = []
    for i in chunk:
        for j, key in enumerate(key_lists[i]):
            params += [key, BUCKET]
            parts.append(f"SELECT {i} AS s, claim_id FROM (SELECT claim_id FROM claim_key WHERE key = {mark} "
                         f"ORDER BY claim_id DESC LIMIT {mark}) AS b{i}_{j}")
    params.append(CANDIDATES)
    sql = ("SELECT s, claim_id, shared FROM (SELECT s, claim_id, count(*) AS shared, row_number() OVER "
           "(PARTITION BY s ORDER BY count(*) DESC, claim_id DESC) AS place FROM ("
           + " UNION ALL ".join(parts) + f") AS hits GROUP BY s, claim_id) AS ranked WHERE place <= {mark} "
           "ORDER BY s, shared DESC, claim_id DESC")
    for s, claim_id, shared in conn.exec_driver_sql(sql, tuple(params)):
        ranked[s].append((claim_id, shared))


def _run_candidates_pg(conn, chunk: list[int], key_lists, ranked) -> None:
    """PostgreSQL: the same ranking as one LATERAL join over arrays (a union of hundreds of subqueries
    costs the planner seconds there)."""
    sentences = [i for i in chunk for _ in key_lists[i]]
    keys = [key for i in chunk for key in key_lists[i]]
    sql = ("SELECT s, claim_id, shared FROM (SELECT w.s, b.claim_id, count(*) AS shared, row_number() OVER "
           "(PARTITION BY w.s ORDER BY count(*) DESC, b.claim_id DESC) AS place "
           "FROM unnest(%s::integer[], %s::bigint[]) AS w(s, key) CROSS JOIN LATERAL "
           "(SELECT claim_id FROM claim_key WHERE claim_key.key = w.key ORDER BY claim_id DESC LIMIT %s) AS b "
           "GROUP BY w.s, b.claim_id) AS ranked WHERE place <= %s ORDER BY s, shared DESC, claim_id DESC")
    for s, claim_id, shared in conn.exec_driver_sql(sql, (sentences, keys, BUCKET, CANDIDATES)):
        ranked[s].append((claim_id, shared))


# --- One import run's candidate cache ---------------------------------------------------------------------------
# The candidate statement re-reads the same popular LSH buckets for every article (a template's keys recur), and
# SQLite's grouping and ranking of ~40,000 bucket entries per article cost more than the rest of matching. An
# import run therefore keeps the buckets it has read (each key's newest claims, ascending) and the candidates'
# texts in memory, and ranks in Python: the same candidates, in the same order, as `_ranked_candidates`.
# It stays true to the database because claim keys are only ever added, under the write lock, with claim ids
# above every earlier one: each `resolve_many` first reads the largest claim id in `claim_key` (one index
# lookup) and appends what other writers added since; the writer's own claims are appended as it makes them;
# a rolled-back transaction, a smaller largest id (rows deleted behind the application's back) or too much
# to catch up with starts the cache afresh. Its size is bounded (_CACHE_ENTRIES, _CACHE_TEXTS).

CACHE = "claimtrack.matching.cache"  # session.info key: the run's CandidateCache (Store.info carries it)
_CACHE_ENTRIES = 1_000_000  # bucket entries kept (about 40 MB); beyond, the least recently used buckets go
_CACHE_TEXTS = 50_000  # most claim texts kept (about 25 MB)
_CATCH_UP = 50_000  # more claims than this added by other writers meanwhile: start again instead


class CandidateCache:
    """LSH buckets and claim texts read during one import run (see above)."""

    def __init__(self) -> None:
        self.buckets: dict[int, list[int]] = {}  # key -> claim ids ascending (at least the newest BUCKET)
        self.texts: dict[int, tuple[str, str, tuple | None]] = {}  # claim id -> (text, normalized, numbers)
        self.high: int | None = None  # the largest claim id of `claim_key` the buckets reflect
        self.entries = 0

    def clear(self) -> None:
        self.buckets, self.texts, self.high, self.entries = {}, {}, None, 0

    def sync(self, session: Session) -> None:
        """Catch up with claims other writers added since (called in the write transaction, under the lock)."""
        session.info[CACHE] = self
        conn = session.connection()
        high = conn.exec_driver_sql("SELECT max(claim_id) FROM claim_key").scalar() or 0
        if self.high is not None and self.high < high <= self.high + _CATCH_UP:
            mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
            rows = conn.exec_driver_sql(f"SELECT key, claim_id FROM claim_key WHERE claim_id > {mark} "
                                        "ORDER BY claim_id", (self.high,)).fetchall()
            for key, claim_id in rows:
                bucket = self.buckets.get(key)
                if bucket is not None:
                    bucket.append(claim_id)
                    self.entries += 1
        elif self.high != high:
            self.clear()
        self.high = high

    def ranked(self, session: Session, key_lists: list[tuple[int, ...]]) -> list[list[tuple[int, int]]]:
        """What `_ranked_candidates` answers, from the cached buckets (missing ones read first)."""
        from collections import Counter
        from heapq import nlargest
        from operator import itemgetter

        missing = sorted({key for keys in key_lists for key in keys if key not in self.buckets})
        if missing:
            self._load(session, missing)
        order = itemgetter(1, 0)  # most shared keys first, then the newest claim
        buckets = self.buckets
        for key in {key for keys in key_lists for key in keys}:  # most recently used last (eviction order)
            buckets[key] = buckets.pop(key)
        out = []
        for keys in key_lists:
            counts: Counter = Counter()
            for key in keys:
                counts.update(buckets[key][-BUCKET:])
            if len(counts) > CANDIDATES:
                least = nlargest(CANDIDATES, counts.values())[-1]
                top = sorted([item for item in counts.items() if item[1] >= least], key=order, reverse=True)
            else:
                top = sorted(counts.items(), key=order, reverse=True)
            out.append(top[:CANDIDATES])
        if self.entries > _CACHE_ENTRIES:
            self._evict(_CACHE_ENTRIES * 3 // 4)
        return out

    def _evict(self, entries: int) -> None:
        """Drop the least recently used buckets down to `entries` (this call's last: they are the most recent).
        Keeping only the call's buckets instead made a large archive re-read its popular buckets for every
        article once full: a template's keys recur across articles, but one article holds few of them."""
        buckets = self.buckets
        for key in list(buckets):
            if self.entries <= entries:
                break
            self.entries -= len(buckets.pop(key))

    def _load(self, session: Session, keys: list[int]) -> None:
        """The newest BUCKET claims of each key, a few hundred keys per statement, one row per key (its ids
        aggregated in the database): an archive of full buckets loads tens of thousands of ids an article,
        and 480 full buckets cost ~95 ms read as rows, ~46 ms as one aggregate each."""
        conn = session.connection()
        if conn.dialect.name == "postgresql":
            sql = ("SELECT w.key, (SELECT array_agg(claim_id) FROM (SELECT claim_id FROM claim_key "
                   "WHERE claim_key.key = w.key ORDER BY claim_id DESC LIMIT %s) AS newest) "
                   "FROM unnest(%s::bigint[]) AS w(key)")
            found = [(key, ids or []) for i in range(0, len(keys), 5000)
                     for key, ids in conn.exec_driver_sql(sql, (BUCKET, keys[i:i + 5000])).fetchall()]
        else:
            mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
            found = []
            for i in range(0, len(keys), _SQLITE_COMPOUND):
                chunk = keys[i:i + _SQLITE_COMPOUND]
                sql = " UNION ALL ".join(
                    f"SELECT {mark}, (SELECT group_concat(claim_id) FROM (SELECT claim_id FROM claim_key "
                    f"WHERE key = {mark} ORDER BY claim_id DESC LIMIT {BUCKET}))" for _ in chunk)
                rows = conn.exec_driver_sql(sql, tuple(k for key in chunk for k in (key, key))).fetchall()
                found += [(key, list(map(int, ids.split(","))) if ids else []) for key, ids in rows]
        for key, ids in found:
            ids.sort()
            self.buckets[key] = ids
            self.entries += len(ids)

    def remember(self, texts: dict[int, tuple[str, str, tuple | None]]) -> None:
        if len(self.texts) + len(texts) > _CACHE_TEXTS:
            self.texts = {}
        self.texts.update(texts)

    def add(self, made: list[_Known]) -> None:
        """The claims this writer just inserted (in this transaction: a rollback clears the cache)."""
        for claim in made:
            for key in claim.keys:
                bucket = self.buckets.get(key)
                if bucket is None:
                    continue
                bucket.append(claim.id)
                self.entries += 1
                if len(bucket) > 2 * BUCKET:
                    self.entries -= len(bucket) - BUCKET
                    del bucket[:-BUCKET]
            if claim.keys and self.high is not None:
                self.high = max(self.high, claim.id)
        self.remember({c.id: (c.text, c.normalized, c.numbers) for c in made})


@sa_event.listens_for(Session, "after_rollback")
def _forget_cache(session: Session) -> None:
    """What a rolled-back transaction added to the cache never happened: start again."""
    cache = session.info.get(CACHE)
    if cache is not None:
        cache.clear()


def _known(session: Session, ids: set[int], cache: CandidateCache | None = None) -> dict[int, _Known]:
    """The candidates as matching compares them. With the run's cache, texts already read (claims' texts never
    change) are not read again; ratings (a reviewer may rate a claim meanwhile) are always read."""
    conn = session.connection()
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    known: dict[int, _Known] = {}
    texts = cache.texts if cache is not None else {}
    rated = sorted(i for i in ids if i in texts)
    ordered = sorted(i for i in ids if i not in texts)
    for i in range(0, len(ordered), 500):
        chunk = tuple(ordered[i:i + 500])
        sql = f"SELECT id, text, normalized, rating FROM claim WHERE id IN ({', '.join([mark] * len(chunk))})"
        for claim_id, text_, normalized, rating in conn.exec_driver_sql(sql, chunk).fetchall():
            known[claim_id] = _Known(claim_id, text_, normalized, rating, claim_id)
    if cache is not None:
        cache.remember({cid: (k.text, k.normalized, None) for cid, k in known.items()})
    ratings: dict[int, str] = {}
    for i in range(0, len(rated), 500):
        chunk = tuple(rated[i:i + 500])
        sql = (f"SELECT id, rating FROM claim WHERE rating IS NOT NULL AND id IN "
               f"({', '.join([mark] * len(chunk))})")
        ratings.update(conn.exec_driver_sql(sql, chunk).fetchall())
    for claim_id in rated:
        text_, normalized, numbers = texts[claim_id]
        known[claim_id] = _Known(claim_id, text_, normalized, ratings.get(claim_id), claim_id, numbers=numbers)
    return known


def _survivor_of(session: Session, claim_id: int) -> tuple[int, str | None]:
    from claimtrack.views.merges import survivor

    claim = survivor(session, session.get(Claim, claim_id))
    return claim.id, claim.rating


def _survivor_known(session: Session, known: dict[int, _Known], claim: _Known) -> _Known:
    """The claim `claim` resolves to (a claim made in this call is its own survivor)."""
    if claim.id is None:
        return claim
    survivor_id, rating = _survivor_of(session, claim.id)
    if survivor_id == claim.id:
        return claim
    if survivor_id not in known:
        target = session.get(Claim, survivor_id)
        known[survivor_id] = _Known(target.id, target.text, target.normalized, rating, target.id)
    return known[survivor_id]


def _store_made(session: Session, made: list[_Known], links: list, actor: str, origin: str, todo) -> None:
    """Insert the new claims, their quantities, keys and links (Core executemany), and their audit events."""
    from claimtrack.clock import utcnow
    from claimtrack.store.audit import PendingEvent, append_events, values_digest

    if not made:
        return
    now = utcnow()
    for claim in made:
        claim.row["created_at"] = now
    ids = insert_rows(session, Claim, [c.row for c in made])
    for claim, claim_id in zip(made, ids, strict=True):
        claim.id = claim.row["id"] = claim_id
    quantities = {id(c): [{"claim_id": c.id, "text": q.text, "start": q.start, "end": q.end, "kind": q.kind,
                           "value": q.value, "low": q.low, "high": q.high, "qualifier": q.qualifier,
                           "unit": q.unit, "currency": q.currency} for q in c.quantities] for c in made}
    flat = [q for c in made for q in quantities[id(c)]]
    for q, qid in zip(flat, insert_rows(session, Quantity, flat), strict=True):
        q["id"] = qid
    keys = [(key, c.id) for c in made for key in sorted(c.keys)]
    if keys:  # integers only, so straight to the driver: ~20 rows a claim
        conn = session.connection()
        mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
        conn.exec_driver_sql(f"INSERT INTO claim_key (key, claim_id) VALUES ({mark}, {mark})", keys)
    link_rows = [{"claim_id": new.id, "other_id": other.id, "similarity": score, "method": "fuzzy",
                  "created_at": now, "created_by": actor} for new, other, score in links]
    for row, link_id in zip(link_rows, insert_rows(session, ClaimLink, link_rows), strict=True):
        row["id"] = link_id
    events = []
    for c in made:
        digests = {str(q["id"]): values_digest("quantity", q) for q in quantities[id(c)]}
        events.append(PendingEvent(actor, "claim.create", "claim", c.id, {
            "text": c.text, "origin": origin, "digest": values_digest("claim", c.row),
            "row_digests": {"quantity": digests} if digests else {}}))
    if link_rows:
        events.append(PendingEvent(actor, "claim.link", "claim_link", None, {
            "count": len(link_rows),
            "links": [[r["claim_id"], r["other_id"], r["similarity"]] for r in link_rows],
            "row_digests": {"claim_link": {str(r["id"]): values_digest("claim_link", r) for r in link_rows}}}))
    append_events(session, events)


def insert_rows(session: Session, model, rows: list[dict]) -> list[int]:
    """Insert `rows` ({attribute key: value}, every column but `id`) with Core; their new ids, in order.

    PostgreSQL: the ids drawn from the table's sequence first, then one executemany with them. SQLite (the
    caller holds the write lock, and `id` is a rowid without AUTOINCREMENT, which SQLite assigns as max + 1):
    one executemany, the ids being the run after the previous maximum (checked).
    """
    from claimtrack.store.rows import insert_values, new_ids

    if not rows:
        return []
    table = model.__table__
    columns = {attr.key: attr.columns[0].key for attr in inspect(model).column_attrs}
    values = [{columns[k]: v for k, v in row.items() if k != "id"} for row in rows]
    if session.get_bind().dialect.name != "sqlite":
        ids = new_ids(session, table, len(values))
        insert_values(session, table, [{"id": i, **row} for i, row in zip(ids, values, strict=True)])
        return ids
    conn = session.connection()
    top = f"SELECT max(id) FROM {table.name}"  # straight to the driver: this runs twice per table per article
    before = conn.exec_driver_sql(top).scalar() or 0
    insert_values(session, table, values)  # the driver's executemany, values bound by the column types
    after = conn.exec_driver_sql(top).scalar() or 0
    if after != before + len(rows):
        raise RuntimeError(f"{table.name}: rows were not given consecutive ids")
    return list(range(before + 1, after + 1))
