"""`store.reader`: the read commands open the database without SQLAlchemy, with `open_store`'s checks and words."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

import pytest

from claimtrack.errors import DatabaseError
from claimtrack.store.reader import Conn, open_reader
from tests.conftest import invoke


def test_reading_never_creates_a_database(tmp_path):
    missing = tmp_path / "typo.db"
    with pytest.raises(DatabaseError, match=f"no database at {missing}; run claimtrack db upgrade"):
        open_reader(str(missing), lambda: None)
    assert not missing.exists()
    result = invoke("--db", str(missing), "claims", "list")
    assert result.exit_code == 1 and result.stderr.startswith("Error: no database at") and not missing.exists()


def test_what_the_reader_does_not_open_the_store_words(tmp_path):
    """Not a claimtrack database, or not at our revision: the Store's messages (SQLAlchemy on that path only)."""
    foreign = tmp_path / "other.db"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE t (x)")
    assert open_reader(str(foreign), lambda: None) is None
    result = invoke("--db", str(foreign), "search", "x")
    assert result.exit_code == 1 and "is not a claimtrack database" in result.stderr
    assert open_reader(f"sqlite:///{foreign}?mode=ro", lambda: None) is None  # a URL form left to SQLAlchemy


def test_a_reader_reads_the_stores_database(db_url, store):
    reader = open_reader(db_url, lambda: store)
    assert reader is not None
    try:
        assert reader.account == store.account and reader.reviewer_session == store.reviewer_session
        assert reader.conn.scalar("SELECT count(*) FROM claim WHERE id IN :ids", {"ids": []}) == 0
    finally:
        reader.close()


def test_timestamps_bind_and_read_as_utc_datetime_does():
    conn = Conn(sqlite3.connect(":memory:"), "sqlite")
    conn.dbapi.execute("CREATE TABLE e (id INTEGER, at TEXT)")
    conn.dbapi.execute("INSERT INTO e VALUES (1, '2026-11-02 08:00:06.000000'), (2, '2026-11-02 08:00:07.500000')")
    when = datetime(2026, 11, 2, 8, 0, 6, tzinfo=UTC)
    rows = conn.rows("SELECT id, at FROM e WHERE at > :last AND id IN :ids", {"last": when, "ids": [1, 2]}, at="when")
    assert [(r.id, r.at) for r in rows] == [(2, datetime(2026, 11, 2, 8, 0, 7, 500000, tzinfo=UTC))]
