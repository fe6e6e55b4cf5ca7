"""The Markdown report: readable, and inert when a code host renders it."""

from __future__ import annotations

import pytest

from claimtrack.report.markdown_report import md
from tests.report.helpers import active_content, report

MARKDOWN_TAGS = {"h1", "h2", "h3", "p", "ul", "li", "blockquote", "strong", "code", "table", "thead", "tbody",
                 "tr", "th", "td", "br"}


@pytest.fixture
def db_url(sqlite_url) -> str:
    """Layout only: the database side of reports is tested on both databases in test_json/test_scope/test_writer."""
    return sqlite_url


def test_markdown_report_renders_without_active_content(context, hostile, tmp_path):
    from markdown_it import MarkdownIt

    out = tmp_path / "r.md"
    result = report(context, "md", out, "--generated-at", "2026-11-01")
    assert result.exit_code == 0, result.stderr
    text = out.read_text("utf-8")
    assert text.startswith("# Claim report: claimtrack\n\n- Generated: 2026-11-01T00:00:00.000000Z by claimtrack")
    html = MarkdownIt("commonmark", {"html": True}).enable("table").render(text)
    assert active_content(html, allowed=MARKDOWN_TAGS) == []
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "\x1b" not in text
    assert text.count("\n### Claim ") == 8
    assert "| mostly-false | 1 |" in text
    assert "- Verdict 2 (current): mostly\\-false by dave" in text or "mostly-false by dave" in text


def test_empty_markdown_report_says_so(context, store, tmp_path):
    out = tmp_path / "r.md"
    assert report(context, "md", out).exit_code == 0
    assert out.read_text().endswith("## Claims\n\nNo claim had activity in this window.\n")


@pytest.mark.parametrize("value, expected", [
    ("<b>x</b>", "\\<b\\>x\\</b\\>"), ("# h", "\\# h"), ("12. x", "12\\. x"), ("a\nb", "a b"),
    ("[l](javascript:x)", "\\[l\\](javascript:x)"), ("a|b", "a\\|b"), ("\x1b[31mred", "red"), (None, "—"),
])
def test_md_escapes(value, expected):
    assert md(value) == expected
