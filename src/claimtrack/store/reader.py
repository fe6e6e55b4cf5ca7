"""Reading a database without SQLAlchemy: the DB-API read path of the start-up-paced commands (issue 21).

The one idea: `claims list`, `claims show`, `search` and `status` cost about what a bare Typer app costs to
start only if they do not import SQLAlchemy (whose import alone is one more such start-up). So their queries
are plain parameterised SQL strings (`:name` parameters; a list parameter expands for `IN :ids`) run on the
driver's own connection — `sqlite3`, or `psycopg` for a postgresql URL — by `Conn.rows`. The same `Conn`
wraps the driver connection under a SQLAlchemy `Store` or `Session` (tests, and callers that hold one), so
there is one read path, whichever way the database was opened. Column values come back as SQLAlchemy would
hand them (`types`: "when" = `UTCDateTime`, "json", "bool"), so records built from them are the ORM's.

`open_reader(db)` opens `--db` as `store.db.open_store(db, migrate_new=False)` does — the same checks and
messages (no database is ever created by reading it; the revision must be ours) — for a path,
`sqlite:///…` or `postgresql[+psycopg]://…` URL; for anything else it returns None and the caller opens a
`Store`. Nothing here writes, and this module imports no SQLAlchemy.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from claimtrack.errors import DatabaseError

__all__ = ["BUSY_TIMEOUT_MS", "Conn", "Reader", "check_sqlite_path", "connected", "no_database", "open_reader"]

BUSY_TIMEOUT_MS = 30_000
SESSION_USER = "SELECT session_user"
REVIEWER_MEMBER = ("SELECT EXISTS (SELECT 1 FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid "
                   "JOIN pg_roles u ON u.oid = m.member WHERE r.rolname = 'claimtrack_reviewer' "
                   "AND u.rolname = session_user)")
# the tables of the database (SQLAlchemy's `inspect(conn).get_table_names()`, default schema)
_TABLES = {"sqlite": "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite~_%' ESCAPE '~'",
           "postgresql": "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                         " WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')"}


# -- messages and checks shared with store.engine / store.db -----------------------------------------------------


def check_sqlite_path(path: Path) -> None:
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


def no_database(where: str) -> str:
    """The message for a command that needs an existing database and finds none."""
    return f"no database at {where}; run claimtrack db upgrade to create one"


# -- rows ------------------------------------------------------------------------------------------------------


class Row(tuple):
    """A result row: by position (`row[0]`) and by column name (`row.id`), like SQLAlchemy's `Row` (a column
    named `count` or `index` is shadowed by the tuple's methods: alias it, as `count(id) AS n`)."""

    __slots__ = ()
    _names: dict[str, int] = {}

    def __getattr__(self, name: str) -> Any:
        try:
            return self[type(self)._names[name]]
        except KeyError:
            raise AttributeError(name) from None


_ROW_CLASSES: dict[tuple[str, ...], type[Row]] = {}


def _row_class(names: tuple[str, ...]) -> type[Row]:
    cls = _ROW_CLASSES.get(names)
    if cls is None:
        cls = _ROW_CLASSES[names] = type("Row", (Row,), {"__slots__": (),
                                                         "_names": {n: i for i, n in enumerate(names)}})
    return cls


def _when(value: Any) -> datetime | None:
    """`store.types.UTCDateTime` on the way out: an aware UTC datetime (SQLite stores naive UTC text)."""
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, (str, bytes)) else value  # psycopg decodes json columns itself


_CONVERT: dict[str, Callable[[Any], Any]] = {
    "when": _when, "json": _json, "bool": lambda v: None if v is None else bool(v)}
_PARAM = re.compile(r"(?<![:\w]):(\w+)")


class Conn:
    """A DB-API connection and the few calls the read path makes on it (see the module docstring)."""

    def __init__(self, dbapi: Any, backend: str) -> None:
        self.dbapi, self.backend = dbapi, backend

    @property
    def is_sqlite(self) -> bool:
        return self.backend == "sqlite"

    def _bind(self, value: Any) -> Any:
        if isinstance(value, datetime) and self.is_sqlite:  # UTCDateTime on the way in: naive UTC, SQLAlchemy's text
            return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
        return value

    def _compile(self, sql: str, params: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        """`:name` parameters in the driver's style; a list or tuple value becomes `(:name_0, :name_1, …)`."""
        bound: dict[str, Any] = {}

        def one(name: str) -> str:
            return f":{name}" if self.is_sqlite else f"%({name})s"

        def place(match: re.Match[str]) -> str:
            name = match.group(1)
            value = params[name]
            if isinstance(value, (list, tuple)):
                if not value:
                    return "(NULL)"  # `x IN (NULL)` selects nothing, as SQLAlchemy's empty expansion does
                for i, item in enumerate(value):
                    bound[f"{name}_{i}"] = self._bind(item)
                return "(" + ", ".join(one(f"{name}_{i}") for i in range(len(value))) + ")"
            bound[name] = self._bind(value)
            return one(name)

        if not self.is_sqlite:
            sql = sql.replace("%", "%%")
        return _PARAM.sub(place, sql), bound

    def rows(self, sql: str, params: dict[str, Any] | None = None, **types: str) -> list[Row]:
        """Every row of `sql`; `types` names the columns to convert ("when", "json", "bool")."""
        statement, bound = self._compile(sql, params or {})
        cursor = self.dbapi.cursor()
        try:
            cursor.execute(statement, bound)
            names = tuple(d[0] for d in cursor.description)
            found = cursor.fetchall()
        finally:
            cursor.close()
        cls = _row_class(names)
        if types:
            convert = [(names.index(name), _CONVERT[kind]) for name, kind in types.items()]
            out = []
            for row in found:
                row = list(row)
                for i, f in convert:
                    row[i] = f(row[i])
                out.append(cls(row))
            return out
        return [cls(row) for row in found]

    def first(self, sql: str, params: dict[str, Any] | None = None, **types: str) -> Row | None:
        found = self.rows(sql, params, **types)
        return found[0] if found else None

    def scalar(self, sql: str, params: dict[str, Any] | None = None, **types: str) -> Any:
        row = self.first(sql, params, **types)
        return row[0] if row else None


@contextmanager
def connected(db: Any) -> Iterator[Conn]:
    """The read connection of `db`: a `Reader`'s own, or the driver connection under a SQLAlchemy `Store`
    (a connection of its engine, closed after) or `Session` (its transaction: its flushed writes are seen)."""
    if isinstance(db, Reader):
        yield db.conn
        return
    if hasattr(db, "engine") and hasattr(db, "connect"):  # a store.db.Store
        with db.connect() as conn:
            conn.exec_driver_sql("SELECT 1")  # begin (our engine's hook), as every Core read did
            yield Conn(conn.connection.driver_connection, conn.dialect.name)
        return
    db.flush()  # a Session: its pending writes, as its own queries would autoflush them
    conn = db.connection()
    yield Conn(conn.connection.driver_connection, conn.dialect.name)


# -- opening -----------------------------------------------------------------------------------------------------


class Reader:
    """An open, migrated database for reading: one DB-API connection (read transaction rolled back at close),
    and, for the read paths that hand over to the ORM (`store`), the full `Store`, opened on first use."""

    def __init__(self, conn: Conn, db: str, full: Callable[[], Any]) -> None:
        self.conn, self.db, self._full = conn, db, full
        self._identity: tuple[str, bool] | None = None

    @property
    def is_sqlite(self) -> bool:
        return self.conn.is_sqlite

    @property
    def store(self):
        """The `store.db.Store` of the same database (SQLAlchemy and the ORM: only for a fallback)."""
        return self._full()

    def _identify(self) -> tuple[str, bool]:
        if self._identity is None:
            if self.is_sqlite:
                from claimtrack.store.accounts import os_account

                self._identity = (os_account(), False)
            else:
                self._identity = (str(self.conn.scalar(SESSION_USER)), bool(self.conn.scalar(REVIEWER_MEMBER)))
        return self._identity

    @property
    def account(self) -> str:
        """Who reads: as `Store.account` (the PostgreSQL session user, else the OS account)."""
        return self._identify()[0]

    @property
    def reviewer_session(self) -> bool:
        return self._identify()[1]

    def close(self) -> None:
        try:
            self.conn.dbapi.rollback()
        finally:
            self.conn.dbapi.close()


def _sqlite_file(db: str) -> str | None:
    """The file of a `--db` naming a SQLite database (a path, or a plain `sqlite:///` URL); None otherwise."""
    if "://" not in db:
        path = Path(db).expanduser()
        if path.is_dir():
            raise DatabaseError(f"database path is a folder: {path}")
        return str(path.resolve())
    for prefix in ("sqlite:///", "sqlite+pysqlite:///"):
        if db.startswith(prefix) and "?" not in db and len(db) > len(prefix):
            return db[len(prefix):]
    return None


def _pg_params(db: str) -> dict[str, Any] | None:
    """psycopg's connection parameters for a plain `postgresql[+psycopg]://` URL (as SQLAlchemy's psycopg
    dialect passes them: URL parts, then the query string); None for any other URL."""
    scheme, sep, _ = db.partition("://")
    if scheme not in ("postgresql", "postgresql+psycopg") or not sep:
        return None
    url = urlsplit(db)
    params: dict[str, Any] = {"connect_timeout": 10}
    for key, value in (("host", url.hostname), ("port", url.port), ("user", url.username),
                       ("password", url.password), ("dbname", url.path.lstrip("/"))):
        if value not in (None, ""):
            params[key] = unquote(value) if isinstance(value, str) else value
    params.update(parse_qsl(url.query))
    return params


def open_reader(db: str, full: Callable[[], Any]) -> Reader | None:
    """`db` opened for reading (see the module docstring); `full` opens the `Store` (for ORM fallbacks).
    None when `db` is not a form read here, or is not a database at our revision, or cannot be opened: then
    `open_store(db, migrate_new=False)` words the error (importing SQLAlchemy only on that path)."""
    from claimtrack.store.schema import HEAD_REVISION

    path = _sqlite_file(db)
    if path is not None:
        check_sqlite_path(Path(path))
        if not Path(path).exists():
            raise DatabaseError(no_database(db))  # before connecting: connecting would create the file
        import sqlite3 as driver

        def connect() -> Conn:
            dbapi = driver.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                                   check_same_thread=False)
            dbapi.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            dbapi.execute("BEGIN")  # one read transaction: every query of the command sees the same database
            return Conn(dbapi, "sqlite")
    else:
        params = _pg_params(db)
        if params is None:
            return None
        import psycopg as driver  # type: ignore[no-redef]

        def connect() -> Conn:
            return Conn(driver.connect(**params), "postgresql")
    try:
        conn = connect()
    except driver.Error:
        return None
    try:
        if _revision(conn) == HEAD_REVISION:
            return Reader(conn, db, full)
    except driver.Error:
        pass
    conn.dbapi.close()
    return None


def _revision(conn: Conn) -> str | None:
    """`store.engine.current_revision`: the Alembic revision stamped, None without a revision table."""
    if not any(row[0] == "alembic_version" for row in conn.rows(_TABLES[conn.backend])):
        return None
    return conn.scalar("SELECT version_num FROM alembic_version")
