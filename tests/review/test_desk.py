"""A working day's CLI: read commands never create a database, listings say when they are empty or cut,
and a dismissed claim can be restored (append-only, audited) with `claims show` telling who, when and why."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, select

from claimtrack.store.models import Dismissal, Event, Restoration
from tests.conftest import invoke

READ_COMMANDS = [
    ("claims", "list"), ("claims", "show", "1"), ("articles", "list"), ("articles", "show", "1"),
    ("search", "企业"), ("verdict", "history", "1"), ("audit", "verify"), ("audit", "log"),
    ("report", "--format", "json", "--out", "r.json"), ("db", "check"), ("claims", "list", "--json"),
]


def _tables(db_url: str) -> list[str]:
    from claimtrack.store.db import resolve_url

    engine = create_engine(resolve_url(db_url))
    try:
        return inspect(engine).get_table_names()
    finally:
        engine.dispose()


@pytest.mark.parametrize("command", READ_COMMANDS, ids=" ".join)
def test_a_read_command_on_a_missing_database_fails_and_creates_nothing(db_url, tmp_path, command):
    result = invoke("--db", db_url, *command)
    assert result.exit_code == 1, result.stdout
    where = db_url if not db_url.startswith("postgresql") else db_url.split("?")[0]
    assert result.stderr.startswith(f"Error: no database at {where}"), result.stderr
    assert result.stderr.endswith("; run claimtrack db upgrade to create one\n")
    assert len(result.stderr.splitlines()) == 1
    if db_url.startswith("postgresql"):
        assert _tables(db_url) == []
    else:
        assert not Path(db_url).exists()
    assert not (tmp_path / "r.json").exists()


def test_the_message_names_the_path_as_typed(tmp_path):
    result = invoke("--db", "claim.db", "claims", "list")
    assert result.stderr == "Error: no database at claim.db; run claimtrack db upgrade to create one\n"
    assert not (tmp_path / "claim.db").exists()


def test_import_and_db_upgrade_still_create_one(db_url, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("据统计，2023年全国共有近2000家人工智能企业。\n", encoding="utf-8")
    assert invoke("--db", db_url, "import", str(article)).exit_code == 0
    assert invoke("--db", db_url, "claims", "list").exit_code == 0
    other = str(tmp_path / "other.db") if not db_url.startswith("postgresql") else None
    if other:
        assert invoke("--db", other, "db", "upgrade").exit_code == 0
        assert invoke("--db", other, "claims", "list").exit_code == 0


@pytest.mark.parametrize(("command", "message"), [
    (("claims", "list"), "no claims yet"), (("claims", "list", "--json"), "no claims yet"),
    (("claims", "list", "--status", "rated"), "no claims match"),
    (("articles", "list"), "no articles yet"), (("articles", "list", "--json"), "no articles yet"),
])
def test_empty_listings_say_so_on_stderr(store, db_url, command, message):
    result = invoke("--db", db_url, *command)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith(message)
    assert result.stdout in ("", "[]\n")


def test_a_cut_listing_says_how_many_it_shows(store, seeded, db_url):
    result = invoke("--db", db_url, "claims", "list", "--limit", "2")
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 3  # the header and two rows
    assert result.stderr == "2 of 3 shown (--limit)\n"
    assert len(invoke("--db", db_url, "claims", "list", "--limit", "2", "--no-header").stdout.splitlines()) == 2
    result = invoke("--db", db_url, "claims", "list", "--limit", "2", "--json")
    assert len(json.loads(result.stdout)) == 2
    assert result.stderr == "2 of 3 shown (--limit)\n"
    result = invoke("--db", db_url, "claims", "list", "--limit", "2", "--offset", "2")
    assert result.stderr == "1 of 3 shown, from 3 (--offset) (--limit)\n"
    result = invoke("--db", db_url, "claims", "list", "--limit", "3")
    assert result.stderr == ""


def test_restore_brings_a_dismissed_claim_back_append_only_and_audited(store, seeded, db_url):
    firms = seeded.claims["firms"]
    assert invoke("--db", db_url, "--reviewer", "alice", "claims", "dismiss", str(firms),
                  "--reason", "opinion").exit_code == 0
    result = invoke("--db", db_url, "--reviewer", "bob", "claims", "restore", str(firms), "--reason", "a figure",
                    "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["reviewer"] == "bob"
    view = json.loads(invoke("--db", db_url, "claims", "show", str(firms), "--json").stdout)
    assert view["status"] == "unreviewed"
    (d,) = view["dismissals"]
    assert (d["reviewer"], d["reason"], d["restored"]["reviewer"], d["restored"]["reason"]) == (
        "alice", "opinion", "bob", "a figure")
    shown = invoke("--db", db_url, "claims", "show", str(firms)).stdout
    assert "dismissals:" in shown and "by alice at" in shown and "opinion; restored by bob at" in shown
    # a second restore has nothing to undo; a new dismissal can be restored again
    again = invoke("--db", db_url, "claims", "restore", str(firms), "--reason", "x")
    assert again.exit_code == 1 and again.stderr.startswith("Error: claim") and "not dismissed" in again.stderr
    assert invoke("--db", db_url, "claims", "dismiss", str(firms), "--reason", "duplicate").exit_code == 0
    assert json.loads(invoke("--db", db_url, "claims", "show", str(firms), "--json").stdout)["status"] == "dismissed"
    assert invoke("--db", db_url, "claims", "restore", str(firms), "--reason", "no, distinct").exit_code == 0
    with store.read() as session:
        assert len(session.scalars(select(Dismissal)).all()) == 2  # nothing deleted
        assert len(session.scalars(select(Restoration)).all()) == 2
        actions = [e.action for e in session.scalars(select(Event).order_by(Event.id))]
    assert actions.count("claim.restore") == 2
    assert invoke("--db", db_url, "audit", "verify").exit_code == 0
    log = json.loads(invoke("--db", db_url, "audit", "log", "--claim", str(firms), "--json").stdout)
    assert [e["action"] for e in log if e["action"].startswith("claim.")][-4:] == [
        "claim.dismiss", "claim.restore", "claim.dismiss", "claim.restore"]
    assert invoke("--db", db_url, "db", "check").exit_code == 0


def test_restore_needs_a_reason_and_leaves_no_trace_without(store, seeded, db_url):
    firms = seeded.claims["firms"]
    invoke("--db", db_url, "claims", "dismiss", str(firms), "--reason", "opinion")
    result = invoke("--db", db_url, "claims", "restore", str(firms))
    assert (result.exit_code, result.stderr) == (1, "Error: a reason is required (--reason)\n")
    with store.read() as session:
        assert session.scalars(select(Restoration)).all() == []


def test_an_empty_audit_log_says_so(store, db_url):
    result = invoke("--db", db_url, "audit", "log", "--json")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "[]\n", "no audit events\n")
