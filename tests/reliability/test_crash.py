"""Crash safety: `kill -9` of an import at random moments leaves a database that passes `db check`, and
re-running the import completes it with no duplicate article versions, claims or mentions.

Each iteration starts a real `claimtrack import` process, waits until it has committed at least one new
article version (so the kill lands while it is writing, not during Python's start-up), sleeps a seeded
random delay and sends SIGKILL. Delays are seeded, so a failure can be replayed with the same seed.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter

import pytest
from sqlalchemy import text

from tests.reliability.helpers import article_text, engine_for, run, write_articles

ARTICLES = 60  # to start with; the night grows by BATCH whenever the killed imports have nearly caught up
BATCH = 20
ITERATIONS = int(os.environ.get("CLAIMTRACK_CRASH_ITERATIONS", "20"))
# A killed PostgreSQL client is rolled back by the server, so fewer kills say as much there (suite time).
PG_ITERATIONS = int(os.environ.get("CLAIMTRACK_CRASH_ITERATIONS_PG", "8"))
SEED = int(os.environ.get("CLAIMTRACK_CRASH_SEED", "20240917"))


def scalar(db_url: str, sql: str) -> int:
    engine = engine_for(db_url)
    try:
        with engine.connect() as conn:
            return conn.execute(text(sql)).scalar() or 0
    finally:
        engine.dispose()


def start_import(db_url: str, folder) -> subprocess.Popen:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.Popen([sys.executable, "-m", "claimtrack", "--db", db_url, "import", str(folder)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)


def kill_while_writing(db_url: str, folder, delay: float) -> bool:
    """Start an import, let it commit one version, wait `delay`, SIGKILL it; True if it was still running."""
    before = scalar(db_url, "SELECT count(*) FROM article_version")
    process = start_import(db_url, folder)
    deadline = time.monotonic() + 60
    while process.poll() is None and time.monotonic() < deadline:
        if scalar(db_url, "SELECT count(*) FROM article_version") > before:
            break
        time.sleep(0.02)
    time.sleep(delay)
    alive = process.poll() is None
    if alive:
        os.kill(process.pid, signal.SIGKILL)
    process.wait(30)
    return alive


def expected_mentions(total: int) -> dict[str, int]:
    """Check-worthy sentences per article, from the pure text core (what a clean import stores)."""
    from claimtrack.config import Settings
    from claimtrack.text import analyze

    threshold = Settings().detect_threshold
    return {f"article-{i:04d}.txt": sum(s.check_worthy for s in analyze(article_text(i), "en", threshold))
            for i in range(total)}


@pytest.mark.slow
def test_kill_9_during_import_never_damages_the_database(db_url, tmp_path):
    folder = tmp_path / "nightly"
    write_articles(folder, ARTICLES)
    assert run(db_url, "db", "upgrade").exit_code == 0
    rng = random.Random(SEED)
    killed, iterations, total = 0, PG_ITERATIONS if "://" in db_url else ITERATIONS, ARTICLES
    for iteration in range(iterations):
        if scalar(db_url, "SELECT count(*) FROM article_version") > total - BATCH:
            write_articles(folder, BATCH, start=total)  # keep the import busy: there is always work left
            total += BATCH
        killed += kill_while_writing(db_url, folder, rng.uniform(0.0, 0.5))
        check = run(db_url, "db", "check")
        assert check.exit_code == 0, f"iteration {iteration} (seed {SEED}): {check.stdout}{check.stderr}"
    assert killed >= iterations // 2, f"only {killed} of {iterations} kills landed while importing"
    print(f"\ncrash loop ({'postgresql' if '://' in db_url else 'sqlite'}): {iterations} iterations, {killed} killed mid-import, "
          f"{scalar(db_url, 'SELECT count(*) FROM article_version')} of {total} versions stored by then")

    finished = run(db_url, "import", str(folder))
    assert finished.exit_code == 0, finished.stderr
    assert_complete_without_duplicates(db_url, total)
    assert run(db_url, "db", "check").exit_code == 0
    assert run(db_url, "audit", "verify").exit_code == 0


def assert_complete_without_duplicates(db_url: str, total: int) -> None:
    engine = engine_for(db_url)
    with engine.connect() as conn:
        versions = conn.execute(text(
            "SELECT a.source, v.number, v.raw_sha256 FROM article a JOIN article_version v ON v.article_id = a.id"
        )).all()
        mentions = Counter(dict(conn.execute(text(
            "SELECT a.source, count(m.id) FROM article a JOIN article_version v ON v.article_id = a.id "
            "LEFT JOIN mention m ON m.version_id = v.id GROUP BY a.source")).all()))
        spans = conn.execute(text("SELECT version_id, span_start, span_end, count(*) FROM mention "
                                  "GROUP BY version_id, span_start, span_end HAVING count(*) > 1")).all()
        claims = conn.execute(text("SELECT normalized, count(*) FROM claim GROUP BY normalized "
                                   "HAVING count(*) > 1")).all()
        unused = conn.execute(text("SELECT count(*) FROM claim WHERE id NOT IN (SELECT claim_id FROM mention)")
                              ).scalar()
    engine.dispose()
    assert len(versions) == total, "every article stored exactly once"
    assert {number for _, number, _ in versions} == {1}, "no article got a second (duplicate) version"
    assert len({sha for _, _, sha in versions}) == total
    expected = expected_mentions(total)
    assert {source.rsplit("/", 1)[-1]: n for source, n in mentions.items()} == expected
    assert spans == [] and claims == [] and unused == 0
