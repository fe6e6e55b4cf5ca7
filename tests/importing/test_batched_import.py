"""The batched import path (issue 21): the same claims, links and mentions as claim-by-claim matching, one
audit event for an article's links that `audit verify` still checks row by row, and `--jobs` workers that
change nothing but who analyses."""

from __future__ import annotations

import sys
from pathlib import Path

from sqlalchemy import select, text

from claimtrack.store import audit
from claimtrack.store.models import Claim, ClaimLink, Event, Mention, VersionKey

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
import corpus  # noqa: E402


def _rows(store):
    with store.read() as session:
        claims = session.execute(select(Claim.id, Claim.fingerprint, Claim.text).order_by(Claim.id)).all()
        links = session.execute(select(ClaimLink.claim_id, ClaimLink.other_id, ClaimLink.similarity)
                                .order_by(ClaimLink.id)).all()
        mentions = session.execute(select(Mention.claim_id, Mention.version_id, Mention.start, Mention.end)
                                   .order_by(Mention.id)).all()
        version_keys = session.execute(select(VersionKey.version_id, VersionKey.key)  # made by the workers
                                       .order_by(VersionKey.version_id, VersionKey.key)).all()
    return ([tuple(r) for r in claims], [tuple(r) for r in links], [tuple(r) for r in mentions],
            [tuple(r) for r in version_keys])


def _corpus(tmp_path, count: int) -> Path:
    folder = tmp_path / "corpus"
    corpus.write_corpus(folder, count)
    return folder


def test_batched_matching_answers_as_one_claim_at_a_time(run_import, store, tmp_path):
    """Import 4 template-heavy articles batched; then resolve the same sentences one by one with
    `resolve_claim` into an empty database and compare claims, links and their similarities."""
    from claimtrack.ingest import importer
    from claimtrack.ingest.matching import resolve_claim
    from claimtrack.ingest.sources import expand, load
    from claimtrack.store.db import open_store

    folder = _corpus(tmp_path, 4)
    run_import(str(folder))
    batched = _rows(store)
    assert batched[1], "the corpus makes similar-claim links"
    other = open_store(f"sqlite:///{tmp_path / 'one-by-one.db'}")
    from claimtrack.config import load_settings

    settings = load_settings()
    for source in expand([str(folder)]).sources:
        doc = load(source, settings)
        analysed = importer.analyse(doc, settings.detect_threshold)
        with other.write() as session:
            for occurrences in importer._groups(analysed.analysis).values():
                resolve_claim(session, occurrences[0], language=doc.language, actor="alice")
    sequential = _rows(other)
    other.dispose()
    assert [c[1:] for c in batched[0]] == [c[1:] for c in sequential[0]]
    assert batched[1] == sequential[1]


def test_one_link_event_per_article_still_names_a_changed_added_or_removed_link(run_import, store, tmp_path):
    run_import(str(_corpus(tmp_path, 2)))
    with store.read() as session:
        actions = [e.action for e in session.scalars(select(Event).order_by(Event.id))]
        assert audit.verify(session).ok
        first, second = session.scalars(select(ClaimLink.id).order_by(ClaimLink.id).limit(2)).all()
    assert actions.count("claim.link") <= 3  # one per article version, not one per link
    with store.write() as session:
        session.execute(text("UPDATE claim_link SET similarity = 0.61 WHERE id = :id"), {"id": first})
        session.execute(text("DELETE FROM claim_link WHERE id = :id"), {"id": second})
        row = session.execute(select(ClaimLink.claim_id, ClaimLink.other_id).where(ClaimLink.id == first)).one()
        session.execute(text("INSERT INTO claim_link (claim_id, other_id, similarity, method, created_at, "
                             "created_by) VALUES (:a, :b, 0.7, 'fuzzy', '2026-01-01 00:00:00.000000', 'x')"),
                        {"a": row.other_id, "b": row.claim_id})
    with store.read() as session:
        report = audit.verify(session)
        added = session.scalar(select(ClaimLink.id).order_by(ClaimLink.id.desc()).limit(1))
    problems = " | ".join(report.problems)
    assert not report.ok
    assert f"claim_link {first} recorded by event" in problems and "was changed" in problems
    assert f"claim_link {second} recorded by event" in problems and "was deleted" in problems
    assert f"claim_link {added} is not recorded by any event" in problems


def test_jobs_two_stores_what_jobs_one_stores(tmp_path):
    """Worker processes analyse; the writer stores in input order: same lines, same rows, verified chain."""
    from claimtrack.config import Settings
    from claimtrack.context import AppContext
    from claimtrack.ingest.importer import import_sources

    folder = _corpus(tmp_path, 4)
    (folder / "000002_broken.txt").write_bytes(b"\n")  # a failing source keeps its place
    results = {}
    for jobs in (1, 2):
        ctx = AppContext(Settings(db=f"sqlite:///{tmp_path / f'jobs{jobs}.db'}", reviewer="alice",
                                  review_single_user=True))
        try:
            summary = import_sources(ctx, [str(folder)], jobs=jobs)
            results[jobs] = ([(r.given, r.status, r.error, r.claims_new, r.mentions, r.previously_checked)
                              for r in summary.results], _rows(ctx.store))
            with ctx.store.read() as session:
                assert audit.verify(session).ok
        finally:
            ctx.close()
    assert [r[1] for r in results[1][0]].count("failed") == 1
    assert results[1] == results[2]


def test_a_new_mention_has_every_column_of_a_mention_and_digests_like_one():
    from dataclasses import fields

    from claimtrack.ingest.importer import NewMention
    from claimtrack.store import audit
    from claimtrack.store.models import Mention

    assert {f.name for f in fields(NewMention)} == {a.key for a in Mention.__mapper__.column_attrs}
    values = {"claim_id": 3, "version_id": 4, "start": 10, "end": 20, "quote": "1,200 firms", "prefix": "about ",
              "suffix": " now", "paragraph": 1, "sentence_index": 2, "score": 0.75, "reasons": ["quantity"],
              "orphaned": False, "anchor": "extracted", "similarity": None, "previous_id": None, "id": 9}
    assert NewMention(**values).digest() == audit.row_digest(Mention(**values))
