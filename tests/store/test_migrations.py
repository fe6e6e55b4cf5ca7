"""Alembic owns the schema: one head, round trips on both databases, no drift, the code knows the head."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, inspect, text

from claimtrack.store.db import create_db_engine, current_revision, resolve_url
from claimtrack.store.migrate import alembic_config, downgrade, head_revision, known_revisions, upgrade
from claimtrack.store.schema import HEAD_REVISION


def test_single_head_and_code_knows_it():
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    assert script.get_heads() == [HEAD_REVISION]
    assert head_revision() == HEAD_REVISION
    assert HEAD_REVISION in known_revisions()


def test_every_revision_has_a_docstring_saying_why():
    from alembic.script import ScriptDirectory

    for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions():
        assert rev.module.__doc__ and len(rev.module.__doc__.strip().splitlines()[0]) > 10, rev.revision


def test_upgrade_downgrade_upgrade(db_url):
    url = resolve_url(db_url)
    upgrade(url)
    downgrade(url, "base")
    engine = create_db_engine(url)
    with engine.connect() as conn:
        assert set(inspect(conn).get_table_names()) <= {"alembic_version"}
    upgrade(url)
    assert current_revision(engine) == HEAD_REVISION
    engine.dispose()


def test_models_and_migrations_do_not_drift(db_url):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from claimtrack.store.models import Base, include_name

    url = resolve_url(db_url)
    upgrade(url)
    engine = create_db_engine(url)
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True, "include_name": include_name})
        diff = compare_metadata(context, Base.metadata)
    engine.dispose()
    assert diff == []


def test_default_rating_scale_is_seeded(store):
    with store.read() as session:
        names = set(session.scalars(text("SELECT name FROM rating")))
    assert {"true", "false", "half-true", "misleading", "unverifiable"} <= names


def test_sqlite_connections_use_wal_foreign_keys_and_busy_timeout(sqlite_url):
    engine = create_db_engine(resolve_url(sqlite_url))
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
    engine.dispose()


def test_upgrade_refuses_unknown_revision(sqlite_url):
    from claimtrack.errors import DatabaseError

    url = resolve_url(sqlite_url)
    upgrade(url)
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'ffff9999'"))
    engine.dispose()
    with pytest.raises(DatabaseError, match="unknown revision ffff9999"):
        upgrade(url)


def test_version_keys_migrate_down_and_up_with_data(context, db_url, tmp_path):
    """0012 adds `version_key` beside existing articles; down drops only it; up again, reindex refills it."""
    from sqlalchemy import func, select

    from claimtrack.ingest.factchecks import reindex
    from claimtrack.ingest.importer import import_sources
    from claimtrack.store.models import ArticleVersion, VersionKey

    path = tmp_path / "a.txt"
    path.write_text("網傳：吃大蒜可以預防新冠肺炎。\n\n全市已開通無人機航線超過250條。\n", encoding="utf-8")
    import_sources(context, [str(path)])
    store = context.creating_store()
    with store.read() as session:
        versions = session.scalar(select(func.count(ArticleVersion.id)))
        indexed = session.scalar(select(func.count()).select_from(VersionKey))
    assert versions == 1 and indexed > 0
    url = resolve_url(db_url)
    store.dispose()
    downgrade(url, "0011")
    engine = create_db_engine(url)
    with engine.connect() as conn:
        assert "version_key" not in inspect(conn).get_table_names()
        assert conn.scalar(text("SELECT count(*) FROM article_version")) == 1
    engine.dispose()
    upgrade(url)
    fresh = context.creating_store()
    assert reindex(fresh, actor="alice")["version_keys"] == indexed
    with fresh.read() as session:
        assert session.scalar(select(func.count()).select_from(VersionKey)) == indexed
