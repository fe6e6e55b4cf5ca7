"""The engine: `--db` to a SQLAlchemy URL, claimtrack's connection settings, and revision peeks.

The one idea: writers are serialised before they read anything. On SQLite a write transaction begins with
`BEGIN IMMEDIATE`, retried every few milliseconds by our own loop rather than SQLite's busy handler: the
built-in handler sleeps up to 100 ms between attempts, so a reviewer waiting behind a nightly import (which
releases the lock for only a few tens of milliseconds between articles) could miss every gap and wait 20 s
or more. Retrying is safe (nothing has happened in the transaction yet) and catches those gaps; past the
busy timeout the writer gives up with a `DatabaseError`, never a raw "locked". This module knows neither
sessions nor migrations (`db` and `migrate` both build on it, so neither imports the other at load time).
"""

from __future__ import annotations

import random
import time
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from claimtrack.errors import DatabaseError
from claimtrack.store.reader import BUSY_TIMEOUT_MS, check_sqlite_path  # noqa: F401  (re-exported)


def resolve_url(db: str) -> URL:
    """A `--db` value as a SQLAlchemy URL: a URL as given, anything else a SQLite file path."""
    if "://" in db:
        try:
            url = make_url(db)
        except ArgumentError:
            raise DatabaseError(f"not a valid database URL: {db!r}") from None
        if url.get_backend_name() not in ("sqlite", "postgresql"):
            raise DatabaseError(f"unsupported database {url.get_backend_name()!r}: use a path or postgresql://")
        if url.get_backend_name() == "postgresql" and url.drivername == "postgresql":
            url = url.set(drivername="postgresql+psycopg")
        return url
    path = Path(db).expanduser()
    if path.is_dir():
        raise DatabaseError(f"database path is a folder: {path}")
    return URL.create("sqlite+pysqlite", database=str(path.resolve()))


def create_db_engine(url: URL, *, foreign_keys: bool = True) -> Engine:
    """An engine with claimtrack's connection settings (SQLite: WAL, foreign keys, busy timeout)."""
    if url.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": 10})
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        # Autocommit at the driver level: SQLAlchemy's "begin" hook below emits BEGIN itself, so that
        # writers can ask for BEGIN IMMEDIATE (pysqlite's own transaction handling cannot).
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        if conn.get_execution_options().get("claimtrack_write", False):
            begin_immediate(conn.connection.driver_connection)
        else:
            conn.exec_driver_sql("BEGIN")

    return engine


def begin_immediate(dbapi_conn, timeout: float = BUSY_TIMEOUT_MS / 1000) -> None:
    """`BEGIN IMMEDIATE`, retried every few milliseconds while another writer holds the lock (see above)."""
    import sqlite3

    deadline = time.monotonic() + timeout
    dbapi_conn.execute("PRAGMA busy_timeout = 0")
    try:
        pause = 0.001
        while True:
            try:
                dbapi_conn.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) and "busy" not in str(exc):
                    raise
                if time.monotonic() >= deadline:
                    raise DatabaseError(f"the database stayed locked by another writer for {timeout:.0f} s;"
                                        " nothing was written, try again") from None
            time.sleep(pause * random.uniform(0.5, 1.5))
            pause = min(pause * 2, 0.008)
    finally:
        dbapi_conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")


def current_revision(engine: Engine) -> str | None:
    """The Alembic revision stamped in the database, or None for a database with no revision table."""
    with engine.connect() as conn:
        if "alembic_version" not in inspect(conn).get_table_names():
            return None
        row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
        return row[0] if row else None


def has_tables(engine: Engine) -> bool:
    """Whether the database holds any table (a new database holds none)."""
    with engine.connect() as conn:
        return bool(inspect(conn).get_table_names())


def display_url(url: URL) -> str:
    return url.database if url.get_backend_name() == "sqlite" else url.render_as_string(hide_password=True)


def first_line(exc: SQLAlchemyError) -> str:
    return str(getattr(exc, "orig", exc)).strip().splitlines()[0]
