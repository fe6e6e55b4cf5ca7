"""No rich markup is ever interpreted from data, and single-line fields never carry a newline to the output.

Article text, titles, notes, rationales and reviewer names all hold `[link=https://evil.example]click[/link]`,
`[/x]` and `[bold]` (and `:smile:`, an emoji code): every printing command must show them verbatim, both as
plain lines (a pipe) and as drawn at a terminal with rich (`render.interactive()` forced on). `[/x]` used to
make `claims list` at a terminal fail with an internal error; `[link=…]` became a clickable hyperlink.

A reviewer name with a newline in it must not forge an output line (`#9 true by mallory …`).
"""

from __future__ import annotations

import pytest

from claimtrack.cli import render
from tests.reliability.helpers import run

MARK = "[link=https://evil.example]click[/link] [/x] [bold] :smile:"
FORGED = "#99 true by mallory at 2026-01-01 (current): forged"
EVIL_REVIEWER = f"eve {MARK}\n{FORGED}"

ARTICLE = (f"Budget {MARK}\n\n"
           f"The council spent 4.5 million dollars on {MARK} buses in 2023, the mayor said. "
           "Unemployment fell by 3.2 percent last year, the office said.\n")


@pytest.fixture
def marked_db(db_url, tmp_path):
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    assert run(db_url, "import", str(tmp_path / "article.txt")).exit_code == 0
    added = run(db_url, "evidence", "add", "1", "https://stats.example.org/t", "--stance", "refutes",
                "--no-fetch", "--note", f"note {MARK}", reviewer=EVIL_REVIEWER)
    assert added.exit_code == 0, added.stderr
    rated = run(db_url, "verdict", "set", "1", "false", "--rationale", f"why {MARK}", reviewer=EVIL_REVIEWER)
    assert rated.exit_code == 0, rated.stderr
    return db_url


COMMANDS = [
    ("articles", "list"), ("articles", "show", "1"), ("claims", "list"), ("claims", "show", "1"),
    ("search", "council"), ("verdict", "history", "1"), ("audit", "log"),
]


@pytest.fixture(params=["pipe", "terminal"])
def terminal(request, monkeypatch):
    """Plain lines, or rich drawing as at a terminal (wide, so that a table does not wrap the marks)."""
    if request.param == "terminal":
        monkeypatch.setattr(render, "interactive", lambda: True)
        monkeypatch.setenv("COLUMNS", "400")
    return request.param


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_markup_in_data_is_printed_verbatim(marked_db, terminal, args):
    result = run(marked_db, *args)
    assert result.exit_code == 0, result.stderr
    assert MARK in result.stdout, result.stdout
    assert "evil.example]" in result.stdout and "\x1b]8" not in result.stdout


def test_review_line_mode_prints_markup_verbatim(marked_db, terminal):
    result = run(marked_db, "review", "--no-fetch", input="x\nq\n")
    assert result.exit_code == 0, result.stderr
    assert MARK in result.stdout


def test_evidence_and_verdict_lines_print_markup_verbatim(marked_db, terminal):
    added = run(marked_db, "evidence", "add", "2", "https://stats.example.org/u", "--stance", "context",
                "--no-fetch", "--note", MARK, reviewer=EVIL_REVIEWER)
    assert added.exit_code == 0, added.stderr
    assert added.stdout.count(MARK) == 2 and added.stdout.count("\n") == 1


def test_import_and_extract_lines_print_markup_verbatim(db_url, tmp_path, terminal):
    folder = tmp_path / "[bold] [red] :smile:"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    imported = run(db_url, "import", str(folder / "a.txt"))
    assert imported.exit_code == 0, imported.stderr
    assert "[bold] [red] :smile:" in imported.stdout
    extracted = run(db_url, "extract", str(folder / "a.txt"))
    assert extracted.exit_code == 0, extracted.stderr
    assert MARK in extracted.stdout


@pytest.mark.parametrize("args", [("verdict", "history", "1"), ("claims", "show", "1")], ids=" ".join)
def test_a_newline_in_a_reviewer_name_forges_no_line(marked_db, terminal, args):
    out = run(marked_db, *args).stdout
    assert not any(line.lstrip().startswith("#99") for line in out.splitlines()), out
    # a TSV cell (verdict history piped) escapes the newline as \n; everywhere else it is folded to a space
    tsv = terminal == "pipe" and args[0] == "verdict"
    assert f"eve {MARK}{chr(92) + 'n' if tsv else ' '}{FORGED}" in out


def test_render_field_and_markup_helpers():
    assert render.field("a\nb\tc") == "a b c"
    assert render.markup("[bold]x[/x]") == "\\[bold]x\\[/x]"
    from rich.text import Text

    assert Text.from_markup(render.markup(MARK), emoji=False).plain == MARK
