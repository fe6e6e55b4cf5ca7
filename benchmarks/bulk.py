"""Generate a large claimtrack database directly through the store layer (no text pipeline), fast.

The one idea: the reviewer commands must be measured on a newsroom-sized database (a million claims),
and the importer is not the tool to build one in minutes. So this writes the rows the importer and the
reviewers would have written, with SQLAlchemy Core bulk inserts (`session.execute(insert(table), rows)`,
executemany in batches) inside ONE `store.write()` transaction, and closes it with ONE audit event that
summarises the load (`audit.record`), so the audit chain still verifies. Every invariant the rest of
claimtrack relies on holds: `version.text[start:end] == quote` for every mention (articles are built by
concatenating their claims), fingerprints are `claimtrack.text.fingerprint` of the text and unique,
quantities are parsed by `claimtrack.text.parse_quantities`, and each claim's cached status/rating is what
its evidence, verdicts, approvals and dismissals derive. The search index (FTS5 triggers on SQLite,
pg_trgm indexes on PostgreSQL) fills itself. `claim_key` (fuzzy-match keys) only with `--keys` (MinHash per
claim costs build time; without them fuzzy matching does not see the bulk claims).

To keep a million claims cheap, sentences come from a seeded pool (parsed once) and are made unique by an
attribution prefix without digits ("据海淀市发改委消息，" / "According to the ministry in Ohio, "); the
quantities' offsets shift by the prefix length.

    python benchmarks/bulk.py DB_PATH_OR_URL --claims 1000000 [--seed 8]
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402  (benchmarks/ is not a package)

BATCH = 20_000
from claimtrack.text.spans import CONTEXT_CHARS as AFFIX  # noqa: E402  (the stored selectors' context)
EPOCH = datetime(2025, 1, 1, tzinfo=timezone.utc)
RATINGS = ("true", "mostly-true", "half-true", "mostly-false", "false", "misleading", "unverifiable")


@dataclass(frozen=True)
class Plan:
    """How many rows of each kind: every `evidence_every`-th claim has evidence with one capture, every
    `verdict_every`-th a verdict, every `approve_every`-th verdict an approval; `dismiss_every`-th dismissed."""

    claims: int
    per_article: int = 20
    evidence_every: int = 10
    verdict_every: int = 20
    approve_every: int = 3
    dismiss_every: int = 97
    evidence_url: str = "http://127.0.0.1:9/evidence/{id}"
    seed: int = 8
    keys: bool = False  # also write `claim_key` (the fuzzy-match index), as the importer would


def _prefixes(language: str) -> list[str]:
    if language == "en":
        return [f"According to {org} in {place}, " for org in corpus.EN_ORGS for place in corpus.EN_PLACES]
    return [f"据{place}{org}消息，" for org in corpus.ZH_ORGS for place in corpus.ZH_PLACES]


def _pool(language: str, size: int, seed: int) -> list[tuple[str, list[Any]]]:
    from claimtrack.text import parse_quantities

    r = random.Random(f"{seed}:{language}")
    make = {"zh": corpus._zh_figure, "en": corpus._en_figure, "mixed": corpus._mixed_figure}[language]
    seen: set[str] = set()
    pool = []
    while len(pool) < size:
        text = make(r)
        if text not in seen:
            seen.add(text)
            pool.append((text, parse_quantities(text)))
    return pool


def claim_texts(plan: Plan) -> Iterator[tuple[str, str, str, list[Any]]]:
    """(language, text, normalized, quantities) of each claim, unique by fingerprint, reproducibly ordered."""
    from claimtrack.text import normalize

    languages = ("zh", "en", "mixed")
    per_language = plan.claims // 3 + 1
    size = min(25_000, per_language)
    pools = {lang: _pool(lang, size, plan.seed) for lang in languages}
    prefixes = {lang: _prefixes("en" if lang == "en" else "zh") for lang in languages}
    seen: set[str] = set()
    produced, j = 0, 0
    while produced < plan.claims:
        lang = languages[j % 3]
        k = j // 3
        base, quantities = pools[lang][k % size]
        prefix = prefixes[lang][(k // size) % len(prefixes[lang])]
        j += 1
        text = prefix + base
        normalized = normalize(text)  # fingerprint(text) == sha256(normalize(text)): normalize once
        if normalized in seen:
            continue
        seen.add(normalized)
        produced += 1
        yield lang, text, normalized, [(q, len(prefix)) for q in quantities]


class Loader:
    """Accumulates rows per table and flushes them with executemany in batches of BATCH."""

    def __init__(self, session) -> None:
        from claimtrack.store import models

        self.session, self.models = session, models
        self.rows: dict[str, list[dict[str, Any]]] = {}
        self.counts: dict[str, int] = {}
        self.order = ["article", "article_version", "claim", "claim_key", "mention", "quantity", "evidence", "capture",
                      "verdict", "approval", "dismissal"]

    def add(self, table: str, row: dict[str, Any]) -> None:
        self.rows.setdefault(table, []).append(row)
        if len(self.rows[table]) >= BATCH:
            self.flush()

    def flush(self) -> None:
        from sqlalchemy import insert

        for name in self.order:  # parents before children (foreign keys are checked per statement)
            rows = self.rows.pop(name, [])
            if rows:
                table = self.models.Base.metadata.tables[name]
                self.session.execute(insert(table), rows)
                self.counts[name] = self.counts.get(name, 0) + len(rows)


def _when(i: int) -> datetime:
    return EPOCH + timedelta(seconds=37 * i)


def build(db: str, plan: Plan, *, actor: str = "bench") -> dict[str, Any]:
    """Fill the (new, empty) database `db` according to `plan`; returns the row counts and the time taken."""
    from sqlalchemy import func, select

    from claimtrack.store import audit
    from claimtrack.store.db import open_store
    from claimtrack.store.models import Claim

    started = time.perf_counter()
    store = open_store(db)
    try:
        with _transaction(store) as session:
            if session.scalar(select(func.count()).select_from(Claim)):
                raise SystemExit(f"{db} already holds claims: bulk.py fills an empty database")
            loader = Loader(session)
            _load(loader, plan, actor)
            loader.flush()
            audit.record(session, actor, "bench.bulk_load", entity="database",
                         payload={"plan": plan.__dict__, "rows": loader.counts})
    finally:
        store.dispose()
    return {"rows": loader.counts, "seconds": round(time.perf_counter() - started, 1)}


@contextmanager
def _transaction(store) -> Iterator[Any]:
    """One write transaction. On SQLite, `store.write()` (BEGIN IMMEDIATE on a file nobody else uses). On
    PostgreSQL NOT `store.write()`: its advisory lock is database-wide, so holding it for the minutes a
    million rows take would stall every other claimtrack writer in every schema of that database; the
    bulk load goes into a fresh schema of its own, where no other writer can interleave with the chain."""
    if store.is_sqlite:
        with store.write() as session:
            yield session
        return
    from sqlalchemy.orm import Session

    with Session(store.engine) as session, session.begin():
        yield session


def _load(loader: Loader, plan: Plan, actor: str) -> None:
    article: list[tuple[int, str, str, list[Any]]] = []
    article_id = 0
    for claim_id, (lang, text, normalized, quantities) in enumerate(claim_texts(plan), start=1):
        _claim(loader, plan, claim_id, lang, text, normalized, quantities, actor)
        article.append((claim_id, lang, text, quantities))
        if len(article) == plan.per_article:
            article_id += 1
            _article(loader, article_id, article, actor)
            article = []
    if article:
        _article(loader, article_id + 1, article, actor)


def _claim(loader: Loader, plan: Plan, cid: int, lang: str, text: str, normalized: str, quantities: list[Any],
           actor: str) -> None:
    status, rating = "unreviewed", None
    when = _when(cid)
    has_evidence = cid % plan.evidence_every == 0
    has_verdict = cid % plan.verdict_every == 0
    dismissed = not has_verdict and cid % plan.dismiss_every == 0
    if has_evidence:
        status = "in_review"
    if has_verdict:
        rating = RATINGS[(cid // plan.verdict_every) % len(RATINGS)]
        approved = (cid // plan.verdict_every) % plan.approve_every == 0
        status = "approved" if approved else "rated"
    if dismissed:
        status = "dismissed"
    score = 0.5 + (hashlib.blake2b(text.encode(), digest_size=2).digest()[0] / 512)
    loader.add("claim", {"id": cid, "text": text, "normalized": normalized,
                         "fingerprint": hashlib.sha256(normalized.encode("utf-8")).hexdigest(),
                         "language": "en" if lang == "en" else "zh", "score": round(score, 4),
                         "reasons": ["statistic"], "origin": "extracted", "status": status, "rating": rating,
                         "created_at": when, "created_by": actor})
    if plan.keys:
        from claimtrack.text.similarity import claim_keys

        for key in claim_keys(normalized):
            loader.add("claim_key", {"key": key, "claim_id": cid})
    for n, (q, shift) in enumerate(quantities):
        loader.add("quantity", {"claim_id": cid, "text": q.text, "span_start": q.start + shift,
                                "span_end": q.end + shift, "kind": q.kind, "value": q.value, "low": q.low,
                                "high": q.high, "qualifier": q.qualifier, "unit": q.unit, "currency": q.currency})
    if has_evidence:
        _evidence(loader, plan, cid, when)
    if has_verdict:
        loader.add("verdict", {"id": cid, "claim_id": cid, "rating": rating, "rationale": "bulk benchmark verdict",
                               "reviewer": "alice", "created_at": when + timedelta(hours=2), "supersedes_id": None})
        if status == "approved":
            loader.add("approval", {"verdict_id": cid, "reviewer": "bob", "created_at": when + timedelta(hours=3)})
    if dismissed:
        loader.add("dismissal", {"claim_id": cid, "reason": "opinion, not a claim", "reviewer": "alice",
                                 "created_at": when + timedelta(hours=1)})


def _evidence(loader: Loader, plan: Plan, cid: int, when: datetime) -> None:
    url = plan.evidence_url.format(id=cid)
    body = f"<html><head><title>Evidence {cid}</title></head><body>source {cid}</body></html>".encode()
    loader.add("evidence", {"id": cid, "claim_id": cid, "url": url, "stance": "supports", "note": None,
                            "added_by": "alice", "added_at": when + timedelta(hours=1)})
    loader.add("capture", {"evidence_id": cid, "fetched_at": when + timedelta(hours=1), "outcome": "ok",
                           "status": 200, "final_url": url, "content_type": "text/html; charset=utf-8",
                           "title": f"Evidence {cid}", "sha256": hashlib.sha256(body).hexdigest(),
                           "size": len(body), "body": None, "body_encoding": None, "error": None})


def _article(loader: Loader, aid: int, claims: list[tuple[int, str, str, list[Any]]], actor: str) -> None:
    lang = claims[0][1]
    joiner = " " if lang == "en" else ""
    headline = f"Bulk article {aid}" if lang == "en" else f"批量文章{aid}"
    text, spans = headline + "\n", []
    for _cid, _lang, sentence, _q in claims:
        if spans:
            text += joiner
        spans.append((len(text), len(text) + len(sentence)))
        text += sentence
    text += "\n"
    raw = text.encode("utf-8")
    when = _when(claims[0][0])
    source = f"bulk://{aid}"
    loader.add("article", {"id": aid, "source": source, "url": None, "title": headline, "site": "bulk",
                           "author": None, "published": when.date().isoformat(), "language": claims[0][1],
                           "created_at": when, "created_by": actor})
    loader.add("article_version", {
        "id": aid, "article_id": aid, "number": 1, "raw": raw, "raw_sha256": hashlib.sha256(raw).hexdigest(),
        "size": len(raw), "text": text, "text_sha256": hashlib.sha256(raw).hexdigest(),
        "content_type": "text/plain", "encoding": "utf-8", "extractor": "bench", "extractor_version": "1",
        "source": source, "final_url": None, "http_status": None, "fetched_at": when, "repeats": [],
        "created_at": when})
    for index, ((cid, _lang, sentence, _q), (start, end)) in enumerate(zip(claims, spans, strict=True)):
        loader.add("mention", {
            "claim_id": cid, "version_id": aid, "span_start": start, "span_end": end, "quote": sentence,
            "prefix": text[max(0, start - AFFIX):start], "suffix": text[end:end + AFFIX], "paragraph": 1,
            "sentence_index": index + 1, "score": 0.8, "reasons": ["statistic"], "orphaned": False,
            "anchor": "extracted", "similarity": None, "previous_id": None, "created_at": when})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db")
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--evidence-every", type=int, default=10)
    parser.add_argument("--evidence-url", default=Plan.evidence_url)
    parser.add_argument("--keys", action="store_true", help="also write claim_key, so fuzzy matching sees them")
    args = parser.parse_args()
    plan = Plan(claims=args.claims, seed=args.seed, evidence_every=args.evidence_every,
                evidence_url=args.evidence_url, keys=args.keys)
    print(build(args.db, plan))


if __name__ == "__main__":
    main()
