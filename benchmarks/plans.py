"""Query plans and statement counts of one claimtrack command, to check that indexes are used and no N+1.

    python benchmarks/plans.py DB claims list --limit 50
    python benchmarks/plans.py DB search 机器人

The one idea: run the real command in-process with a listener on every Engine that records each SQL
statement and its parameters, then ask the database how it executes each distinct statement (SQLite
`EXPLAIN QUERY PLAN`, PostgreSQL `EXPLAIN`). A SCAN of a big table, a temp B-tree for ORDER BY, or a
statement executed once per row shows at a glance.
"""

from __future__ import annotations

import sys
from collections import Counter
from typing import Any


def capture(db: str, args: list[str]) -> list[tuple[str, Any]]:
    """Run `claimtrack --db DB ARGS` in this process; the (statement, parameters) it executed, in order."""
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    seen: list[tuple[str, Any]] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        seen.append((statement, parameters))

    event.listen(Engine, "before_cursor_execute", record)
    from claimtrack.cli.app import main

    try:
        main(["--db", db, *args])
    except SystemExit:
        pass
    finally:
        event.remove(Engine, "before_cursor_execute", record)
    return seen


def explain(db: str, statements: list[tuple[str, Any]]) -> None:
    """Print each distinct SELECT once, how often it ran, and its plan."""
    from sqlalchemy import text

    from claimtrack.store.db import open_store

    counts = Counter(s for s, _ in statements)
    store = open_store(db)
    sqlite = store.is_sqlite
    done: set[str] = set()
    print(f"\n{len(statements)} statements, {len(counts)} distinct", file=sys.stderr)
    with store.engine.connect() as conn:
        for statement, params in statements:
            if statement in done or not statement.lstrip().upper().startswith(("SELECT", "WITH")):
                continue
            done.add(statement)
            print(f"\n-- ran {counts[statement]}×\n{statement.strip()}", file=sys.stderr)
            prefix = "EXPLAIN QUERY PLAN " if sqlite else "EXPLAIN "
            raw = conn.connection.dbapi_connection.cursor()
            raw.execute(prefix + statement, params or ())
            for row in raw.fetchall():
                print("   ", row[-1] if sqlite else row[0], file=sys.stderr)
    del text
    store.dispose()


def main() -> None:
    db, args = sys.argv[1], sys.argv[2:]
    explain(db, capture(db, args))


if __name__ == "__main__":
    main()
