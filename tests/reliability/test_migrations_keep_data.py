"""Migrations keep data: a database created at an old revision and filled with data upgrades to head with
every row intact, one revision at a time (each step compared against the rows that existed before it),
and is usable afterwards (`db check`, `audit verify`, search finds the old claims). `db upgrade` takes a
backup first on SQLite (`claims.db.bak-<revision>`), says where, and the backup holds the old data.

The data is written with raw SQL against the schema of revision 0001 (the models move on; these inserts
must not). A later revision that changes those tables must extend `fill_0001` accordingly.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from tests.reliability.helpers import engine_for, run

ARTICLE = ("Budget news\n\nThe council spent 4.5 million dollars on 127 new buses in 2023, according to the "
           "finance office. Unemployment fell by 3.2 percent last year, the mayor said.\n")


def revisions() -> list[str]:
    """Every revision, oldest first."""
    from alembic.script import ScriptDirectory

    from claimtrack.store.migrate import alembic_config

    return [r.revision for r in reversed(list(ScriptDirectory.from_config(alembic_config()).walk_revisions()))]


def fill_0001(db_url: str) -> None:
    """One of everything revision 0001 stores, chained into a valid audit log."""
    import hashlib

    from claimtrack import canonical_json as canonical
    from claimtrack.store.audit import GENESIS, event_hash
    from claimtrack.store.models import Event

    when = datetime(2024, 3, 1, 12, 0, tzinfo=timezone.utc)
    quote = "The council spent 4.5 million dollars on 127 new buses in 2023, according to the finance office."
    start = ARTICLE.index(quote)
    rows = [
        ("article", {"id": 1, "source": "/news/budget.txt", "url": None, "title": "Budget news",
                     "language": "en", "created_at": when, "created_by": "alice"}),
        ("article_version", {"id": 1, "article_id": 1, "number": 1, "raw": ARTICLE.encode(),
                             "raw_sha256": hashlib.sha256(ARTICLE.encode()).hexdigest(),
                             "size": len(ARTICLE.encode()), "text": ARTICLE,
                             "text_sha256": hashlib.sha256(ARTICLE.encode()).hexdigest(),
                             "content_type": "text/plain", "encoding": "utf-8", "extractor": "plain",
                             "extractor_version": "0", "source": "budget.txt", "fetched_at": when,
                             "repeats": "[]", "created_at": when}),
        ("claim", {"id": 1, "fingerprint": "f" * 64, "text": quote, "normalized": quote.lower(), "language": "en",
                   "score": 0.9, "reasons": '["money"]', "origin": "extracted", "status": "approved",
                   "rating": "false", "created_at": when, "created_by": "alice"}),
        ("mention", {"id": 1, "claim_id": 1, "version_id": 1, "span_start": start, "span_end": start + len(quote),
                     "quote": quote, "prefix": ARTICLE[:start][-32:], "suffix": "", "score": 0.9, "reasons": "[]",
                     "orphaned": False, "anchor": "extracted", "created_at": when}),
        ("quantity", {"id": 1, "claim_id": 1, "text": "4.5 million dollars", "span_start": 18, "span_end": 37,
                      "kind": "money", "value": 4.5e6, "low": 4.5e6, "high": 4.5e6, "currency": "USD"}),
        ("evidence", {"id": 1, "claim_id": 1, "url": "https://stats.example.org/t1", "stance": "refutes",
                      "note": "table 2", "added_by": "alice", "added_at": when}),
        ("capture", {"id": 1, "evidence_id": 1, "fetched_at": when, "outcome": "ok", "status": 200,
                     "final_url": "https://stats.example.org/t1", "content_type": "text/html", "sha256": "c" * 64,
                     "size": 5, "body": b"hello", "body_encoding": "identity"}),
        ("verdict", {"id": 1, "claim_id": 1, "rating": "false", "rationale": "the table says otherwise",
                     "reviewer": "alice", "created_at": when}),
        ("approval", {"id": 1, "verdict_id": 1, "reviewer": "bob", "created_at": when}),
        ("export", {"id": 1, "created_at": when, "generated_at": when, "format": "json", "path": "/r.json",
                    "rows": 1, "sha256": "d" * 64, "actor": "alice"}),
    ]
    engine = engine_for(db_url)
    with engine.begin() as conn:
        for table, values in rows:
            columns = ", ".join(values)
            conn.execute(text(f"INSERT INTO {table} ({columns}) VALUES ({', '.join(':' + k for k in values)})"),
                         values)
        prev = GENESIS
        from sqlalchemy.orm import Session

        from claimtrack.store.audit import row_digest
        from claimtrack.store.models import Base

        models = {m.local_table.name: m.class_ for m in Base.registry.mappers}
        # Each event commits to its row's digest, as audit.record does. The digest is computed on a copy of the
        # rows in a database at the head revision: the models name columns that later revisions add (NULL on
        # these rows, so left out of the digest), which this revision's tables do not have yet.
        from sqlalchemy import create_engine

        head = create_engine("sqlite://")
        Base.metadata.create_all(head, tables=[models[t].__table__ for t, _ in rows])
        with head.begin() as copy:
            for table, values in rows:
                copy.execute(text(f"INSERT INTO {table} ({', '.join(values)}) "
                                  f"VALUES ({', '.join(':' + k for k in values)})"), values)
        with Session(bind=head) as session:
            digests = {table: row_digest(session.get(models[table], 1)) for table, _ in rows}
        head.dispose()
        logged = [table for table, _ in rows if table != "quantity"]  # the claim's event commits to its quantity
        for i, table in enumerate(logged, 1):
            payload = {"n": i, "digest": digests[table]}
            if table == "claim":
                payload["row_digests"] = {"quantity": {"1": digests["quantity"]}}
            event = Event(id=i, created_at=when, actor="alice", action=f"{table}.create", entity=table, entity_id=1,
                          payload=canonical.dumps(payload), prev_hash=prev)
            event.hash = event_hash(event)
            conn.execute(text("INSERT INTO event (id, created_at, actor, action, entity, entity_id, payload, "
                              "prev_hash, hash) VALUES (:id, :created_at, :actor, :action, :entity, :entity_id, "
                              ":payload, :prev_hash, :hash)"),
                         {c: getattr(event, c) for c in ("id", "created_at", "actor", "action", "entity",
                                                          "entity_id", "payload", "prev_hash", "hash")})
            prev = event.hash
    engine.dispose()


def table_rows(db_url: str, only: dict[str, list[str]] | None = None) -> dict[str, list[tuple]]:
    """Every row of every table (of the given columns), ordered; binary and text compared as stored."""
    engine = engine_for(db_url)
    with engine.connect() as conn:
        inspector = inspect(conn)
        names = only or {t: [c["name"] for c in inspector.get_columns(t)] for t in inspector.get_table_names()
                         if t != "alembic_version" and not t.startswith("fts_")}
        result = {t: [tuple(r) for r in conn.execute(text(f"SELECT {', '.join(cols)} FROM {t} ORDER BY 1, 2"))]
                  for t, cols in names.items()}
    engine.dispose()
    return result


def columns(db_url: str) -> dict[str, list[str]]:
    engine = engine_for(db_url)
    with engine.connect() as conn:
        inspector = inspect(conn)
        found = {t: [c["name"] for c in inspector.get_columns(t)] for t in inspector.get_table_names()
                 if t != "alembic_version" and not t.startswith("fts_")}
    engine.dispose()
    return found


@pytest.mark.parametrize("start", revisions()[:-1] or ["(only one revision)"])
def test_every_upgrade_step_keeps_every_row(db_url, start):
    from claimtrack.store.db import resolve_url
    from claimtrack.store.migrate import upgrade

    url = resolve_url(db_url)
    upgrade(url, start)
    fill_0001(db_url)
    later = revisions()[revisions().index(start) + 1:]
    for revision in later:
        before_columns = columns(db_url)
        before = table_rows(db_url, before_columns)
        upgrade(url, revision)
        assert table_rows(db_url, before_columns) == before, f"rows changed by the upgrade to {revision}"
    assert run(db_url, "db", "check").exit_code == 0, run(db_url, "db", "check").stdout
    assert run(db_url, "audit", "verify").exit_code == 0
    shown = run(db_url, "claims", "show", "1", "--json")
    assert shown.exit_code == 0 and '"rating": "false"' in shown.stdout
    found = run(db_url, "search", "million dollars")
    assert found.exit_code == 0 and "\nclaim\t1\t" in found.stdout


def test_db_upgrade_backs_up_sqlite_first_and_says_where(sqlite_url):
    from claimtrack.store.db import resolve_url
    from claimtrack.store.migrate import upgrade

    first, head = revisions()[0], revisions()[-1]
    upgrade(resolve_url(sqlite_url), first)
    fill_0001(sqlite_url)
    old = table_rows(sqlite_url)
    result = run(sqlite_url, "db", "upgrade")
    backup = Path(f"{sqlite_url}.bak-{first}")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"{first} -> {head}\n"
    assert result.stderr == f"backup of the previous revision: {backup}\n"
    assert backup.is_file()
    assert table_rows(str(backup)) == old  # the backup is the database as it was
    engine = engine_for(str(backup))
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == first
    engine.dispose()
    again = run(sqlite_url, "db", "upgrade")  # at head: nothing to back up
    assert again.exit_code == 0 and again.stderr == "" and again.stdout == f"{head} -> {head}\n"


def test_db_upgrade_of_an_empty_database_takes_no_backup(sqlite_url):
    result = run(sqlite_url, "db", "upgrade")
    assert result.exit_code == 0 and result.stderr == ""
    assert not list(Path(sqlite_url).parent.glob("*.bak-*"))


def test_old_database_is_refused_until_upgraded(sqlite_url):
    from claimtrack.store.db import resolve_url
    from claimtrack.store.migrate import upgrade

    first = revisions()[0]
    upgrade(resolve_url(sqlite_url), first)
    result = run(sqlite_url, "claims", "list")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and "run `claimtrack db upgrade`" in result.stderr
