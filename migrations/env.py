"""Alembic environment for claimtrack.

claimtrack runs migrations from code (`claimtrack db upgrade`), handing a connection in through
`config.attributes["connection"]`; the `alembic` command line (from a checkout, with alembic.ini) builds
one from `sqlalchemy.url` or CLAIMTRACK_DB instead.
"""

from __future__ import annotations

import os

from alembic import context

from claimtrack.store.models import Base, include_name

config = context.config
target_metadata = Base.metadata


def run_with(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite cannot ALTER most things: batch mode rebuilds the table instead ("move and copy").
        render_as_batch=connection.dialect.name == "sqlite",
        # Catch type changes too, so that autogenerate's drift check is strict.
        compare_type=True,
        # The search index (FTS5 tables, pg_trgm indexes) is raw SQL in revision 0002, not in the models.
        include_name=include_name,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        run_with(connection)
        return
    from claimtrack.store.engine import create_db_engine, resolve_url

    url = config.get_main_option("sqlalchemy.url") or os.environ.get("CLAIMTRACK_DB", "claims.db")
    # Foreign keys off while migrating: batch mode rebuilds parent tables.
    engine = create_db_engine(resolve_url(url), foreign_keys=False)
    with engine.begin() as conn:
        run_with(conn)
    engine.dispose()


if context.is_offline_mode():
    raise SystemExit("claimtrack migrations run online only (claimtrack db upgrade)")
run_online()
