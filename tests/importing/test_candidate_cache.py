"""The import run's candidate cache (issue 21): the candidates it ranks from memory are the ones the candidate
statement ranks from the database, also after other writers added claims and after a rolled-back transaction."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from claimtrack.store.models import Claim

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
import corpus  # noqa: E402


def _key_lists(store, limit: int = 120) -> list[tuple[int, ...]]:
    from claimtrack.text.similarity import claim_keys

    with store.read() as session:
        texts = session.scalars(select(Claim.normalized).order_by(Claim.id.desc()).limit(limit)).all()
    return [claim_keys(t) for t in texts] + [claim_keys("an unrelated sentence nobody wrote"), ()]


def _agree(store, cache, key_lists) -> None:
    from claimtrack.ingest.matching import _ranked_candidates

    with store.write() as session:
        cache.sync(session)
        cached = cache.ranked(session, key_lists)
        fresh = _ranked_candidates(session, key_lists)
    assert cached == fresh
    assert any(len(hits) > 1 for hits in fresh), "the corpus shares keys between claims"


def test_cache_ranks_as_the_statement_across_writers_and_rollbacks(run_import, store, tmp_path):
    from claimtrack.ingest.matching import CandidateCache, _Known

    folder = tmp_path / "corpus"
    corpus.write_corpus(folder, 6)
    run_import(str(folder))
    cache = CandidateCache()
    key_lists = _key_lists(store)
    _agree(store, cache, key_lists)
    assert cache.buckets and cache.high

    # claims another writer (another import run) adds afterwards are caught up with
    other = tmp_path / "other"
    corpus.write_corpus(other, 2, seed=9)
    run_import(str(other))
    with store.read() as session:
        newest = session.scalar(select(Claim.id).order_by(Claim.id.desc()).limit(1))
    _agree(store, cache, key_lists)
    assert cache.high == newest
    assert any(newest in bucket for bucket in cache.buckets.values())

    # a transaction that added claims to the cache and rolled back leaves no trace of them
    with pytest.raises(RuntimeError), store.write() as session:
        cache.sync(session)
        cache.ranked(session, key_lists)
        fake = _Known(newest + 1, "x", "x", None, newest + 1, frozenset(k for keys in key_lists for k in keys))
        cache.add([fake])
        assert any(newest + 1 in bucket for bucket in cache.buckets.values())
        raise RuntimeError("rolled back")
    assert not cache.buckets and cache.high is None
    _agree(store, cache, key_lists)


def test_an_import_run_uses_one_cache_and_drops_it(run_import, store, tmp_path, monkeypatch):
    """Every article of a run is matched through the run's cache (no candidate statement), and the store
    keeps no cache after the run."""
    from claimtrack.ingest import matching

    def statement(*args, **kwargs):
        raise AssertionError("the candidate statement ran despite the run's cache")

    monkeypatch.setattr(matching, "_ranked_candidates", statement)
    folder = tmp_path / "corpus"
    corpus.write_corpus(folder, 3)
    summary = run_import(str(folder), jobs=1)
    assert summary.count("imported") == 3 and not summary.failed
    assert matching.CACHE not in store.info


def test_a_full_cache_drops_the_least_recently_used_buckets_and_still_agrees(run_import, store, tmp_path,
                                                                            monkeypatch):
    from claimtrack.ingest import matching

    folder = tmp_path / "corpus"
    corpus.write_corpus(folder, 4)
    run_import(str(folder))
    cache = matching.CandidateCache()
    key_lists = _key_lists(store)
    _agree(store, cache, key_lists)
    bound = cache.entries // 2
    monkeypatch.setattr(matching, "_CACHE_ENTRIES", bound)
    recent = {key for keys in key_lists[:2] for key in keys}
    _agree(store, cache, key_lists[:2])  # over the bound: down to 3/4 of it, the buckets just used kept
    assert cache.entries <= bound * 3 // 4 and cache.entries == sum(map(len, cache.buckets.values()))
    assert recent <= set(cache.buckets) and len(cache.buckets) > len(recent)
    assert list(cache.buckets)[-len(recent):] == [key for key in cache.buckets if key in recent]
    _agree(store, cache, key_lists)


def test_a_huge_article_bypasses_the_cache_and_the_next_one_starts_it_afresh(run_import, store, tmp_path,
                                                                             monkeypatch):
    """Issue 14: a huge article's batches keep no buckets (memory); the articles after it use a fresh cache
    and match the huge article's claims all the same."""
    from claimtrack.ingest import importer, matching

    used: list[int] = []
    cleared: list[bool] = []
    ranked, clear = matching.CandidateCache.ranked, matching.CandidateCache.clear

    def counting(self, session, key_lists):
        used.append(len(key_lists))
        return ranked(self, session, key_lists)

    def clearing(self):
        cleared.append(True)
        clear(self)

    monkeypatch.setattr(matching.CandidateCache, "ranked", counting)
    monkeypatch.setattr(matching.CandidateCache, "clear", clearing)
    huge, small = tmp_path / "huge.txt", tmp_path / "small.txt"
    sentences = [f"The city spent {n} million dollars on {n + 3} new schools in {2000 + n}." for n in range(60)]
    huge.write_text(" ".join(sentences), encoding="utf-8")
    small.write_text(sentences[7] + " The city spent 9 million dollars on 12 new schools in 2009, officials said.",
                     encoding="utf-8")
    assert len(sentences) > importer.INLINE_CLAIMS

    summary = run_import(str(huge), str(small), jobs=1)
    assert summary.count("imported") == 2 and not summary.failed
    assert used == [1], "only the small article's new sentence was matched through the cache"
    assert cleared, "the cache starts afresh after the huge article"
    assert summary.results[1].claims_matched >= 1
