"""Database-level maintenance: online backups and the engine's own page-level integrity check."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import Engine, text

from claimtrack.errors import DatabaseError


def backup_sqlite(engine: Engine, target: Path) -> Path:
    """Copy a live SQLite database with the online backup API (consistent while others write)."""
    if engine.dialect.name != "sqlite":
        raise DatabaseError("db backup works on SQLite only; for PostgreSQL use pg_dump")
    target = target.expanduser().resolve()
    if target.is_dir():
        raise DatabaseError(f"backup target is a folder: {target}")
    if not target.parent.is_dir():
        raise DatabaseError(f"backup folder does not exist: {target.parent}")
    partial = target.with_name(target.name + ".partial")
    raw = engine.raw_connection()
    try:
        destination = sqlite3.connect(partial)
        try:
            raw.driver_connection.backup(destination)
        finally:
            destination.close()
        partial.replace(target)
    except (OSError, sqlite3.Error) as exc:
        partial.unlink(missing_ok=True)
        raise DatabaseError(f"backup to {target} failed: {exc}") from None
    finally:
        raw.close()
    return target


def integrity_problems(engine: Engine) -> list[str]:
    """What the engine itself finds wrong at the page level (SQLite's `integrity_check`).

    Foreign keys are checked by `admin.foreign_key_problems` from the models, on both databases.
    """
    if engine.dialect.name != "sqlite":
        return []  # PostgreSQL enforces foreign keys and has no cheap page-level check.
    problems = []
    with engine.connect() as conn:
        result = [row[0] for row in conn.execute(text("PRAGMA integrity_check"))]
        if result != ["ok"]:
            problems += [f"integrity: {line}" for line in result[:20]]
    return problems
