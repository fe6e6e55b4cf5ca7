"""Who is acting: the PostgreSQL session user (enforced by the database), else the OS account from the uid.

PostgreSQL: two login roles, members of `claimtrack_reviewer` (migration 0005). Alice cannot approve her own
verdict with any flag or variable, nor by SQL, and cannot UPDATE or DELETE a verdict or an event.
SQLite: `--reviewer` naming someone else is refused unless the database is declared single-user; every event
records the OS account; approvals by the verdict's own account are marked by `audit verify` and reports.
"""

from __future__ import annotations

import json
import uuid

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError

from tests.conftest import PG_URL, run_cli
from tests.reliability.helpers import write_articles


@pytest.fixture
def reviewers(pg_url):
    """(admin url, alice's url, bob's url, alice, bob): two login roles on the test server, removed after."""
    suffix = uuid.uuid4().hex[:8]
    alice, bob = f"alice_{suffix}", f"bob_{suffix}"
    assert run_cli("db", "upgrade", db=pg_url).exit_code == 0  # creates claimtrack_reviewer and its grants
    admin = create_engine(PG_URL)
    with admin.begin() as conn:
        for name in (alice, bob):
            conn.execute(text(f"CREATE ROLE {name} LOGIN IN ROLE claimtrack_reviewer"))
    as_user = {name: pg_url.replace("://postgres@", f"://{name}@", 1) for name in (alice, bob)}
    yield pg_url, as_user[alice], as_user[bob], alice, bob
    with admin.begin() as conn:
        for name in (alice, bob):
            conn.execute(text(f"DROP OWNED BY {name}"))
            conn.execute(text(f"DROP ROLE {name}"))
    admin.dispose()


def sql(url: str, statement: str) -> None:
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(text(statement))
    finally:
        engine.dispose()


@pytest.mark.postgres
def test_postgres_session_user_is_the_reviewer(reviewers, tmp_path):
    admin_url, alice_url, bob_url, alice, bob = reviewers
    write_articles(tmp_path / "a", 1)
    assert run_cli("import", str(tmp_path / "a"), db=admin_url).exit_code == 0
    single = {"CLAIMTRACK_REVIEW_SINGLE_USER": "false"}
    added = run_cli("evidence", "add", "1", "https://stats.example.org/t", "--stance", "refutes", "--no-fetch",
                    db=alice_url, env=single)
    assert added.exit_code == 0, added.stderr
    rated = run_cli("verdict", "set", "1", "false", "--rationale", "the table says otherwise", db=alice_url, env=single)
    assert rated.exit_code == 0, rated.stderr
    history = json.loads(run_cli("verdict", "history", "1", "--json", db=alice_url).stdout)
    assert history[0]["reviewer"] == alice

    # no flag, variable or configuration makes alice anyone else
    for args, env in ((("--reviewer", bob), {}), ((), {"CLAIMTRACK_REVIEWER": bob}),
                      ((), {"LOGNAME": bob, "USER": bob}), (("--reviewer", bob), {"CLAIMTRACK_REVIEW_SINGLE_USER": "true"})):
        tried = run_cli(*args, "verdict", "approve", "1", db=alice_url, env=env)
        assert tried.exit_code == 1, (args, env, tried.stdout)
        assert tried.stderr.startswith("Error: ") and tried.stderr.count("\n") == 1
    own = run_cli("verdict", "approve", "1", db=alice_url)
    assert own.exit_code == 1 and "approval needs a second reviewer" in own.stderr

    # nor does SQL: the database stamps the session user and refuses the author's approval
    with pytest.raises(DBAPIError, match="approval needs a second reviewer"):
        sql(alice_url, f"INSERT INTO approval (verdict_id, reviewer, created_at) VALUES (1, '{bob}', now())")
    with pytest.raises(DBAPIError, match="permission denied"):
        sql(alice_url, "UPDATE verdict SET rationale = 'it is all true' WHERE id = 1")
    with pytest.raises(DBAPIError, match="permission denied"):
        sql(alice_url, "DELETE FROM verdict WHERE id = 1")
    with pytest.raises(DBAPIError, match="permission denied"):
        sql(alice_url, "DELETE FROM event")
    with pytest.raises(DBAPIError, match="session user is"):
        sql(alice_url, "INSERT INTO event (id, created_at, actor, action, entity, payload, prev_hash, hash) "
                       f"VALUES (999, now(), '{bob}', 'x', '', '{{}}', 'x', 'x')")

    approved = run_cli("verdict", "approve", "1", db=bob_url)
    assert approved.exit_code == 0, approved.stderr
    assert approved.stdout.strip().endswith(f"approved by {bob}")
    verified = json.loads(run_cli("audit", "verify", "--json", db=admin_url).stdout)
    assert verified["ok"] and verified["self_approved"] == []


def test_sqlite_declared_reviewer_needs_single_user(sqlite_url, tmp_path):
    from claimtrack.store.audit import os_account

    write_articles(tmp_path / "a", 1)
    off = {"CLAIMTRACK_REVIEW_SINGLE_USER": "false"}
    assert run_cli("import", str(tmp_path / "a"), db=sqlite_url, env=off).exit_code == 0
    for args, env in ((("--reviewer", "bob"), off), ((), {**off, "CLAIMTRACK_REVIEWER": "bob"})):
        refused = run_cli(*args, "claims", "dismiss", "2", "--reason", "opinion", db=sqlite_url, env=env)
        assert refused.exit_code == 1 and "single_user = true" in refused.stderr, refused.stderr
    # LOGNAME and USER are anyone's to set: the account comes from the uid
    dismissed = run_cli("claims", "dismiss", "2", "--reason", "opinion", db=sqlite_url,
                        env={**off, "LOGNAME": "bob", "USER": "bob"})
    assert dismissed.exit_code == 0, dismissed.stderr
    events = json.loads(run_cli("audit", "log", "--json", db=sqlite_url).stdout)
    assert {e["payload"]["account"] for e in events} == {os_account()}
    assert events[-1]["actor"] == os_account()


def test_sqlite_same_account_approval_is_marked(sqlite_url, tmp_path):
    write_articles(tmp_path / "a", 1)
    assert run_cli("import", str(tmp_path / "a"), db=sqlite_url).exit_code == 0
    assert run_cli("evidence", "add", "1", "https://e.example.org/", "--no-fetch", "--stance", "refutes",
                   db=sqlite_url).exit_code == 0
    assert run_cli("--reviewer", "alice", "verdict", "set", "1", "false", "--rationale", "no",
                   db=sqlite_url).exit_code == 0
    for name in ("ALICE", "alice ", "ali\u200bce", "\uff41lice"):  # fullwidth a: NFKC
        same = run_cli("--reviewer", name, "verdict", "approve", "1", db=sqlite_url)
        assert same.exit_code == 1 and "second reviewer" in same.stderr, (name, same.stderr)
    assert run_cli("--reviewer", "bob", "verdict", "approve", "1", db=sqlite_url).exit_code == 0
    verified = run_cli("audit", "verify", db=sqlite_url)
    assert verified.exit_code == 0
    assert "warning: approval 1 was written by the account that wrote its verdict" in verified.stdout
    report = json.loads(run_cli("report", "--format", "json", "--out", "-", db=sqlite_url).stdout)
    assert report["about"]["integrity"]["audit_verify"]["self_approved"] == [1]
