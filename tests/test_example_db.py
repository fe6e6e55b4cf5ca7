"""claims.db.example is a real database at head, and its script rebuilds it row for row."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

from claimtrack.store.schema import HEAD_REVISION
from conftest import REPO, run_cli

EXAMPLE = REPO / "claims.db.example"


def dump(path) -> list[str]:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        return list(conn.iterdump())


def test_example_is_at_head_and_verifies(tmp_path):
    copy = tmp_path / "example.db"
    copy.write_bytes(EXAMPLE.read_bytes())
    assert run_cli("--db", str(copy), "db", "current").stdout.strip() == f"{HEAD_REVISION} (head)"
    check = run_cli("--db", str(copy), "db", "check")
    assert check.exit_code == 0, check.stdout + check.stderr
    statuses = run_cli("--db", str(copy), "claims", "list", "--limit", "100", "--json")
    assert {"approved", "rated", "dismissed", "unreviewed"} <= {c["status"] for c in __import__("json").loads(
        statuses.stdout)}


def test_script_rebuilds_the_same_contents(tmp_path):
    rebuilt = tmp_path / "rebuilt.db"
    subprocess.run([sys.executable, str(REPO / "scripts" / "build_example_db.py"), str(rebuilt)], check=True,
                   capture_output=True)
    assert dump(rebuilt) == dump(EXAMPLE), "run `python scripts/build_example_db.py` and commit the result"
