"""`db check` exits 1 and names the problem for each kind of damage done behind the application's back."""

from __future__ import annotations

from sqlalchemy import text

from tests.reliability.helpers import run


def damage(db_url: str, *statements: str) -> None:
    """Run raw SQL with foreign keys not enforced (SQLite pragma off; PostgreSQL replica role)."""
    from claimtrack.store.db import create_db_engine, resolve_url

    engine = create_db_engine(resolve_url(db_url), foreign_keys=False)
    try:
        with engine.begin() as conn:
            if engine.dialect.name == "postgresql":
                conn.execute(text("SET LOCAL session_replication_role = replica"))
            for statement in statements:
                conn.execute(text(statement))
    finally:
        engine.dispose()


def check(db_url: str):
    result = run(db_url, "db", "check")
    sections = dict(line.split(": ", 1) for line in result.stdout.splitlines() if not line.startswith("  "))
    return result, sections


def test_an_undamaged_database_passes(populated):
    result, sections = check(populated)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert set(sections) == {"integrity", "foreign keys", "versions", "spans", "audit chain", "claim caches"}
    assert set(sections.values()) == {"ok"}
    assert result.stderr == ""


def test_broken_span_is_named(populated):
    damage(populated, "UPDATE mention SET span_start = span_start + 1 WHERE id = 2")
    result, sections = check(populated)
    assert result.exit_code == 1
    assert sections["spans"] == "1 problem(s)"
    assert "  - mention 2: version " in result.stdout and "is not its quote" in result.stdout
    assert result.stderr.startswith("Error: db check found ") and result.stderr.count("\n") == 1


def test_broken_chain_link_is_named(populated):
    damage(populated, "UPDATE event SET prev_hash = '" + "ab" * 32 + "' WHERE id = 5")
    result, sections = check(populated)
    assert result.exit_code == 1
    assert sections["audit chain"] == "1 problem(s)"
    assert "  - event 5 does not follow event 4 (prev_hash mismatch)" in result.stdout.splitlines()
    assert "Error: db check found 1 problem(s): audit chain: event 5 does not follow event 4" in result.stderr


def test_deleted_event_is_named(populated):
    damage(populated, "DELETE FROM event WHERE id = 7")
    result, sections = check(populated)
    assert result.exit_code == 1
    assert "  - event 7 is missing (next is 8)" in result.stdout.splitlines()


def test_missing_article_version_is_named(populated):
    damage(populated, "DELETE FROM article_version WHERE article_id = 1 AND number = 1")
    result, sections = check(populated)
    assert result.exit_code == 1
    assert sections["versions"] == "1 problem(s)"
    assert "  - article 1 has 1 version(s) but numbers up to 2" in result.stdout.splitlines()
    # its mentions now point at nothing: named as foreign-key damage, and the audit chain sees the row gone
    assert "points at a missing article_version" in result.stdout
    assert sections["audit chain"] == "1 problem(s)"


def test_article_without_any_version_is_named(populated):
    damage(populated, "INSERT INTO article (id, source, created_at, created_by) "
                      "VALUES (99, '/nowhere.txt', '2024-01-01 00:00:00', 'mallory')")
    result, sections = check(populated)
    assert result.exit_code == 1
    assert "  - article 99 has no version" in result.stdout.splitlines()


def test_foreign_key_violation_is_named(populated):
    damage(populated, "UPDATE evidence SET claim_id = 9999 WHERE id = 1")
    result, sections = check(populated)
    assert result.exit_code == 1
    assert sections["foreign keys"] == "1 problem(s)"
    assert "  - evidence 1: claim_id = 9999 points at a missing claim" in result.stdout.splitlines()
    assert "evidence 1 recorded by event" in result.stdout and "was changed" in result.stdout


def test_stale_claim_cache_is_named(populated):
    damage(populated, "UPDATE claim SET rating = 'true' WHERE id = 1")
    result, sections = check(populated)
    assert result.exit_code == 1
    assert sections["claim caches"] == "1 problem(s)"
    assert "claim 1: cached rated/true, derived rated/false" in result.stdout


def test_json_names_every_section(populated):
    damage(populated, "UPDATE evidence SET claim_id = 9999 WHERE id = 1")
    result = run(populated, "db", "check", "--json")
    assert result.exit_code == 1
    import json

    data = json.loads(result.stdout)
    assert data["ok"] is False
    assert data["problems"]["foreign keys"] == ["evidence 1: claim_id = 9999 points at a missing claim"]


def test_corrupt_sqlite_file_is_refused_or_named(sqlite_url):
    """A file whose pages are garbage: one `Error:` line, never a traceback."""
    from pathlib import Path

    assert run(sqlite_url, "db", "upgrade").exit_code == 0
    path = Path(sqlite_url)
    data = bytearray(path.read_bytes())
    for i in range(4096, min(len(data), 4096 * 6)):
        data[i] = (data[i] * 7 + 13) % 256
    path.write_bytes(bytes(data))
    result = run(sqlite_url, "db", "check")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr
