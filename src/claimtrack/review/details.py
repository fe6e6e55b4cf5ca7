"""A claim's publishing details: a short summary, who made the claim, and further public appearances.

The one idea: like verdicts, these are only ever appended. `set_details` writes a new `ClaimDetail` row
holding the whole new state (a field not given keeps its previous value; an empty text clears it) and each
new appearance URL a `ClaimAppearance` row, each with its audit event, all in the caller's write
transaction. Nothing here decides what is published: the ClaimReview feed reads the newest row.
"""

from __future__ import annotations

from typing import Any
from sqlalchemy import select
from sqlalchemy.orm import Session

from claimtrack import canonical_json as canonical
from claimtrack.errors import InputError
from claimtrack.store import audit
from claimtrack.store.db import Store, writing
from claimtrack.store.models import CLAIMANT_TYPES, ClaimAppearance, ClaimDetail
from claimtrack.text.urls import public_url

SUMMARY_MAX = 500  # a hard cap; the feed warns above 75 characters (Google's advice)
SUMMARY_ADVISED = 75


def current_details(session: Session, claim_id: int) -> ClaimDetail | None:
    return session.scalar(select(ClaimDetail).where(ClaimDetail.claim_id == claim_id)
                          .order_by(ClaimDetail.id.desc()).limit(1))


def set_details(db: Store | Session, claim_id: int, *, actor: str, summary: str | None = None,
                claimant: str | None = None, claimant_type: str | None = None,
                appearances: tuple[str, ...] = ()) -> dict[str, Any]:
    """Record new details of a claim (only what is given changes); the details now in force."""
    with writing(db) as session:
        return _set_details(session, claim_id, actor=actor, summary=summary, claimant=claimant,
                            claimant_type=claimant_type, appearances=appearances)


def _set_details(session: Session, claim_id: int, *, actor: str, summary: str | None, claimant: str | None,
                 claimant_type: str | None, appearances: tuple[str, ...]) -> dict[str, Any]:
    from claimtrack.views.claims import get_claim

    get_claim(session, claim_id)
    if summary is None and claimant is None and claimant_type is None and not appearances:
        raise InputError("nothing to set: give --summary, --claimant, --claimant-type or --appearance")
    urls = [_checked_url(u) for u in appearances]
    if claimant_type and not (claimant or (current_details(session, claim_id) or ClaimDetail()).claimant):
        raise InputError("--claimant-type needs a --claimant")
    previous = current_details(session, claim_id)
    state = {name: getattr(previous, name) if previous else None for name in ("summary", "claimant", "claimant_type")}
    for name, value in (("summary", summary), ("claimant", claimant), ("claimant_type", claimant_type)):
        if value is not None:
            state[name] = " ".join(value.split()) or None
    if not state["claimant"]:
        state["claimant_type"] = None
    elif not state["claimant_type"]:
        state["claimant_type"] = "person"
    _check(state)
    if previous is None or any(getattr(previous, k) != v for k, v in state.items()):
        row = ClaimDetail(claim_id=claim_id, set_by=actor, **state)
        session.add(row)
        audit.record(session, actor, "claim.details", row, payload={"claim_id": claim_id, **state})
    known = set(session.scalars(select(ClaimAppearance.url).where(ClaimAppearance.claim_id == claim_id)))
    for url in dict.fromkeys(urls):
        if url not in known:
            row = ClaimAppearance(claim_id=claim_id, url=url, added_by=actor)
            session.add(row)
            audit.record(session, actor, "claim.appearance", row, payload={"claim_id": claim_id, "url": url})
    session.flush()
    return details_view(session, claim_id)


def _checked_url(value: str) -> str:
    url = public_url(value)
    if url is None:
        raise InputError(f"--appearance must be a public http(s) URL, not {value!r}")
    if len(url) > 2048:
        raise InputError("--appearance: URL longer than 2048 characters")
    return url


def _check(state: dict[str, Any]) -> None:
    if state["summary"] and len(state["summary"]) > SUMMARY_MAX:
        raise InputError(f"--summary is {len(state['summary'])} characters: at most {SUMMARY_MAX} "
                         f"(search engines show about {SUMMARY_ADVISED})")
    if state["claimant"] and len(state["claimant"]) > 512:
        raise InputError("--claimant: at most 512 characters")
    if state["claimant_type"] is not None and state["claimant_type"] not in CLAIMANT_TYPES:
        raise InputError(f"--claimant-type must be person or organization (got {state['claimant_type']!r})")


def details_view(session: Session, claim_id: int) -> dict[str, Any]:
    """The details in force (CLI.md style: plain JSON values)."""
    row = current_details(session, claim_id)
    appearances = session.scalars(select(ClaimAppearance).where(ClaimAppearance.claim_id == claim_id)
                                  .order_by(ClaimAppearance.id))
    return {
        "claim_id": claim_id,
        "summary": row.summary if row else None,
        "claimant": row.claimant if row else None,
        "claimant_type": row.claimant_type if row else None,
        "set_by": row.set_by if row else None,
        "set_at": canonical.isoformat(row.set_at) if row else None,
        "appearances": [{"url": a.url, "added_by": a.added_by, "added_at": canonical.isoformat(a.added_at)}
                        for a in appearances],
    }
