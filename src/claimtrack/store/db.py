"""Opening a database: the revision check, and the read and write sessions every use case runs in.

The one idea: every write goes through `Store.write()`, which serialises writers before reading anything
(`BEGIN IMMEDIATE` on SQLite, see `store.engine`; a transaction-scoped advisory lock on PostgreSQL). The
audit hash chain needs that order, and it turns "database is locked" half-way through a transaction into
a short wait at its start (bounded by the busy timeout). Use cases reach the sessions through
`writing(db)` / `reading(db)`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, text
from sqlalchemy.exc import OperationalError

from claimtrack.errors import DatabaseError
from claimtrack.store.engine import (
    BUSY_TIMEOUT_MS, check_sqlite_path, display_url, first_line, begin_immediate, create_db_engine, current_revision,
    has_tables, resolve_url,
)
from claimtrack.store.reader import REVIEWER_MEMBER, SESSION_USER, no_database
from claimtrack.store.schema import HEAD_REVISION

if TYPE_CHECKING:  # the ORM is imported on first session, not to open a store (fast read commands, issue 21)
    from sqlalchemy.engine import Connection
    from sqlalchemy.orm import Session

__all__ = ["BUSY_TIMEOUT_MS", "Store", "begin_immediate", "create_db_engine", "current_revision", "has_tables",
           "open_store", "reading", "resolve_url", "revision_problem", "writing"]

# The PostgreSQL advisory lock every writer takes: (this key, hash of the current schema), so that databases
# kept in separate schemas of one server database don't queue behind each other.
WRITE_LOCK_KEY = 0x636C6169  # "clai"


@dataclass
class Store:
    """An open, migrated database: sessions for reading and for writing."""

    engine: Engine
    account: str = ""  # who writes: the PostgreSQL session user, else the OS account (see `identify`)
    reviewer_session: bool = False  # PostgreSQL: the session user is a claimtrack_reviewer (migration 0005)
    info: dict = field(default_factory=dict)  # copied into every write session's `info` (e.g. an import run's cache)

    def __post_init__(self) -> None:
        if not self.account:
            self.account, self.reviewer_session = identify(self.engine)
        self._makers = None

    def _sessions(self):
        """(reader, writer) session factories, made on first use (importing the ORM then)."""
        if self._makers is None:
            from sqlalchemy.orm import sessionmaker

            self._makers = (sessionmaker(self.engine, expire_on_commit=False),
                            sessionmaker(self.engine.execution_options(claimtrack_write=True), expire_on_commit=False))
        return self._makers

    @property
    def _reader(self):
        return self._sessions()[0]

    @property
    def _writer(self):
        return self._sessions()[1]

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for queries; it never commits."""
        with self._reader() as session:
            yield session

    @contextmanager
    def connect(self) -> Iterator[Connection]:
        """A Core connection for read queries that need no ORM (it never commits)."""
        with self.engine.connect() as conn:
            yield conn

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One write transaction, serialised with every other writer; commits, or rolls back on error."""
        with self._writer() as session, session.begin():
            session.info["claimtrack.audit.account"] = self.account
            session.info.update(self.info)
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
    from claimtrack.store.accounts import os_account

    if engine.dialect.name == "sqlite":
        return os_account(), False
    with engine.connect() as conn:
        user = conn.execute(text(SESSION_USER)).scalar_one()
        member = conn.execute(text(REVIEWER_MEMBER)).scalar_one()
    return str(user), bool(member)


@contextmanager
def writing(db: Store | Session) -> Iterator[Session]:
    """The write transaction of a use case (the sqlite-utils `atomic()` model).

    Every public use-case function takes `db` and runs its body in `with writing(db) as session:`. Given
    the `Store`, the function owns its transaction (commit, or roll back on error); given a `Session`, it
    joins the caller's transaction, so use cases compose into one write and tests can batch several."""
    if not isinstance(db, Store):
        yield db
        return
    with db.write() as session:
        yield session


@contextmanager
def reading(db: Store | Session) -> Iterator[Session]:
    """A read session for a use case: its own (`db` is the Store) or the caller's (`db` is a Session)."""
    if not isinstance(db, Store):
        yield db
        return
    with db.read() as session:
        yield session


def open_store(db: str, *, migrate_new: bool = True) -> Store:
    """Open `db`; any database must be at our revision. A new one (no file, or no tables) is created and
    migrated when `migrate_new`; otherwise it is refused, and no file is left behind."""
    url = resolve_url(db)
    if url.get_backend_name() == "sqlite":
        check_sqlite_path(Path(url.database or ""))
        if not migrate_new and not Path(url.database or "").exists():
            raise DatabaseError(no_database(db))  # before connecting: connecting would create the file
    engine = create_db_engine(url)
    try:
        revision = current_revision(engine)
        if revision is None and not has_tables(engine) and not migrate_new:
            engine.dispose()
            raise DatabaseError(no_database(db if url.get_backend_name() == "sqlite" else display_url(url)))
        if revision is None and migrate_new and not has_tables(engine):
            from claimtrack.store.migrate import upgrade

            upgrade(url)
            revision = current_revision(engine)
    except OperationalError as exc:
        engine.dispose()
        raise DatabaseError(f"cannot open database {display_url(url)}: {first_line(exc)}") from None
    if revision != HEAD_REVISION:
        engine.dispose()
        raise DatabaseError(revision_problem(revision, display_url(url)))
    return Store(engine)


def revision_problem(revision: str | None, where: str) -> str:
    """The message for a database whose revision this code cannot use."""
    from claimtrack.store.migrate import known_revisions

    if revision is None:
        return f"{where} is not a claimtrack database (it has tables but no schema revision)"
    if revision in known_revisions():
        return f"{where} is at revision {revision}, older than this claimtrack's {HEAD_REVISION}: run `claimtrack db upgrade`"
    return f"{where} is at unknown revision {revision} (newer claimtrack?); this version knows up to {HEAD_REVISION}"
