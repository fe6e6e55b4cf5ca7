"""HTML main-text extraction: navigation, scripts, styles and footers dropped; metadata kept."""

from __future__ import annotations

from claimtrack.fetch.html import extract_html

PAGE = """<!DOCTYPE html><html><head>
<title>Nearly 2,000 AI firms - Daily Tech</title>
<meta name="author" content="Jane Doe">
<meta property="og:site_name" content="Daily Tech">
<meta property="article:published_time" content="2025-11-20">
<style>p { color: red; } .secret-style {}</style>
<script>var trackingSecret = 1;</script>
</head><body>
<nav><a href="/">Home</a> | <a href="/menu-item">Menu item</a></nav>
<article><h1>Nearly 2,000 AI firms</h1>
<p>Nearly 2,000 AI firms are based in Haidian, the district government said on Tuesday in a statement.</p>
<p>Shipments of humanoid robots reached almost 1,000 units, with over 40% going to overseas buyers.</p>
</article>
<footer>Copyright 2025 Daily Tech. All rights reserved footer-text.</footer>
</body></html>"""


def test_main_text_without_boilerplate():
    page = extract_html(PAGE)
    assert "Nearly 2,000 AI firms are based in Haidian" in page.text
    assert "over 40% going to overseas buyers" in page.text
    for noise in ("trackingSecret", "secret-style", "Menu item", "footer-text"):
        assert noise not in page.text


def test_metadata():
    page = extract_html(PAGE, url="https://news.example.org/a/1")
    assert page.title == "Nearly 2,000 AI firms"
    assert page.author == "Jane Doe"
    assert page.date == "2025-11-20"
    assert page.site == "Daily Tech"
    assert page.extractor == "trafilatura"
    assert page.extractor_version


def test_a_tiny_page_still_gives_its_text():
    page = extract_html("<html><body><p>Short: 40% more.</p></body></html>")
    assert page.text == "Short: 40% more."


def test_a_page_without_text_is_empty():
    assert extract_html("<html><body><script>x()</script></body></html>").text == ""


RELATED = """<html><head><title>Robots - Daily Tech</title></head><body><article><h1>Robots</h1>
<p>Shipments of humanoid robots reached almost 1,000 units, with over 40% going to overseas buyers, the
association said in its annual report on Tuesday.</p>
<p>Nearly 2,000 AI firms are based in Haidian, the district government said on Tuesday in a statement.</p>
<ul class="more"><li><a href="/a">Chip imports topped $300 billion in 2019, customs data show</a></li>
<li><a href="/b">Haidian offers subsidies of up to 40 million yuan to 120 firms</a></li></ul>
</article></body></html>"""


def test_lines_that_are_links_in_a_link_dense_block_are_found():
    from claimtrack.fetch.html import _link_lines, _parse

    text = ("Robots\nNearly 2,000 AI firms are based in Haidian, the district government said on Tuesday.\n"
            "- Chip imports topped $300 billion in 2019, customs data show\n"
            "Haidian offers subsidies of up to 40 million yuan to 120 firms")
    assert _link_lines(text, _parse(RELATED), "Robots") == (
        "- Chip imports topped $300 billion in 2019, customs data show",
        "Haidian offers subsidies of up to 40 million yuan to 120 firms")


def test_link_lines_never_become_claims():
    from claimtrack.ingest.importer import analyze_with_repeats

    page = extract_html(RELATED)
    text = page.text + "\nChip imports topped $300 billion in 2019, customs data show"
    links = (*page.link_lines, "Chip imports topped $300 billion in 2019, customs data show")
    analysis, _ = analyze_with_repeats(text, "en", 0.5, title=page.title, headings=page.headings, links=links)
    claims = [s.sentence.text for s in analysis if s.check_worthy]
    assert claims and not any("Chip imports" in c or "subsidies" in c for c in claims)
