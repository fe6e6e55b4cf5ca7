"""Output safety: text from articles, file names, titles, notes and fetched pages reaches the terminal with
escape sequences, control characters and bidi overrides stripped; report `--out` refuses to overwrite a
folder or to follow a symbolic link out of the folder it names."""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import given, settings, strategies as st

from tests.reliability.helpers import run, snapshot

# What must never reach a terminal from untrusted text (newline and tab are fine).
FORBIDDEN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")

HOSTILE_ARTICLE = (
    "Hostile \x1b]0;pwned\x07 report\n\n"
    "The council \x1b[2J\x1b[Hspent 4.5 million dollars\x1b[0m on 127 new \u202etsub\u202c buses in 2023, "
    "according to the \u009b31mfinance\u009b0m office. Unemployment fell by 3.2 percent \u2066last\u2069 year, "
    "the mayor said.\x08\r\n"
)
HOSTILE_NAME = "evil\x1b[2J\x1b]0;x\x07\u202ename.txt"


@pytest.fixture
def hostile_db(db_url, tmp_path):
    (tmp_path / "article.txt").write_text(HOSTILE_ARTICLE, encoding="utf-8")
    (tmp_path / HOSTILE_NAME).write_text(HOSTILE_ARTICLE.replace("council", "board"), encoding="utf-8")
    assert run(db_url, "import", str(tmp_path / "article.txt")).exit_code == 0
    named = run(db_url, "import", str(tmp_path / HOSTILE_NAME))
    assert named.exit_code == 0 and not FORBIDDEN.search(named.stdout + named.stderr)
    added = run(db_url, "evidence", "add", "2", "https://stats.example.org/t", "--stance", "refutes", "--no-fetch",
                "--note", "see \x1b[2J\x1b[31mtable\u202e 2\x07")
    assert added.exit_code == 0 and not FORBIDDEN.search(added.stdout + added.stderr)
    return db_url


COMMANDS = [
    ("articles", "list"), ("articles", "show", "1"), ("articles", "show", "2"), ("claims", "list"),
    ("claims", "show", "1"), ("claims", "show", "2"), ("search", "council"), ("search", "spent"),
    ("verdict", "history", "2"), ("audit", "log"),
]


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_untrusted_text_reaches_the_terminal_stripped(hostile_db, args):
    result = run(hostile_db, *args)
    assert result.exit_code == 0, result.stderr
    assert not FORBIDDEN.search(result.stdout), repr(FORBIDDEN.search(result.stdout))
    assert not FORBIDDEN.search(result.stderr)


def test_the_text_is_still_there_once_stripped(hostile_db):
    shown = run(hostile_db, "claims", "show", "2").stdout
    assert "spent 4.5 million dollars" in shown and "see table 2" in shown


def test_extract_output_is_stripped(tmp_path):
    (tmp_path / "a.txt").write_text(HOSTILE_ARTICLE, encoding="utf-8")
    result = run(str(tmp_path / "unused.db"), "extract", str(tmp_path / "a.txt"), "--all")
    assert result.exit_code == 0
    assert "spent 4.5 million dollars" in result.stdout and not FORBIDDEN.search(result.stdout)


def test_json_output_escapes_control_characters(hostile_db):
    result = run(hostile_db, "claims", "show", "2", "--json")
    assert result.exit_code == 0
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", result.stdout)


def test_error_lines_are_stripped_too(db_url, tmp_path):
    result = run(db_url, "import", str(tmp_path / "missing\x1b[2J\u202e.txt"))
    assert result.exit_code == 1 and not FORBIDDEN.search(result.stderr)
    shown = run(db_url, "claims", "show", "\x1b[2J")
    assert shown.exit_code == 2 and "\x1b" not in shown.stderr


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_clean_never_lets_a_control_character_through(text):
    from claimtrack.text.sanitize import clean

    cleaned = clean(text)
    assert not FORBIDDEN.search(cleaned)
    assert "\x1b" not in cleaned
    assert not FORBIDDEN.search(clean(text, newlines=False).replace("\n", ""))


# -- report --out ----------------------------------------------------------------------------------------------

@pytest.fixture
def reportable(populated):
    return populated


def test_report_refuses_to_overwrite_a_folder(reportable, tmp_path):
    target = tmp_path / "reports"
    target.mkdir()
    (target / "keep.txt").write_text("precious")
    before = snapshot(reportable)
    result = run(reportable, "report", "--format", "json", "--out", str(target))
    assert result.exit_code == 1 and result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1
    assert "folder" in result.stderr
    assert (target / "keep.txt").read_text() == "precious" and sorted(p.name for p in target.iterdir()) == ["keep.txt"]
    assert snapshot(reportable) == before


@pytest.mark.parametrize("fmt", ["json", "csv", "md", "html"])
def test_report_refuses_a_symlink_out_of_the_folder(reportable, tmp_path, fmt):
    outside = tmp_path / "outside"
    outside.mkdir()
    victim = outside / "authorized_keys"
    victim.write_text("ssh-ed25519 AAAA precious\n")
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / f"nightly.{fmt}").symlink_to(victim)
    before = snapshot(reportable)
    result = run(reportable, "report", "--format", fmt, "--out", str(folder / f"nightly.{fmt}"))
    assert result.exit_code == 1 and result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1
    assert "link" in result.stderr
    assert victim.read_text() == "ssh-ed25519 AAAA precious\n"
    assert sorted(p.name for p in folder.iterdir()) == [f"nightly.{fmt}"]  # no temp file left behind
    assert snapshot(reportable) == before


def test_report_refuses_a_dangling_symlink(reportable, tmp_path):
    (tmp_path / "r.json").symlink_to(tmp_path / "elsewhere" / "new.json")
    result = run(reportable, "report", "--format", "json", "--out", str(tmp_path / "r.json"))
    assert result.exit_code == 1 and "link" in result.stderr
    assert not (tmp_path / "elsewhere").exists()


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX links")
def test_report_into_a_regular_file_replaces_it_atomically(reportable, tmp_path):
    target = tmp_path / "r.json"
    target.write_text("old")
    result = run(reportable, "report", "--format", "json", "--out", str(target))
    assert result.exit_code == 0, result.stderr
    assert target.read_text().startswith("{") and not target.is_symlink()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("r.json")) == ["r.json"]
