"""Streaming the claims in scope, a batch at a time, with everything a report shows about them.

The one idea: memory stays flat and the query count stays constant per batch. Claims are read in id order
by keyset (`id > last ORDER BY id LIMIT n`); each batch is loaded by the read model's one loader
(`views.claims.load`: one IN query per related table, big columns never loaded, merged claims'
appearances under their survivor) and the session is emptied before the next batch. Everything is ordered
by integer ids, so the order is the same on SQLite and PostgreSQL whatever their collations.

A report also needs what the read model does not carry (`Publishing`, loaded here with three more IN
queries a batch and attached to each `Loaded` as `.publishing`): the claim's publishing details (summary,
claimant, extra appearances; review/details.py) and, for each mention, a window of its version's text
(`CONTEXT` characters either side, cut by the database with `substr`, so the whole text is never loaded)
from which a report takes a sentence of context either side.

Call it inside one read transaction (see `snapshot`) so that every batch sees the same database state.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from claimtrack.report.scope import Scope, claim_filter
from claimtrack.store.models import ArticleVersion, Claim, ClaimAppearance, ClaimDetail, Mention
from claimtrack.views.claims import Loaded, load

BATCH = 500
CONTEXT = 400  # characters of the version's text loaded either side of a mention

__all__ = ["BATCH", "CONTEXT", "Loaded", "Publishing", "snapshot", "stream"]


def snapshot(session: Session) -> None:
    """Make the session's transaction one consistent snapshot (PostgreSQL: REPEATABLE READ)."""
    if session.get_bind().dialect.name == "postgresql":
        session.connection(execution_options={"isolation_level": "REPEATABLE READ"})


def stream(session: Session, scope: Scope, batch: int | None = None) -> Iterator[Loaded]:
    """Every claim in scope, in id order, fully loaded, `batch` (default BATCH) claims per round of queries."""
    batch = batch or BATCH
    where = claim_filter(scope)
    last = 0
    while True:
        query = select(Claim).where(Claim.id > last).order_by(Claim.id).limit(batch)
        claims = list(session.scalars(query if where is None else query.where(where)))
        if not claims:
            return
        last = claims[-1].id
        loaded = load(session, claims)
        _add_publishing(session, loaded)
        yield from loaded
        session.expunge_all()


@dataclass
class Publishing:
    """What a report adds to the read model: the newest ClaimDetail, appearance URLs, text windows."""

    detail: ClaimDetail | None = None
    appearances: list[ClaimAppearance] = field(default_factory=list)
    windows: dict[int, tuple[int, str]] = field(default_factory=dict)  # mention id -> (offset, text around it)
    elsewhere: list[dict] = field(default_factory=list)  # "checked elsewhere" suggestions (views.factchecks)


def _add_publishing(session: Session, loaded: list[Loaded]) -> None:
    by_id = {item.claim.id: item for item in loaded}
    extra = {claim_id: Publishing() for claim_id in by_id}
    ids = list(by_id)
    newest = select(func.max(ClaimDetail.id)).where(ClaimDetail.claim_id.in_(ids)).group_by(ClaimDetail.claim_id)
    for detail in session.scalars(select(ClaimDetail).where(ClaimDetail.id.in_(newest))):
        extra[detail.claim_id].detail = detail
    for appearance in session.scalars(select(ClaimAppearance).where(ClaimAppearance.claim_id.in_(ids))
                                      .order_by(ClaimAppearance.id)):
        extra[appearance.claim_id].appearances.append(appearance)
    owner = {m.id: item.claim.id for item in loaded for m, *_ in item.mentions}
    for mention_id, offset, text in _windows(session, list(owner)):
        extra[owner[mention_id]].windows[mention_id] = (offset, text or "")
    _add_elsewhere(session, loaded, extra)
    for claim_id, item in by_id.items():
        item.publishing = extra[claim_id]  # type: ignore[attr-defined] - the report's addition to the read model


def _add_elsewhere(session: Session, loaded: list[Loaded], extra: dict[int, Publishing]) -> None:
    """Each claim's published fact-checks elsewhere: suggestions for it, the claims merged into it and the
    whole texts of its articles' versions (as `claims show` lists them), rejected ones left out; two queries."""
    from claimtrack.views.factchecks import checked_elsewhere

    claim_ids = {item.claim.id: [item.claim.id, *item.merged] for item in loaded}
    version_ids = {item.claim.id: sorted({v.id for _, v, _, _ in item.mentions}) for item in loaded}
    found = checked_elsewhere(session, claim_ids=[i for ids in claim_ids.values() for i in ids],
                              version_ids=[i for ids in version_ids.values() for i in ids])
    if not found:
        return
    for claim_id in extra:
        items = [s for i in claim_ids[claim_id] for s in found.get(("claim", i), [])]
        items += [s for i in version_ids[claim_id] for s in found.get(("version", i), [])]
        extra[claim_id].elsewhere = sorted(items, key=lambda s: (s["decision"] != "confirmed", not s["confident"],
                                                                  -s["similarity"], s["id"]))


def _windows(session: Session, mention_ids: list[int]):
    """(mention id, offset, text) around each anchored mention, cut by the database."""
    if not mention_ids:
        return []
    lo = case((Mention.start > CONTEXT, Mention.start - CONTEXT), else_=0)
    window = func.substr(ArticleVersion.text, lo + 1, Mention.end - lo + CONTEXT)
    return session.execute(select(Mention.id, lo, window).join(ArticleVersion, ArticleVersion.id == Mention.version_id)
                           .where(Mention.id.in_(mention_ids), Mention.start.is_not(None)))
