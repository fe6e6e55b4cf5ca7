"""The SQLite write lock: a waiting writer gets in within milliseconds of the lock's release (no 100 ms
busy-handler naps that miss short gaps), and past the timeout gets a `DatabaseError`, never a raw
"database is locked"."""

from __future__ import annotations

import sqlite3
import threading
import time

import pytest

from claimtrack.errors import DatabaseError
from claimtrack.store.db import begin_immediate


@pytest.fixture
def db_file(tmp_path):
    path = tmp_path / "lock.db"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE t (x)")
    conn.close()
    return path


def test_waiting_writer_gets_in_right_after_release(db_file):
    holder = sqlite3.connect(db_file, isolation_level=None)
    waiter = sqlite3.connect(db_file, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    got: list[float] = []

    def wait():
        begin_immediate(waiter, timeout=10)
        got.append(time.monotonic())
        waiter.execute("INSERT INTO t VALUES (1)")
        waiter.execute("COMMIT")

    thread = threading.Thread(target=wait)
    thread.start()
    time.sleep(0.3)
    released = time.monotonic()
    holder.execute("COMMIT")
    thread.join(10)
    assert got and got[0] - released < 0.1
    assert holder.execute("SELECT count(*) FROM t").fetchone() == (1,)
    assert waiter.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000  # restored for ordinary statements


def test_writer_gives_up_with_a_clear_error(db_file):
    holder = sqlite3.connect(db_file, isolation_level=None)
    waiter = sqlite3.connect(db_file, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    started = time.monotonic()
    with pytest.raises(DatabaseError, match="stayed locked by another writer for 0 s; nothing was written"):
        begin_immediate(waiter, timeout=0.2)
    assert 0.2 <= time.monotonic() - started < 2
    holder.execute("ROLLBACK")


def test_store_write_maps_a_held_lock_to_database_error(tmp_path, monkeypatch):
    """Through the Store: the error a user would see is the one-line DatabaseError."""
    from claimtrack.store import db as store_db
    from claimtrack.store.db import open_store

    store = open_store(str(tmp_path / "claims.db"))
    holder = sqlite3.connect(tmp_path / "claims.db", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    monkeypatch.setattr(store_db, "BUSY_TIMEOUT_MS", 200)
    monkeypatch.setattr(store_db.begin_immediate, "__defaults__", (0.2,))
    with pytest.raises(DatabaseError, match="stayed locked"):
        with store.write() as session:
            session.execute(store_db.text("SELECT 1"))
    holder.execute("ROLLBACK")
    store.dispose()
