"""Review fixtures: articles and claims inserted straight through the models, and a database snapshot.

`seeded` gives an article with three claims (scores 0.9, 0.7, 0.4); `snapshot(store)` captures every
table's row count and the audit head, so a failed command can be shown to have changed nothing.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import httpx
import pytest
from sqlalchemy import func, select

from claimtrack.store import audit
from claimtrack.store.models import Article, ArticleVersion, Claim, Mention
from claimtrack.clock import utcnow

TEXT = ("Intro line of the story. The city now hosts nearly 2000 AI firms. Officials cheered the news. "
        "Output grew 30% in 2024. Critics disagree. Nobody knows the real number. The end.")
QUOTES = {"firms": ("The city now hosts nearly 2000 AI firms.", 0.9),
          "output": ("Output grew 30% in 2024.", 0.7),
          "critics": ("Critics disagree.", 0.4)}


@dataclass
class Seeded:
    article_id: int
    version_id: int
    claims: dict[str, int]


def make_article(session, text: str = TEXT, source: str = "/tmp/story.txt", title: str = "Story") -> ArticleVersion:
    raw = text.encode("utf-8")
    article = Article(source=source, title=title, language="en", created_by="importer")
    session.add(article)
    session.flush()
    audit.record(session, "importer", "article.create", article)  # every audited row has its event
    version = ArticleVersion(article_id=article.id, number=1, raw=raw, raw_sha256=hashlib.sha256(raw).hexdigest(),
                             size=len(raw), text=text, text_sha256=hashlib.sha256(raw).hexdigest(),
                             source=source, fetched_at=utcnow())
    session.add(version)
    session.flush()
    audit.record(session, "importer", "article.import", version)
    return version


def make_claim(session, version: ArticleVersion, quote: str, score: float) -> Claim:
    start = version.text.index(quote)
    claim = Claim(fingerprint=hashlib.sha256(quote.encode()).hexdigest(), text=quote, normalized=quote.lower(),
                  language="en", score=score, reasons=["statistic"], created_by="importer")
    session.add(claim)
    session.flush()
    mention = Mention(claim_id=claim.id, version_id=version.id, start=start, end=start + len(quote), quote=quote,
                      prefix=version.text[max(0, start - 32):start], suffix=version.text[start + len(quote):][:32])
    session.add(mention)
    audit.record(session, "importer", "claim.create", claim, rows=[mention])
    return claim


@pytest.fixture
def seeded(store) -> Seeded:
    with store.write() as session:
        version = make_article(session)
        claims = {key: make_claim(session, version, quote, score).id for key, (quote, score) in QUOTES.items()}
        return Seeded(version.article_id, version.id, claims)


def snapshot(store) -> dict[str, object]:
    """Row counts of every table plus the audit head: equal snapshots = nothing was written."""
    from sqlalchemy import inspect, table

    names = [n for n in inspect(store.engine).get_table_names() if n != "alembic_version"]
    with store.read() as session:
        counts = {n: session.scalar(select(func.count()).select_from(table(n))) for n in sorted(names)}
        statuses = sorted(session.execute(select(Claim.id, Claim.status, Claim.rating)).all())
        return {"counts": counts, "statuses": statuses, "head": audit.head(session)}


PAGES = {
    "/a": (200, "text/html; charset=utf-8", b"<html><head><title>Firm count &amp; more</title></head><body>2000</body></html>"),
    "/b": (200, "text/plain", b"plain words"),
    "/gone": (404, "text/html", b"<title>Not here</title>"),
}


def page_handler(pages: dict) -> object:
    """A fake web server (`request -> response`) serving `pages`; /moved redirects to /a."""

    def handle(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/moved":
            return httpx.Response(302, headers={"location": "/a"})
        status, content_type, body = pages.get(request.url.path, (404, "text/plain", b"missing"))
        return httpx.Response(status, headers={"content-type": content_type}, content=body)

    return handle


@pytest.fixture
def pages() -> dict:
    """The fake web's pages (a test may change one to simulate an edited page)."""
    return dict(PAGES)


@pytest.fixture
def web_context(settings, pages):
    """An AppContext whose HTTP goes to `pages` and whose DNS says every host is public."""
    from claimtrack.context import AppContext

    ctx = AppContext(settings, transport=httpx.MockTransport(page_handler(pages)),
                     resolve=lambda host, port: ["93.184.216.34"])
    yield ctx
    ctx.close()
