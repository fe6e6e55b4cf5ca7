"""The Core read path (`views.quick`) builds the same records as the ORM read model (`views.claims`)."""

from __future__ import annotations

import shutil

import pytest

from claimtrack.errors import NotFound
from claimtrack.views import claims as orm
from claimtrack.views import quick
from tests.conftest import REPO, invoke

FILTERS = [quick.ClaimFilter(), quick.ClaimFilter(status="rated"), quick.ClaimFilter(status="unreviewed", limit=2),
           quick.ClaimFilter(min_score=0.6), quick.ClaimFilter(rating="true"), quick.ClaimFilter(reviewer="alice"),
           quick.ClaimFilter(reviewer="bob", sort="newest"), quick.ClaimFilter(sort="newest", limit=2, offset=1),
           quick.ClaimFilter(article_id=1), quick.ClaimFilter(article_id=1, sort="newest")]


def same_everywhere(store, claim_ids, db: str | None = None) -> None:
    """The fast path on the Store, and on the DB-API `Reader` of `db` (no SQLAlchemy), reads as the ORM does."""
    from claimtrack.store.reader import open_reader

    reader = open_reader(db, lambda: store) if db else None
    assert reader is not None or db is None
    try:
        for fast in [store] + ([reader] if reader else []):
            for f in FILTERS:
                assert quick.list_claims(fast, f) == orm.list_claims(store, f), f
                assert quick.count_claims(fast, f) == orm.count_claims(store, f), f
                assert quick.count_claims(fast, f, cap=1) == orm.count_claims(store, f, cap=1) == \
                    min(orm.count_claims(store, f), 2), f
            for claim_id in claim_ids:
                assert quick.show_claim(fast, claim_id) == orm.show_claim(store, claim_id), claim_id
    finally:
        if reader:
            reader.close()


def test_core_and_orm_records_agree(web_context, seeded):
    firms, output, critics = (seeded.claims[k] for k in ("firms", "output", "critics"))
    run = lambda *args: invoke(*args, context=web_context)  # noqa: E731
    assert run("evidence", "add", str(firms), "https://x.example.org/a", "--stance", "supports").exit_code == 0
    assert run("evidence", "add", str(firms), "https://x.example.org/gone", "--stance", "context").exit_code == 0
    assert run("verdict", "set", str(firms), "true", "--rationale", "registry").exit_code == 0
    assert run("verdict", "set", str(firms), "mostly-true", "--rationale", "closer").exit_code == 0
    assert run("--reviewer", "bob", "verdict", "approve", str(firms)).exit_code == 0
    assert run("--reviewer", "bob", "verdict", "set", str(output), "unverifiable", "--rationale", "?").exit_code == 0
    assert run("--reviewer", "alice", "claims", "dismiss", str(critics), "--reason", "opinion").exit_code == 0
    assert run("claims", "restore", str(critics), "--reason", "a figure after all").exit_code == 0
    assert run("claims", "dismiss", str(critics), "--reason", "opinion again").exit_code == 0
    store = web_context.store
    same_everywhere(store, [firms, output, critics], web_context.settings.db)
    shown = quick.show_claim(store, firms)
    assert [v["rating"] for v in shown["verdicts"]] == ["true", "mostly-true"] and shown["current_verdict"]
    assert {e["since_verdict"] for e in shown["evidence"]} == {"unchanged", "dead"}
    assert len(quick.show_claim(store, critics)["dismissals"]) == 2
    with pytest.raises(NotFound, match="no claim with id 999"):
        quick.show_claim(store, 999)


def test_the_example_database_reads_the_same(tmp_path):
    from claimtrack.store.db import open_store

    db = tmp_path / "claims.db"
    shutil.copyfile(REPO / "claims.db.example", db)
    assert invoke("--db", str(db), "db", "upgrade").exit_code == 0
    store = open_store(str(db), migrate_new=False)
    try:
        with store.connect() as conn:
            ids = [row[0] for row in conn.exec_driver_sql("SELECT id FROM claim ORDER BY id")]
        same_everywhere(store, ids, str(db))
    finally:
        store.dispose()


def test_the_claim_statuses_are_the_models():
    from claimtrack.store.models import CLAIM_STATUSES
    from claimtrack.views.claim_filter import STATUSES

    assert STATUSES == CLAIM_STATUSES


def test_search_ranks_the_newest_candidates_and_says_when_it_cut(seeded, store, monkeypatch):
    from claimtrack.review import search

    firms, output = seeded.claims["firms"], seeded.claims["output"]
    hits, capped = search.search_capped(store, "20", kinds=("claims",))
    assert sorted(h.id for h in hits) == [firms, output] and capped == []
    monkeypatch.setattr(search, "CANDIDATES", 1)
    hits, capped = search.search_capped(store, "20", kinds=("claims", "articles"))
    assert {(h.kind, h.id) for h in hits} == {("claim", output), ("article", seeded.article_id)}  # 1 article: not cut
    assert capped == ["claims"]
    from tests.conftest import invoke as run

    monkeypatch.setenv("CLAIMTRACK_DB", str(store.engine.url.render_as_string(hide_password=False))
                       if not store.is_sqlite else store.engine.url.database)
    result = run("search", "20", "--in", "claims")
    assert result.exit_code == 0 and result.stdout.splitlines()[1].startswith(f"claim\t{output}\t")  # TSV, header first
    assert result.stderr == "more than 1 claims match: the newest 1 were ranked (add words to narrow the search)\n"


def test_a_long_listing_counts_up_to_a_cap(seeded, context, monkeypatch):
    from claimtrack.cli import claims_cmd

    run = invoke

    monkeypatch.setattr(claims_cmd, "COUNT_CAP", 1)
    result = run("claims", "list", "--limit", "1", context=context)
    assert result.exit_code == 0 and result.stderr == "1 of more than 1 shown (--limit)\n"
    monkeypatch.setattr(claims_cmd, "COUNT_CAP", 10_000)
    result = run("claims", "list", "--limit", "1", context=context)
    assert result.stderr == f"1 of {len(seeded.claims)} shown (--limit)\n"
