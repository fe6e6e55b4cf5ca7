"""Alembic, driven from code: the configuration is built here from the package path, so migrations run
the same from a checkout and from an installed wheel (where `migrations/` is shipped inside the package).

On SQLite, foreign keys are switched off while migrating (batch migrations rebuild tables, which would
cascade or fail with them on) and `PRAGMA foreign_key_check` runs afterwards; an upgrade of a database
that holds data is preceded by an online backup next to it (`claims.db.bak-<revision>`).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import URL

from claimtrack.errors import DatabaseError
from claimtrack.store.engine import create_db_engine, current_revision, has_tables


def migrations_dir() -> Path:
    """`claimtrack/migrations` in an installed wheel, else the checkout's top-level `migrations/`."""
    package = Path(__file__).resolve().parent.parent
    for candidate in (package / "migrations", package.parent.parent / "migrations"):
        if (candidate / "env.py").is_file():
            return candidate
    raise DatabaseError("the migrations folder is missing from this installation")


def alembic_config(url: URL | None = None):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    if url is not None:
        config.set_main_option("sqlalchemy.url", url.render_as_string(hide_password=False).replace("%", "%%"))
    return config


@cache
def known_revisions() -> frozenset[str]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    return frozenset(rev.revision for rev in script.walk_revisions())


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def upgrade(url: URL, revision: str = "head") -> Path | None:
    """Migrate to `revision`; returns the backup taken first (SQLite with data), if any."""
    return _run(url, "upgrade", revision)


def downgrade(url: URL, revision: str) -> None:
    _run(url, "downgrade", revision)


def _run(url: URL, direction: str, revision: str) -> Path | None:
    from alembic import command

    engine = create_db_engine(url, foreign_keys=False)
    try:
        before = current_revision(engine)
        if before is not None and before not in known_revisions():
            raise DatabaseError(f"database is at unknown revision {before} (newer claimtrack?)")
        backup = None
        if engine.dialect.name == "sqlite" and before is not None and direction == "upgrade":
            if before != head_revision():
                backup = _backup_sqlite(engine, Path(url.database or ""), before)
        with engine.begin() as conn:
            config = alembic_config(url)
            config.attributes["connection"] = conn
            getattr(command, direction)(config, revision)
        if engine.dialect.name == "sqlite":
            _check_foreign_keys(engine)
        return backup
    finally:
        engine.dispose()


def _backup_sqlite(engine, path: Path, revision: str) -> Path | None:
    if not has_tables(engine):
        return None
    from claimtrack.store.maintenance import backup_sqlite

    target = path.with_name(f"{path.name}.bak-{revision}")
    backup_sqlite(engine, target)
    return target


def _check_foreign_keys(engine) -> None:
    with engine.connect() as conn:
        problems = conn.execute(text("PRAGMA foreign_key_check")).fetchall()
    if problems:
        table, rowid, parent, _ = problems[0]
        raise DatabaseError(
            f"foreign key check failed after migrating: {len(problems)} rows, first {table} row {rowid} -> {parent}"
        )
