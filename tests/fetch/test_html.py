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
