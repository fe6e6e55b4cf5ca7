"""`claims add`: a claim the extractor missed, mentioned by hand at a quote or at offsets of an article.

The one idea: a manual mention is made like an imported one — its span by `text.spans` (the same W3C
selectors, the same context length), its claim by `matching.resolve_claim` (so a manual claim that reads
like a known one is that claim) — on the article's latest version, the one whose offsets the user sees
in `articles show`. Adding the same span twice returns the existing mention instead of a second one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from claimtrack.errors import InputError, NotFound
from claimtrack.review.status import refresh_status
from claimtrack.store import audit
from claimtrack.store.db import Store, writing
from claimtrack.store.models import Article, ArticleVersion, Claim, Mention
from claimtrack.text import spans


@dataclass(frozen=True)
class _ManualSentence:
    """Quacks like `claimtrack.text.Scored` for `matching.resolve_claim`."""

    sentence: Any
    fingerprint: str
    score: float = 1.0
    reasons: tuple[str, ...] = ("manual",)
    quantities: list[Any] = field(default_factory=list)


@dataclass(frozen=True)
class _Sentence:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Added:
    """What `claims add` did: the claim (new or matched), its mention, and the claim's record after it."""

    claim: Claim
    mention: Mention
    created: bool
    record: dict[str, Any]


def add_claim(db: Store | Session, article_id: int, *, actor: str, quote: str | None = None,
              start: int | None = None, end: int | None = None) -> Added:
    """A claim (new or matched) mentioned at `quote` or [start:end] of the article's latest version."""
    from claimtrack.views.claims import claim_records

    with writing(db) as session:
        claim, mention, created = _add(session, article_id, actor=actor, quote=quote, start=start, end=end)
        return Added(claim, mention, created, claim_records(session, [claim])[0])


def _add(session: Session, article_id: int, *, actor: str, quote: str | None, start: int | None,
         end: int | None) -> tuple[Claim, Mention, bool]:
    from claimtrack.ingest.matching import resolve_claim
    from claimtrack.text import fingerprint, parse_quantities

    article = session.get(Article, article_id)
    if article is None:
        raise NotFound(f"no article with id {article_id}")
    version = session.scalar(select(ArticleVersion).where(ArticleVersion.article_id == article_id)
                             .order_by(ArticleVersion.number.desc()).limit(1))
    if version is None:
        raise InputError(f"article {article_id} has no version")
    start, end = _locate(version, quote, start, end)
    existing = session.scalar(select(Mention).where(Mention.version_id == version.id,
                                                    Mention.start == start, Mention.end == end))
    if existing is not None:
        return existing.claim, existing, False
    where = spans.span(version.text, start, end)
    scored = _ManualSentence(_Sentence(start, end, where.quote), fingerprint(where.quote),
                             quantities=parse_quantities(where.quote))
    resolution = resolve_claim(session, scored, language=article.language, actor=actor, origin="manual")
    mention = Mention(claim_id=resolution.claim.id, version_id=version.id, start=start, end=end,
                      quote=where.quote, prefix=where.prefix, suffix=where.suffix, reasons=["manual"],
                      anchor="manual")
    session.add(mention)
    audit.record(session, actor, "mention.add", mention, payload={"claim_id": resolution.claim.id})
    refresh_status(session, resolution.claim)
    return resolution.claim, mention, resolution.created


def _locate(version: ArticleVersion, quote: str | None, start: int | None, end: int | None) -> tuple[int, int]:
    text = version.text
    if quote is not None:
        if start is not None or end is not None:
            raise InputError("give either --quote or --start/--end, not both")
        if not quote.strip():
            raise InputError("the quote is empty")
        found = spans.occurrences(text, quote)
        where = f"article {version.article_id} (version {version.number})"
        if not found:
            raise InputError(f"the quote does not occur in {where}")
        if len(found) > 1:
            offsets = ", ".join(str(i) for i in found)
            raise InputError(f"the quote occurs {len(found)} times in {where}, at offsets {offsets}: "
                             "use --start/--end or a longer quote")
        return found[0], found[0] + len(quote)
    if start is None or end is None:
        raise InputError("give --quote TEXT, or both --start and --end")
    if not 0 <= start < end <= len(text):
        raise InputError(f"--start/--end must satisfy 0 <= start < end <= {len(text)} (the text's length)")
    if not text[start:end].strip():
        raise InputError(f"text[{start}:{end}] is only whitespace")
    return start, end
