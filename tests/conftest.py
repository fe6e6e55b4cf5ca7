"""Shared fixtures. Each test gets its own database; `db_url` runs a test on SQLite and on PostgreSQL.

PostgreSQL: CLAIMTRACK_TEST_PG (default postgresql+psycopg://postgres@127.0.0.1:5432/test). Each test gets a
schema of its own (dropped afterwards), selected through the URL's search_path so that subprocesses share
it. Without a server the PostgreSQL variants skip with the reason; with CI=true they fail instead.
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

PG_URL = os.environ.get("CLAIMTRACK_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
REPO = Path(__file__).resolve().parent.parent
# The seed article (a Chinese commentary that holds itself twice), copied from shared/seeds so that a fresh
# clone tests without anything beside it.
SEED = REPO / "tests" / "data" / "seed_000_6cc3342621404e45.txt"


@cache
def pg_unavailable() -> str | None:
    """Why PostgreSQL cannot be used (None when it can)."""
    from sqlalchemy import create_engine, text

    try:
        engine = create_engine(PG_URL, connect_args={"connect_timeout": 3})
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
    except Exception as exc:  # noqa: BLE001 - any failure means "not here"
        return f"PostgreSQL not reachable at {PG_URL}: {str(exc).splitlines()[0]}"
    return None


def require_pg() -> None:
    reason = pg_unavailable()
    if reason is None:
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true requires PostgreSQL: {reason}")
    pytest.skip(reason)


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A PostgreSQL URL whose search_path is a fresh, empty schema."""
    require_pg()
    from sqlalchemy import create_engine, text

    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in PG_URL else "?"
    yield f"{PG_URL}{sep}options=-csearch_path%3D{schema}"
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request, tmp_path) -> str:
    """A database for one test: a SQLite file, or a PostgreSQL schema."""
    if request.param == "sqlite":
        return str(tmp_path / "claims.db")
    return request.getfixturevalue("pg_url")


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    return str(tmp_path / "claims.db")


@pytest.fixture(autouse=True)
def isolated_env(tmp_path, monkeypatch):
    """No test reads the developer's config, database or identity."""
    monkeypatch.setenv("CLAIMTRACK_CONFIG", str(tmp_path / "no-such-config.toml"))
    for name in ("CLAIMTRACK_DB", "CLAIMTRACK_REVIEWER", "CLAIMTRACK_DEBUG", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    # Tests act as several reviewers (--reviewer alice / bob) from one OS account: a single-user database.
    monkeypatch.setenv("CLAIMTRACK_REVIEW_SINGLE_USER", "true")
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def settings(db_url):
    from claimtrack.config import Settings

    return Settings(db=db_url, reviewer="alice", review_single_user=True)


@pytest.fixture
def context(settings):
    from claimtrack.context import AppContext

    ctx = AppContext(settings)
    yield ctx
    ctx.close()


@pytest.fixture
def store(context):
    """The test's database, open and migrated (created here: commands refuse a missing one)."""
    return context.creating_store()


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str


def run_cli(*args: str, db: str | None = None, input: str | bytes | None = None,
            env: dict[str, str] | None = None, cwd: Path | None = None, timeout: float = 120) -> Result:
    """Run `python -m claimtrack` as a real process (what a user or cron runs)."""
    full_env = {**os.environ, "NO_COLOR": "1", **(env or {})}
    argv = [sys.executable, "-m", "claimtrack", *(["--db", db] if db else []), *args]
    data = input.encode("utf-8") if isinstance(input, str) else input
    done = subprocess.run(argv, input=data, capture_output=True, env=full_env, cwd=cwd, timeout=timeout)
    return Result(done.returncode, done.stdout.decode("utf-8", "replace"), done.stderr.decode("utf-8", "replace"))


@pytest.fixture
def cli(db_url):
    """Run the CLI in a subprocess against the test's database."""

    def run(*args: str, **kwargs) -> Result:
        return run_cli(*args, db=db_url, **kwargs)

    return run


def invoke(*args: str, context=None, input: str | None = None) -> Result:
    """Run the CLI in-process (fast); pass `context` to inject settings or a mock HTTP transport."""
    from typer.testing import CliRunner

    from claimtrack.cli.app import app

    result = CliRunner().invoke(app, list(args), obj=context, input=input)
    return Result(result.exit_code, result.stdout, result.stderr)
