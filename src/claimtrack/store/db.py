"""Opening a database: URL resolution, connection settings, revision check, read and write sessions.

The one idea: every write goes through `Store.write()`, which serialises writers before reading anything
(`BEGIN IMMEDIATE` on SQLite, a transaction-scoped advisory lock on PostgreSQL). The audit hash chain
needs that order, and it turns "database is locked" half-way through a transaction into a short wait at
its start (bounded by the busy timeout).

On SQLite that wait is our own retry loop rather than SQLite's busy handler: the built-in handler sleeps up
to 100 ms between attempts, so a reviewer waiting behind a nightly import (which releases the lock for
only a few tens of milliseconds between articles) could miss every gap and wait 20 s or more. Retrying
`BEGIN IMMEDIATE` every few milliseconds is safe (nothing has happened in the transaction yet) and catches
those gaps. Past the busy timeout the writer gives up with a `DatabaseError`, never a raw "locked".
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from claimtrack.errors import DatabaseError
from claimtrack.store.schema import HEAD_REVISION

BUSY_TIMEOUT_MS = 30_000
# The PostgreSQL advisory lock every writer takes: (this key, hash of the current schema), so that databases
# kept in separate schemas of one server database don't queue behind each other.
WRITE_LOCK_KEY = 0x636C6169  # "clai"


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


@dataclass
class Store:
    """An open, migrated database: sessions for reading and for writing."""

    engine: Engine
    account: str = ""  # who writes: the PostgreSQL session user, else the OS account (see `identify`)
    reviewer_session: bool = False  # PostgreSQL: the session user is a claimtrack_reviewer (migration 0005)

    def __post_init__(self) -> None:
        if not self.account:
            self.account, self.reviewer_session = identify(self.engine)
        self._reader = sessionmaker(self.engine, expire_on_commit=False)
        self._writer = sessionmaker(
            self.engine.execution_options(claimtrack_write=True), expire_on_commit=False
        )

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for queries; it never commits."""
        with self._reader() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One write transaction, serialised with every other writer; commits, or rolls back on error."""
        with self._writer() as session, session.begin():
            session.info["claimtrack.audit.account"] = self.account
            if not self.is_sqlite:
                session.execute(text("SELECT pg_advisory_xact_lock(:key, hashtext(current_schema()))"),
                                {"key": WRITE_LOCK_KEY})
            yield session

    def dispose(self) -> None:
        self.engine.dispose()


def identify(engine: Engine) -> tuple[str, bool]:
    """(account, reviewer session): on PostgreSQL the session user, authenticated by the server, and whether
    it is a direct member of `claimtrack_reviewer` (whose rows the database stamps and keeps append-only);
    on SQLite the OS account of this process, from its uid."""
    from claimtrack.store.audit import os_account

    if engine.dialect.name == "sqlite":
        return os_account(), False
    with engine.connect() as conn:
        user = conn.execute(text("SELECT session_user")).scalar_one()
        member = conn.execute(text(
            "SELECT EXISTS (SELECT 1 FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid "
            "JOIN pg_roles u ON u.oid = m.member WHERE r.rolname = 'claimtrack_reviewer' "
            "AND u.rolname = session_user)")).scalar_one()
    return str(user), bool(member)


def open_store(db: str, *, migrate_new: bool = True) -> Store:
    """Open `db`; a new (empty) database is created and migrated; any other must be at our revision."""
    url = resolve_url(db)
    if url.get_backend_name() == "sqlite":
        _check_sqlite_path(Path(url.database or ""))
    engine = create_db_engine(url)
    try:
        revision = current_revision(engine)
        if revision is None and migrate_new and not has_tables(engine):
            from claimtrack.store.migrate import upgrade

            upgrade(url)
            revision = current_revision(engine)
    except OperationalError as exc:
        engine.dispose()
        raise DatabaseError(f"cannot open database {_display(url)}: {_first_line(exc)}") from None
    if revision != HEAD_REVISION:
        engine.dispose()
        raise DatabaseError(revision_problem(revision, _display(url)))
    return Store(engine)


def revision_problem(revision: str | None, where: str) -> str:
    """The message for a database whose revision this code cannot use."""
    from claimtrack.store.migrate import known_revisions

    if revision is None:
        return f"{where} is not a claimtrack database (it has tables but no schema revision)"
    if revision in known_revisions():
        return f"{where} is at revision {revision}, older than this claimtrack's {HEAD_REVISION}: run `claimtrack db upgrade`"
    return f"{where} is at unknown revision {revision} (newer claimtrack?); this version knows up to {HEAD_REVISION}"


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


def _check_sqlite_path(path: Path) -> None:
    folder = path.parent
    if not folder.is_dir():
        raise DatabaseError(f"folder for the database does not exist: {folder}")
    if path.exists():
        if not os.access(path, os.R_OK | os.W_OK):
            raise DatabaseError(f"database file is not readable and writable: {path}")
        with path.open("rb") as f:
            head = f.read(16)
        if head and head != b"SQLite format 3\x00":
            raise DatabaseError(f"not a SQLite database: {path}")
    elif not os.access(folder, os.W_OK):
        raise DatabaseError(f"cannot create the database, folder is not writable: {folder}")


def _display(url: URL) -> str:
    return url.database if url.get_backend_name() == "sqlite" else url.render_as_string(hide_password=True)


def _first_line(exc: SQLAlchemyError) -> str:
    return str(getattr(exc, "orig", exc)).strip().splitlines()[0]
