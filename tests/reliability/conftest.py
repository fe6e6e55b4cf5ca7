"""Fixtures of the reliability tests (helpers in `helpers.py`)."""

from __future__ import annotations

import pytest

from tests.reliability.helpers import run, write_articles


@pytest.fixture
def populated(db_url, tmp_path) -> str:
    """`db_url` holding two articles (one of them in two versions), evidence and a verdict."""
    folder = tmp_path / "seed-articles"
    write_articles(folder, 2)
    assert run(db_url, "import", str(folder)).exit_code == 0
    write_articles(folder, 1, revision=5)
    assert run(db_url, "import", str(folder / "article-0000.txt")).exit_code == 0
    added = run(db_url, "evidence", "add", "1", "https://stats.example.org/t1", "--stance", "refutes",
                "--no-fetch")
    assert added.exit_code == 0, added.stderr
    rated = run(db_url, "verdict", "set", "1", "false", "--rationale", "the table says otherwise")
    assert rated.exit_code == 0, rated.stderr
    return db_url
