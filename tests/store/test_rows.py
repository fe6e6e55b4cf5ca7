"""`store.rows.insert_values` stores exactly what SQLAlchemy's Core insert stores, value for value."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import insert, text

from claimtrack.store.models import Article, ArticleVersion, Claim, ClaimLink, Event, Mention, Quantity
from claimtrack.store.rows import insert_values

NOW = datetime(2026, 12, 3, 8, 30, 1, 123456, tzinfo=UTC)


def _claim(i: int, fp: str) -> dict:
    return {"fingerprint": fp, "text": f"Claim {i} ‘quoted’ 中文", "normalized": f"claim{i}",
            "language": None if i % 2 else "en", "score": 0.5 + i / 100, "reasons": ["number", {"k": i}],
            "origin": "extracted", "status": "unreviewed", "rating": None, "created_at": NOW, "created_by": "alice"}


def _raw(session, table: str, ids: range) -> list[tuple]:
    rows = session.execute(text(f"SELECT * FROM {table} WHERE id BETWEEN :a AND :b ORDER BY id"),
                           {"a": ids.start, "b": ids.stop - 1}).all()
    return [tuple(r)[1:] for r in rows]  # without the id


def test_insert_values_stores_what_core_insert_stores(store):
    with store.write() as session:
        session.execute(insert(Claim.__table__), [_claim(1, "fp1"), _claim(2, "fp2")])
        insert_values(session, Claim.__table__, [_claim(1, "fp3"), _claim(2, "fp4")])
        session.execute(insert(Article.__table__), [{"source": "/a", "created_by": "alice", "created_at": NOW}])
        article_id = session.execute(text("SELECT id FROM article")).scalar()
        session.execute(insert(ArticleVersion.__table__), [{
            "article_id": article_id, "number": 1, "raw": b"x", "raw_sha256": "0" * 64, "size": 1, "text": "x",
            "text_sha256": "0" * 64, "source": "/a", "fetched_at": NOW, "repeats": [], "created_at": NOW}])
        version_id = session.execute(text("SELECT id FROM article_version")).scalar()
        ids = [r[0] for r in session.execute(text("SELECT id FROM claim ORDER BY id"))]
        mentions = [{"claim_id": ids[i], "version_id": version_id, "span_start": i, "span_end": i + 1, "quote": "x",
                     "prefix": "", "suffix": "", "paragraph": None, "sentence_index": i % 2, "score": 0.7,
                     "reasons": [], "orphaned": bool(i % 2), "anchor": "extracted", "similarity": None,
                     "previous_id": None, "created_at": NOW} for i in range(4)]
        session.execute(insert(Mention.__table__), mentions[:2])
        insert_values(session, Mention.__table__, mentions[2:])
        quantities = [{"claim_id": ids[0], "text": "3%", "span_start": 0, "span_end": 2, "kind": "percent", "value": 3.0,
                       "low": None, "high": None, "qualifier": None, "unit": "%", "currency": None}] * 2
        session.execute(insert(Quantity.__table__), quantities[:1])
        insert_values(session, Quantity.__table__, quantities[1:])
        links = [{"claim_id": ids[i], "other_id": ids[0], "similarity": 0.61, "method": "fuzzy", "created_at": NOW,
                  "created_by": "alice"} for i in (1, 2)]
        session.execute(insert(ClaimLink.__table__), links[:1])
        insert_values(session, ClaimLink.__table__, links[1:])
        head = session.execute(text("SELECT coalesce(max(id), 0) FROM event")).scalar()
        events = [{"id": head + i, "created_at": NOW, "actor": "alice", "action": "x.y", "entity": "claim",
                   "entity_id": None, "payload": "{}", "prev_hash": f"{i - 1:064d}", "hash": f"{i:064d}"}
                  for i in (1, 2)]
        session.execute(insert(Event.__table__), events[:1])
        insert_values(session, Event.__table__, events[1:])
        first = ids[0]
        claims = _raw(session, "claim", range(first, first + 4))
        assert [c[1:] for c in claims[:2]] == [c[1:] for c in claims[2:]]  # all but the fingerprint
        m = _raw(session, "mention", range(0, 10**9))
        assert m[0][4:] == m[2][4:] and m[1][4:] == m[3][4:]  # all but the claim and span
        q = _raw(session, "quantity", range(0, 10**9))
        assert q[0] == q[1]
        link = _raw(session, "claim_link", range(0, 10**9))
        assert link[0][1:] == link[1][1:]
        e = _raw(session, "event", range(head + 1, head + 3))
        assert e[0][:6] == e[1][:6]  # created_at .. payload
