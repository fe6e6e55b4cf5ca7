"""Fixtures of the reliability tests (helpers in `helpers.py`)."""

from __future__ import annotations

import uuid

import pytest

from tests.conftest import PG_URL, require_pg
from tests.reliability.helpers import populate


@pytest.fixture
def populated(db_url, tmp_path) -> str:
    """`db_url` holding two articles (one of them in two versions), evidence and a verdict."""
    return populate(db_url, tmp_path / "seed-articles")


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def shared_db(request, tmp_path_factory):
    """A populated database shared by a module's tests (each of which must leave it unchanged)."""
    folder = tmp_path_factory.mktemp("shared")
    if request.param == "sqlite":
        yield populate(str(folder / "claims.db"), folder / "articles")
        return
    require_pg()
    from sqlalchemy import create_engine, text

    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in PG_URL else "?"
    yield populate(f"{PG_URL}{sep}options=-csearch_path%3D{schema}", folder / "articles")
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()
