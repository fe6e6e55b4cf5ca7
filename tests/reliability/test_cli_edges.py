"""The CLI edge under hostile plumbing: a reader that goes away (`| head`), an unusable stdout, a database
path that is not a database. One `Error:` line or a quiet exit, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import REPO, run_cli
from tests.reliability.helpers import article_text


def test_closed_pipe_exits_quietly(tmp_path):
    page = tmp_path / "big.txt"
    page.write_text("".join(article_text(i) for i in range(120)), encoding="utf-8")
    reader, writer = os.pipe()
    os.close(reader)  # the `head` that already left
    done = subprocess.run([sys.executable, "-m", "claimtrack", "extract", str(page), "--all", "--json"],
                          stdout=writer, stderr=subprocess.PIPE, cwd=REPO, timeout=120)
    os.close(writer)
    assert done.returncode == 141
    assert done.stderr == b""


def test_unusable_stdout_is_one_error_line():
    done = subprocess.run([sys.executable, "-m", "claimtrack", "--version"],
                          stdout=os.open(os.devnull, os.O_RDONLY), stderr=subprocess.PIPE, timeout=60)
    assert done.returncode == 1
    assert done.stderr.decode().startswith("Error: ") and done.stderr.count(b"\n") == 1


def test_a_file_that_is_not_a_database_is_refused(tmp_path):
    fake = tmp_path / "claims.db"
    fake.write_bytes(b"MZ\x90\x00 definitely not sqlite")
    result = run_cli("claims", "list", db=str(fake))
    assert result.exit_code == 1
    assert result.stderr == f"Error: not a SQLite database: {fake}\n"


def test_a_truncated_database_is_refused(tmp_path):
    path = tmp_path / "claims.db"
    assert run_cli("db", "upgrade", db=str(path)).exit_code == 0
    path.write_bytes(path.read_bytes()[:1500])
    result = run_cli("claims", "list", db=str(path))
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr
