"""Many rows of one table at the driver's pace: the import's executemany without SQLAlchemy's per-statement
work.

The one idea: the values stored must be exactly what `session.execute(insert(table), rows)` stores, so each
value goes through its column type's own bind processor (`UTCDateTime` to naive UTC, JSON to its text,
Boolean to 0/1), taken from SQLAlchemy once per table and dialect; only the compilation, the parameter
dictionaries and the result machinery of every call are skipped (they cost more than the inserts: ~2 ms a
statement for the import's six tables an article). The statement still goes through the connection
(`exec_driver_sql`), so engine events see it. Used only when every row gives every column but the id (no
column default to apply), on SQLite (sqlite3's executemany) and PostgreSQL (psycopg's, pipelined; SQLAlchemy's
multi-row INSERT would make psycopg parse a new ~100 kB statement each time); anything else takes
SQLAlchemy's path.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import DateTime, Table, insert

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

_PLANS: dict[tuple[str, str, tuple[str, ...]], tuple[str, tuple[Any, ...]]] = {}
_MARKS = {"qmark": "?", "format": "%s", "pyformat": "%s"}  # the driver's positional placeholder


def insert_values(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert `rows` ({column key: value}, the same keys in every row) into `table`, in the caller's transaction."""
    if not rows:
        return
    conn = session.connection()
    dialect = conn.dialect
    keys = tuple(rows[0])
    wanted = {c.key for c in table.columns} - {"id"}
    uniform = wanted <= set(keys) and all(len(row) == len(keys) for row in rows)
    if dialect.paramstyle not in _MARKS or not uniform:
        session.execute(insert(table), rows)
        return
    sql, processors = _plan(table, dialect, keys)
    if any(processors):
        params = [tuple(value if process is None else process(value)
                        for value, process in zip(map(row.__getitem__, keys), processors))
                  for row in rows]
    else:
        params = [tuple(map(row.__getitem__, keys)) for row in rows]
    conn.exec_driver_sql(sql, params)


def _plan(table: Table, dialect, keys: tuple[str, ...]) -> tuple[str, tuple[Any, ...]]:
    """The INSERT text and each column's bind processor (None: the value goes as is), made once."""
    plan = _PLANS.get((table.name, dialect.name, keys))
    if plan is None:
        columns = [table.columns[key] for key in keys]
        names = ", ".join(dialect.identifier_preparer.quote(c.name) for c in columns)
        sql = f"INSERT INTO {dialect.identifier_preparer.quote(table.name)} ({names}) VALUES " \
              f"({', '.join([_MARKS[dialect.paramstyle]] * len(columns))})"
        processors = []
        for c in columns:
            process = c.type._cached_bind_processor(dialect)
            processors.append(_by_value(process) if process is not None and _timestamp(c)
                              else process)
        plan = _PLANS[(table.name, dialect.name, keys)] = (sql, tuple(processors))
    return plan


def _timestamp(column) -> bool:
    kind = column.type
    return isinstance(getattr(kind, "impl", kind), DateTime)


def _by_value(process):
    """A timestamp column's processor, remembering its last answers: an import stamps every row of an article
    with one `now` (binding it costs a time-zone conversion and a strftime a row). Pure: equal values, equal
    bound values."""
    seen: dict[Any, Any] = {}

    def bound(value):
        try:
            return seen[value]
        except KeyError:
            if len(seen) >= 64:
                seen.clear()
            out = seen[value] = process(value)
            return out

    return bound


def new_ids(session: Session, table: Table, count: int) -> list[int]:
    """PostgreSQL: `count` ids drawn from `table`'s id sequence (one statement), for rows given them."""
    from sqlalchemy import text

    draw = text("SELECT nextval(pg_get_serial_sequence(:table, 'id')) FROM generate_series(1, :count)")
    return list(session.scalars(draw, {"table": table.name, "count": count}))
