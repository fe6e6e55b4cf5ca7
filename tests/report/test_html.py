"""The HTML report: self-contained, no active content from hostile articles, chart, claims in context, and an
editor's digest (checked claims first, contents, coloured badges, human dates, captions, sentence context)."""

from __future__ import annotations

import re

import pytest

from claimtrack.report.html_report import safe_url
from tests.report.helpers import active_content, report

PAGE_TAGS = {"html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "p", "span", "section",
             "svg", "text", "rect", "table", "thead", "tbody", "tr", "th", "td", "article", "figure", "blockquote",
             "mark", "figcaption", "a", "ol", "li", "strong", "footer", "nav", "ul", "time", "code", "details",
             "summary"}


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
    links = active_content(page, allowed=PAGE_TAGS - {"a"})
    assert links == ["element <a>"] * (10 + 5 + 1)  # 8 article + 2 evidence links (http(s)); 5 + 1 contents links (#)
    assert 'style="' not in page  # the CSP allows no inline style attribute: badge colours are classes


def test_chart_and_claims_in_context(page):
    svg = page[page.index("<svg"):page.index("</svg>")]
    assert svg.count("<rect") == 7
    assert ">Mostly false</text>" in svg
    assert ('<mark>The council said 2,000 firms closed in 2025.</mark> Officials &lt;script&gt;alert(1)&lt;/script&gt;'
            ' claimed 40% of shops shut.</blockquote>') in page
    assert page.count('<article class="claim"') == 8
    assert "approved by bob" in page


def test_same_inputs_give_identical_html(context, hostile, tmp_path):
    outs = [tmp_path / "a.html", tmp_path / "b.html"]
    for out in outs:
        assert report(context, "html", out, "--generated-at", "2026-11-01").exit_code == 0
    strip = lambda t: re.sub(r"head <code class=\"hash\" title=\"\w+\">\w+</code>|\d+ events", "", t)  # noqa: E731
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


@pytest.fixture
def digest(publisher, publishing, tmp_path) -> str:
    from dataclasses import replace

    publisher.settings = replace(publisher.settings, report_timezone="Asia/Shanghai")
    out = tmp_path / "digest.html"
    result = report(publisher, "html", out, "--generated-at", "2026-11-01T00:00:00Z")
    assert result.exit_code == 0, result.stderr
    return out.read_text("utf-8")


def _section(page: str, name: str) -> str:
    start = page.index(f'<section id="{name}">')
    return page[start:page.index("</section>", start)]


def test_checked_claims_come_first_with_contents(digest, publishing):
    c = publishing["claims"]
    order = [digest.index(f'<section id="{name}">') for name in ("checked", "awaiting", "open", "dismissed", "summary")]
    assert order == sorted(order) and digest.index('<nav id="contents"') < order[0]
    assert "<h2>Checked in this window <span class=\"count\">(6)</span></h2>" in digest
    checked = _section(digest, "checked")
    for key in ("approved", "superseded", "awaiting", "misleading", "local", "stdin"):
        assert f'id="claim-{c[key].id}"' in checked
    assert f'id="claim-{c["pending"].id}"' in _section(digest, "awaiting")
    assert f'id="claim-{c["unrated"].id}"' in _section(digest, "open")
    assert f'id="claim-{c["dismissed"].id}"' in _section(digest, "dismissed")
    nav = digest[digest.index('<nav id="contents"'):digest.index("</nav>")]
    assert f'<a href="#claim-{c["approved"].id}">2,000 firms closed in 2025</a>' in nav
    assert '<a href="#awaiting">Awaiting approval</a> (1)' in nav
    assert "A newer verdict awaits approval" in checked  # the awaiting claim shows its approved verdict first


def test_badges_have_labels_and_accessible_contrast(digest):
    from claimtrack.report.html_report import BADGE_TEXT, OFF_SCALE_COLOURS, SCALE_COLOURS, contrast

    for colour in SCALE_COLOURS + OFF_SCALE_COLOURS:
        assert contrast(BADGE_TEXT, colour) >= 4.5, colour
    assert '<span class="badge rating r-false">False</span>' in digest
    assert '<span class="badge rating r-misleading">Misleading</span>' in digest
    style = digest[digest.index("<style>"):digest.index("</style>")]
    rules = dict(re.findall(r"\.badge\.(r-[\w-]+) \{ background: (#[0-9a-f]{6}); color: #ffffff; \}", style))
    assert rules["r-true"] != rules["r-false"] != rules["r-misleading"]
    assert all(contrast("#ffffff", colour) >= 4.5 for colour in rules.values())


def test_human_dates_in_the_report_time_zone(digest):
    assert "Times are in Asia/Shanghai." in digest
    assert re.search(r'<time datetime="2026-01-01T00:00:\d\d\.000000Z">1 Jan 2026, 08:00 CST</time>', digest)
    assert re.search(r">\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z<", digest) is None  # no raw timestamp shown
    assert "Generated <time datetime=\"2026-11-01T00:00:00.000000Z\">1 Nov 2026, 08:00 CST</time>" in digest


def test_captions_outlet_public_url_and_short_hashes(digest):
    assert ('<span class="outlet">news.example</span>: “City &lt;b&gt;figures&lt;/b&gt;”, published 2026-01-01,\n'
            '<a href="https://news.example/city" rel="noopener noreferrer nofollow">https://news.example/city</a>.'
            ) in digest
    assert '<span class="outlet">a local file</span>' in digest and "no public URL (/home/desk/articles/story.html)" in digest
    assert '<span class="outlet">standard input</span>' in digest
    hashes = re.findall(r'<code class="hash" title="([0-9a-f]{64})">([0-9a-f]+)</code>', digest)
    assert hashes and all(full.startswith(short) and len(short) == 12 for full, short in hashes)
    assert re.search(r">[0-9a-f]{64}<", digest) is None


def test_a_whole_sentence_of_context_either_side(digest):
    assert ("<blockquote class=\"context\" lang=\"en\">The city grew fast last decade. <mark>The chamber said 2,000 "
            "firms closed in 2025.</mark> Officials disputed that.</blockquote>") in digest


def test_cjk_font_stack(digest):
    style = digest[digest.index("<style>"):digest.index("</style>")]
    for face in ("Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "PingFang SC", "Microsoft YaHei"):
        assert f'"{face}"' in style


def test_human_time_and_outlet_helpers():
    from zoneinfo import ZoneInfo

    from claimtrack.report.html_report import human_time, outlet

    assert human_time("2026-07-01T12:30:00.000000Z", ZoneInfo("Europe/London")) == "1 Jul 2026, 13:30 BST"
    assert human_time(None, ZoneInfo("UTC")) == "—"
    assert outlet({"site": None, "source": "https://www.bbc.example/x"}, "https://www.bbc.example/x") == "bbc.example"
