"""The README's "A tour" block runs: every command in it, against a copy of claims.db.example, exits 0.

Run in-process with a fake web (an `httpx.MockTransport` answering every URL, DNS saying every host is
public), so the tour's URLs and `evidence check` never reach the network. The files the tour names
(article.html, notes.txt, tonight.txt, article.txt) are made in the working folder first.
"""

from __future__ import annotations

import datetime as dt
import re
import shlex
import shutil

import httpx
import pytest

from tests.conftest import REPO, invoke

README = REPO / "README.md"
EXAMPLE = REPO / "claims.db.example"
PAGE = ("<html><head><title>Story</title></head><body><p>据统计，2023年全国共有近2000家人工智能企业，"
        "比上年增长30%。</p><p>The register lists 1,412 firms in 2024.</p></body></html>").encode()


def tour_lines() -> list[tuple[list[str], bool, bool]]:
    """Each tour command's arguments after `claimtrack`, whether `curl -s URL |` feeds its stdin, and whether
    a second reviewer (another account) runs it."""
    text = README.read_text(encoding="utf-8")
    block = re.search(r"## A tour\n+```sh\n(.*?)```", text, re.S)
    assert block, "README has no 'A tour' sh block"
    today = dt.date.today().isoformat()
    lines = []
    for line in block.group(1).splitlines():
        words = shlex.split(line.replace("$(date +%F)", today), comments=True)
        piped = "|" in words
        if piped:
            assert words[:2] == ["curl", "-s"] and words.index("|") == 3, line
            words = words[4:]
        if words:
            assert words[0] == "claimtrack", line
            lines.append((words[1:], piped, "second reviewer" in line))
    return lines


def _web(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, headers={"content-type": "text/html; charset=utf-8"}, content=PAGE)


@pytest.fixture
def tour_context(tmp_path):
    if not EXAMPLE.exists():
        pytest.skip("claims.db.example is absent")
    from claimtrack.config import Settings
    from claimtrack.context import AppContext

    db = tmp_path / "claims.db"
    shutil.copyfile(EXAMPLE, db)
    (tmp_path / "article.html").write_bytes(PAGE)
    (tmp_path / "notes.txt").write_text("Officials said output grew 30% in 2024, to 1.2 million units.\n",
                                        encoding="utf-8")
    (tmp_path / "article.txt").write_text("据统计，2023年全国共有近2000家人工智能企业。\n", encoding="utf-8")
    (tmp_path / "tonight.txt").write_text("# tonight's feeds\nnotes.txt\nhttps://example.org/tonight\n",
                                          encoding="utf-8")
    assert invoke("--db", str(db), "db", "upgrade").exit_code == 0  # the example may lag behind the head
    # the newsroom's claimtrack.toml names its publishing details (the README's Configuration section)
    publishing = {"report_organisation": "Example Fact Check", "report_organisation_url": "https://factcheck.example.org/",
                  "report_base_url": "https://factcheck.example.org/claims/"}
    contexts = [AppContext(Settings(db=str(db), **publishing), transport=httpx.MockTransport(_web),
                           resolve=lambda host, port: ["93.184.216.34"], account=name) for name in ("alice", "bob")]
    yield contexts
    for ctx in contexts:
        ctx.close()


def test_the_tour_is_found():
    lines = tour_lines()
    assert len(lines) >= 15
    assert any(words[:2] == ["audit", "verify"] for words, _, _ in lines)


def test_every_tour_command_runs_on_the_example_database(tour_context):
    failures = []
    alice, bob = tour_context
    for words, piped, second in tour_lines():
        result = invoke(*words, context=bob if second else alice, input=PAGE.decode() if piped else "")
        told_cron = "--fail-on" in words and result.exit_code == 1 and "(--fail-on " in result.stderr
        if result.exit_code != 0 and not told_cron:  # `--fail-on` exits 1 by design when evidence changed
            failures.append(f"claimtrack {shlex.join(words)} -> {result.exit_code}: {result.stderr.strip()[:300]}")
    assert not failures, "\n".join(failures)
