"""The HTML report: self-contained, no active content from hostile articles, chart, claims in context."""

from __future__ import annotations

import re

import pytest

from claimtrack.report.html_report import safe_url
from tests.report.helpers import active_content, report

PAGE_TAGS = {"html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "p", "span", "section",
             "svg", "text", "rect", "table", "thead", "tbody", "tr", "th", "td", "article", "figure", "blockquote",
             "mark", "figcaption", "a", "ol", "li", "strong", "footer"}


@pytest.fixture
def db_url(sqlite_url) -> str:
    """Layout only: the database side of reports is tested on both databases in test_json/test_scope/test_writer."""
    return sqlite_url


@pytest.fixture
def page(context, hostile, tmp_path) -> str:
    out = tmp_path / "r.html"
    result = report(context, "html", out, "--generated-at", "2026-11-01T00:00:00Z")
    assert result.exit_code == 0, result.stderr
    return out.read_text("utf-8")


def test_no_active_content_from_hostile_text(page):
    assert active_content(page, allowed=PAGE_TAGS) == []
    assert "<script" not in page.lower() and "<img" not in page.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert 'href="javascript' not in page and "javascript:alert(3)" in page  # shown, not linked


def test_strict_content_security_policy_and_no_external_assets(page):
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page).group(1)
    assert csp.startswith("default-src 'none'; style-src 'sha256-")
    assert "script-src" not in csp and "unsafe" not in csp
    style = page[page.index("<style>"):page.index("</style>")]
    assert "@import" not in style and "url(" not in style
    assert active_content(page, allowed=PAGE_TAGS - {"a"}) == ["element <a>"] * 10  # 8 article + 2 evidence links, all http(s)


def test_chart_and_claims_in_context(page):
    svg = page[page.index("<svg"):page.index("</svg>")]
    assert svg.count("<rect") == 7
    assert ">mostly-false</text>" in svg
    assert '<mark>The council said 2,000 firms closed in 2025.</mark> Officials &lt;script&gt;' in page
    assert page.count('<article class="claim"') == 8
    assert "approved by bob" in page


def test_same_inputs_give_identical_html(context, hostile, tmp_path):
    outs = [tmp_path / "a.html", tmp_path / "b.html"]
    for out in outs:
        assert report(context, "html", out, "--generated-at", "2026-11-01").exit_code == 0
    strip = lambda t: re.sub(r"head <span class=\"hash\">\w+</span>|\d+ events", "", t)  # noqa: E731
    assert strip(outs[0].read_text()) == strip(outs[1].read_text())


def test_empty_html_report_is_a_whole_page(context, store, tmp_path):
    out = tmp_path / "r.html"
    assert report(context, "html", out).exit_code == 0
    text = out.read_text()
    assert "No claim had activity in this window." in text and text.endswith("</html>\n")


@pytest.mark.parametrize("url, expected", [
    ("https://a.example/x", "https://a.example/x"), ("http://a.example", "http://a.example"),
    ("javascript:alert(1)", None), ("JaVaScRiPt:x", None), ("data:text/html,x", None), ("/etc/passwd", None),
    ("https:///nohost", None), (None, None), ("http://[::1", None),
])
def test_safe_url(url, expected):
    assert safe_url(url) == expected


def test_control_and_bidi_characters_are_dropped(context, make, tmp_path):
    version = make.article("Exports grew \u202e%05\u202c in \x1b[31m2025.", url="https://n.example/bidi")
    make.claim(version, "Exports grew \u202e%05\u202c in \x1b[31m2025.")
    out = tmp_path / "r.html"
    assert report(context, "html", out).exit_code == 0
    text = out.read_text()
    assert "Exports grew %05 in 2025." in text and "\u202e" not in text and "\x1b" not in text
