"""Correcting what an import read about an article: its public URL, publication date, author and outlet.

The one idea: metadata is read from the page and may be wrong or missing, so a reviewer can set it; the
article row is changed (it holds the current belief), the version rows keep what each page declared, and the
change is one write transaction with an `article.update` event carrying the old and new values and the row's
new digest, so the audit trail shows who corrected what. An empty value clears a field.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from claimtrack.errors import InputError, NotFound
from claimtrack.store import audit
from claimtrack.store.models import Article

if TYPE_CHECKING:
    from claimtrack.store.db import Store

__all__ = ["set_article", "FIELDS"]

FIELDS = {"url": "url", "published": "published", "author": "author", "outlet": "site"}
_LIMITS = {"url": 2048, "published": 40, "author": 512, "site": 512}


def set_article(store: Store, article_id: int, *, actor: str, **values: str | None) -> dict[str, Any]:
    """Set the named fields (`url`, `published`, `author`, `outlet`; None = leave, "" = clear)."""
    wanted = {FIELDS[name]: _checked(name, value) for name, value in values.items()
              if name in FIELDS and value is not None}
    if not wanted:
        raise InputError("nothing to set: give --url, --published, --author or --outlet")
    with store.write() as session:
        article = session.get(Article, article_id)
        if article is None:
            raise NotFound(f"no article {article_id} (see `claimtrack articles list`)")
        changes = {col: {"old": getattr(article, col), "new": new} for col, new in wanted.items()
                   if getattr(article, col) != new}
        for col, change in changes.items():
            setattr(article, col, change["new"])
        if changes:
            session.flush()
            audit.record(session, actor, "article.update", article, payload={"changes": changes})
        return {"id": article.id, "changed": sorted(changes), "url": article.url, "published": article.published,
                "author": article.author, "outlet": article.site, "title": article.title}


def _checked(name: str, value: str) -> str | None:
    value = " ".join(value.split())
    if not value:
        return None
    if name == "url":
        from urllib.parse import urlsplit, urlunsplit

        parts = urlsplit(value)
        if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
            raise InputError(f"--url must be an http:// or https:// URL, not {value!r}")
        value = urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", parts.query, ""))
    elif name == "published":
        from claimtrack.fetch.pagemeta import iso_date

        parsed = iso_date(value)
        if parsed is None or not value.strip().startswith(parsed[:4]):
            raise InputError(f"--published must be an ISO 8601 date such as 2024-05-03 or 2024-05-03T08:00+08:00,"
                             f" not {value!r}")
        value = parsed
    limit = _LIMITS[FIELDS[name]]
    if len(value) > limit:
        raise InputError(f"--{name} is longer than {limit} characters")
    return value
