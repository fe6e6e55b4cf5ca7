"""Streaming: the memory a report needs does not grow with the number of claims; queries stay batched."""

from __future__ import annotations

import tracemalloc
import sys
from datetime import UTC, datetime

import pytest
from sqlalchemy import event, insert

from claimtrack.report import write_report
from claimtrack.store.models import Article, ArticleVersion, Claim, Mention, Verdict


def bulk(store, first: int, count: int) -> None:
    """`count` claims, each with a mention and a verdict, inserted in bulk (no audit: not what is tested)."""
    at = datetime(2026, 1, 1, tzinfo=UTC)
    with store.write() as session:
        if first == 1:
            session.execute(insert(Article), [{"id": 1, "source": "s", "url": "https://n.example/1", "title": "T",
                                               "created_at": at, "created_by": "t"}])
            session.execute(insert(ArticleVersion), [{
                "id": 1, "article_id": 1, "number": 1, "raw": b"x", "raw_sha256": "0" * 64, "size": 1,
                "text": "x" * 40, "text_sha256": "0" * 64, "source": "s", "fetched_at": at, "created_at": at,
                "repeats": []}])
        ids = range(first, first + count)
        session.execute(insert(Claim), [{
            "id": i, "fingerprint": f"{i:064d}", "text": f"Claim number {i} says {i} things." * 3, "normalized": "n",
            "score": 0.5, "reasons": ["statistic"], "status": "rated", "rating": "true", "created_at": at,
            "created_by": "t"} for i in ids])
        session.execute(insert(Mention), [{
            "id": i, "claim_id": i, "version_id": 1, "start": i, "end": i + 1, "quote": "x", "prefix": "p" * 32,
            "suffix": "s" * 32, "created_at": at, "orphaned": False, "anchor": "extracted", "reasons": []}
            for i in ids])
        session.execute(insert(Verdict), [{"id": i, "claim_id": i, "rating": "true", "rationale": "r" * 80,
                                           "reviewer": "alice", "created_at": at} for i in ids])


def peak(store, settings, out) -> int:
    tracemalloc.start()
    try:
        write_report(store, "json", str(out), settings=settings, actor="t")
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.slow
def test_memory_is_flat_and_queries_are_batched(sqlite_url, tmp_path, monkeypatch):
    from claimtrack.config import Settings
    from claimtrack.report import query
    from claimtrack.store.db import open_store

    monkeypatch.setattr(query, "BATCH", 100)
    store = open_store(sqlite_url)
    settings = Settings(db=sqlite_url)
    bulk(store, 1, 400)
    peak(store, settings, tmp_path / "warm.json")  # imports, caches
    small = peak(store, settings, tmp_path / "small.json")
    bulk(store, 401, 1200)
    statements = []
    event.listen(store.engine, "before_cursor_execute", lambda *a: statements.append(1))
    large = peak(store, settings, tmp_path / "large.json")
    assert (tmp_path / "large.json").stat().st_size > 3.5 * (tmp_path / "small.json").stat().st_size
    # 4x the claims; memory grows only by the median's list and the driver's caches (measured 1.0-1.3x)
    assert large < small * 1.6, (small, large)
    assert len(statements) <= 16 * 13 + 20  # 16 batches of 100, 13 queries each (no N+1), plus fixed costs
    print(f"peak small={small} large={large} statements={len(statements)}", file=sys.stderr)
    store.dispose()
