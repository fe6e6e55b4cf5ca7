"""Bytes to canonical article text: decode, extract (HTML), canonicalize — the one path every version takes.

The one idea: import and `audit verify` run the same function, so a version's stored text can be re-derived
from its stored raw bytes and compared (text rewritten in the database while the bytes say otherwise shows).
The extractor's name and version come back with the text, so that a text made by another extractor version
is not mistaken for a rewrite.
"""

from __future__ import annotations

from typing import Any

HTML_TYPES = ("text/html", "application/xhtml+xml")


def derive_text(data: bytes, content_type: str, *, declared: str | None, final_url: str | None,
                label: str) -> tuple[str, dict[str, Any]]:
    """(canonical text, meta: encoding, extractor, extractor_version and, for HTML, title/author/date/site)."""
    from claimtrack import __version__
    from claimtrack.fetch.decode import decode
    from claimtrack.text import canonicalize

    media = content_type.split(";", 1)[0].strip().lower()
    html = media in HTML_TYPES
    decoded = decode(data, declared=declared, html=html, label=label)
    meta: dict[str, Any] = {"encoding": decoded.encoding, "extractor": "plain",
                                   "extractor_version": __version__}
    if not html:
        text = decoded.text
        if media == "text/markdown":
            from markdown_it import __version__ as md_version

            from claimtrack.fetch.markdown import markdown_text

            parsed = markdown_text(text)
            text = parsed.text
            meta.update(extractor="markdown-it", extractor_version=md_version, title=parsed.title,
                        headings=parsed.headings)
        return canonicalize(text), meta
    from claimtrack.fetch.html import extract_html

    page = extract_html(decoded.text, url=final_url)
    meta.update(extractor=page.extractor, extractor_version=page.extractor_version, title=page.title,
                author=page.author, date=page.date, site=page.site, canonical_url=page.canonical_url,
                headings=page.headings, link_lines=page.link_lines)
    return canonicalize(page.text), meta

def rederive(raw: bytes, content_type: str | None, *, fetched: bool, final_url: str | None = None,
             label: str = "stored version") -> tuple[str, str, str]:
    """(text, extractor, extractor_version) that this code derives from a version's stored raw bytes
    (`fetched`: it came over HTTP, so its Content-Type's charset was declared; files and stdin declare none)."""
    from claimtrack.fetch.decode import declared_charset

    content_type = content_type or "text/plain"
    declared = declared_charset(content_type) if fetched else None
    text, meta = derive_text(raw, content_type, declared=declared, final_url=final_url, label=label)
    return text, meta["extractor"] or "", meta["extractor_version"] or ""
