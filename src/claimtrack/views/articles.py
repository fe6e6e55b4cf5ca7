"""Article queries: the list of articles, and one article version with the claim mentions it holds.

The one idea: a shown article is always one *version* (the latest unless asked), because mention offsets
index into that version's canonical text and into no other. Each mention also names the claim it shows
under (`survivor_id`: itself, or the claim a reviewer merged it into). Listing never loads texts or raw bytes, and
runs a fixed number of queries whatever the number of articles.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, load_only

from claimtrack.errors import NotFound
from claimtrack.store.db import Store, reading
from claimtrack.store.models import Article, ArticleVersion, Claim, Mention
from claimtrack.views import merges, records

__all__ = ["list_articles", "show_article"]


def list_articles(db: Store | Session) -> list[dict[str, Any]]:
    """Every article, newest first, with its version count and the claims of its latest version."""
    with reading(db) as session:
        return _list_articles(session)


def _list_articles(session: Session) -> list[dict[str, Any]]:
    stats = {row.article_id: row for row in session.execute(
        select(ArticleVersion.article_id, func.count(ArticleVersion.id).label("versions"),
               func.max(ArticleVersion.id).label("latest_id"), func.max(ArticleVersion.number).label("latest"))
        .group_by(ArticleVersion.article_id))}
    latest_ids = [row.latest_id for row in stats.values()]
    counts = {row.version_id: row for row in session.execute(
        select(Mention.version_id, func.count(func.distinct(Mention.claim_id)).label("claims"),
               func.count(Mention.id).label("mentions"))
        .where(Mention.version_id.in_(latest_ids), Mention.orphaned.is_(False))
        .group_by(Mention.version_id))} if latest_ids else {}
    articles = session.scalars(select(Article).order_by(Article.id.desc())).all()
    return [_listed(a, stats.get(a.id), counts) for a in articles]


def _listed(article: Article, stat: Any, counts: dict[int, Any]) -> dict[str, Any]:
    found = counts.get(stat.latest_id) if stat else None
    return {**records.article(article), "versions": stat.versions if stat else 0,
            "latest_version": stat.latest if stat else None,
            "claims": found.claims if found else 0, "mentions": found.mentions if found else 0}


def show_article(db: Store | Session, article_id: int, *, version: int | None = None) -> dict[str, Any]:
    """One article at one version (latest by default): its text, versions, mentions and repeats."""
    with reading(db) as session:
        return _show_article(session, article_id, version=version)


def _show_article(session: Session, article_id: int, *, version: int | None = None) -> dict[str, Any]:
    """One article at one version (latest by default): its text, versions, mentions and repeats."""
    article = session.get(Article, article_id)
    if article is None:
        raise NotFound(f"no article {article_id} (see `claimtrack articles list`)")
    versions = session.scalars(
        select(ArticleVersion).where(ArticleVersion.article_id == article_id).order_by(ArticleVersion.number)
        .options(load_only(*_VERSION_COLUMNS))).all()
    shown = _pick(versions, version, article_id)
    text = session.scalar(select(ArticleVersion.text).where(ArticleVersion.id == shown.id))
    mentions = session.scalars(select(Mention).where(Mention.version_id == shown.id)
                               .order_by(Mention.orphaned, Mention.start, Mention.id)).all()
    under = _survivors(session, {m.claim_id for m in mentions})
    return {**records.article(article), "text": text, "version": shown.number, "version_id": shown.id,
            "repeats": list(shown.repeats or []), "versions": [records.version(v) for v in versions],
            "mentions": [{**records.mention(m, article_id=article_id, version_number=shown.number),
                          "survivor_id": under.get(m.claim_id, m.claim_id)} for m in mentions]}


def _survivors(session: Session, claim_ids: set[int]) -> dict[int, int]:
    """The claim each merged claim's appearances show under (the merge rule of `views.merges`)."""
    if not claim_ids or not merges.any_decisions(session):
        return {}
    claims = list(session.scalars(select(Claim).where(Claim.id.in_(sorted(claim_ids)))))
    return merges.survivor_ids(session, claims)


_VERSION_COLUMNS = (
    ArticleVersion.id, ArticleVersion.article_id, ArticleVersion.number, ArticleVersion.raw_sha256,
    ArticleVersion.text_sha256, ArticleVersion.size, ArticleVersion.fetched_at, ArticleVersion.encoding,
    ArticleVersion.content_type, ArticleVersion.extractor, ArticleVersion.extractor_version,
    ArticleVersion.source, ArticleVersion.final_url, ArticleVersion.http_status, ArticleVersion.repeats,
    ArticleVersion.canonical_url,
)


def _pick(versions: list[ArticleVersion], number: int | None, article_id: int) -> ArticleVersion:
    if not versions:
        raise NotFound(f"article {article_id} has no version")
    if number is None:
        return versions[-1]
    for v in versions:
        if v.number == number:
            return v
    raise NotFound(f"article {article_id} has no version {number} (it has 1 to {versions[-1].number})")
