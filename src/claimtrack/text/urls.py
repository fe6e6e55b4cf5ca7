"""Which URLs a reader can open: the test every published link passes (pure; no network).

The one idea: a public URL is an http(s) URL with a host. A local path (`/home/desk/story.html`), a
`stdin:` name, `file:`, `javascript:` or `data:` is never published as where a claim appeared.
"""

from __future__ import annotations

from urllib.parse import urlsplit


def public_url(value: str | None) -> str | None:
    """`value` stripped if it is an http(s) URL with a host (a page a reader can open), else None."""
    if not value:
        return None
    try:
        parts = urlsplit(value.strip())
        host = parts.hostname
    except ValueError:
        return None
    return value.strip() if parts.scheme.lower() in ("http", "https") and host else None
