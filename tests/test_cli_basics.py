"""The CLI's global contract: version, help, one-line errors and exit codes, database handling."""

from __future__ import annotations

import sqlite3

import pytest

from claimtrack.store.schema import HEAD_REVISION
from conftest import run_cli


def dump(db) -> list[str]:
    with sqlite3.connect(db) as conn:
        return list(conn.iterdump())


def test_version():
    result = run_cli("--version")
    assert result.exit_code == 0
    assert result.stdout.startswith("claimtrack ")


def test_help_lists_command_groups():
    result = run_cli("--help")
    assert result.exit_code == 0
    for name in ("db", "config"):
        assert name in result.stdout


def test_usage_error_exits_2():
    result = run_cli("db", "no-such-command")
    assert result.exit_code == 2


def test_db_upgrade_then_current_prints_head(db_url):
    assert run_cli("--db", db_url, "db", "upgrade").exit_code == 0
    result = run_cli("--db", db_url, "db", "current")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"{HEAD_REVISION} (head)"


def test_import_creates_and_migrates_a_new_database(tmp_path):
    db = tmp_path / "fresh.db"
    (tmp_path / "a.txt").write_text("据统计，2023年全国共有近2000家人工智能企业。\n", encoding="utf-8")
    result = run_cli("--db", str(db), "import", str(tmp_path / "a.txt"))
    assert result.exit_code == 0, result.stderr
    assert run_cli("--db", str(db), "db", "current").stdout.strip() == f"{HEAD_REVISION} (head)"
    assert run_cli("--db", str(db), "db", "check").exit_code == 0


def test_env_variable_selects_database(tmp_path):
    db = tmp_path / "env.db"
    result = run_cli("db", "upgrade", env={"CLAIMTRACK_DB": str(db)})
    assert result.exit_code == 0
    assert db.exists()


@pytest.mark.parametrize(
    ("db", "message"),
    [
        ("mysql://u@h/x", "Error: unsupported database 'mysql'"),
        ("postgresql://%zz@/", "Error: "),
        ("/no/such/folder/x.db", "Error: folder for the database does not exist: /no/such/folder"),
    ],
)
def test_bad_database_locations_give_one_line(db, message):
    result = run_cli("--db", db, "db", "check")
    assert result.exit_code == 1
    assert result.stderr.startswith(message)
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_unwritable_folder(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        result = run_cli("--db", str(folder / "x.db"), "db", "upgrade")
    finally:
        folder.chmod(0o700)
    import os

    if os.geteuid() == 0:  # root can write anywhere; the check is still exercised on SQLite's side
        assert result.exit_code == 0
    else:
        assert result.exit_code == 1
        assert result.stderr.startswith("Error: cannot create the database, folder is not writable")


def test_not_a_sqlite_file(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("hello, not a database\n")
    result = run_cli("--db", str(path), "db", "check")
    assert result.exit_code == 1
    assert result.stderr == f"Error: not a SQLite database: {path}\n"
    assert path.read_text() == "hello, not a database\n"


def test_database_at_unknown_revision_is_refused_and_unchanged(tmp_path):
    db = tmp_path / "future.db"
    assert run_cli("--db", str(db), "db", "upgrade").exit_code == 0
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    before = dump(db)
    result = run_cli("--db", str(db), "db", "check")
    assert result.exit_code == 1
    assert "unknown revision 9999" in result.stderr
    assert run_cli("--db", str(db), "db", "upgrade").exit_code == 1
    assert dump(db) == before


def test_foreign_database_without_revision_is_refused(tmp_path):
    db = tmp_path / "other.db"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE stuff (x)")
    result = run_cli("--db", str(db), "db", "check")
    assert result.exit_code == 1
    assert "is not a claimtrack database" in result.stderr


def test_debug_shows_traceback(tmp_path):
    result = run_cli("--debug", "--db", "mysql://x/y", "db", "check")
    assert result.exit_code == 1
    assert "Traceback" in result.stderr
    assert result.stderr.rstrip().splitlines()[-1].startswith("Error: unsupported database")
    env_result = run_cli("--db", "mysql://x/y", "db", "check", env={"CLAIMTRACK_DEBUG": "1"})
    assert "Traceback" in env_result.stderr


def test_db_backup_makes_a_usable_copy(tmp_path):
    db, copy = tmp_path / "a.db", tmp_path / "b.db"
    assert run_cli("--db", str(db), "db", "upgrade").exit_code == 0
    result = run_cli("--db", str(db), "db", "backup", str(copy))
    assert result.exit_code == 0, result.stderr
    assert run_cli("--db", str(copy), "db", "current").stdout.strip() == f"{HEAD_REVISION} (head)"


def test_db_backup_on_postgres_points_to_pg_dump(pg_url, tmp_path):
    assert run_cli("--db", pg_url, "db", "upgrade").exit_code == 0
    result = run_cli("--db", pg_url, "db", "backup", str(tmp_path / "x.db"))
    assert result.exit_code == 1
    assert result.stderr == "Error: db backup works on SQLite only; for PostgreSQL use pg_dump\n"


def test_python_dash_m_works():
    assert run_cli("--help").exit_code == 0
