"""Claims as readers see them: one loader for a page of claims, and the claim records built from it.

The one idea: every reader gets a claim from `load` + `claim_record`, so a claim has the same mentions,
status and appearances everywhere (`claims list`, `claims show`, `review`, every report format). A
survivor's mentions are its own, then (by mention id) those of every claim merged into it, each marked
`via_claim` (`views.merges` holds the rule); a merged claim's record says `merged_into`.

Loading stays cheap on a million claims: one IN query per related table for the whole page (mentions with
their versions and articles, quantities, evidence with only the latest capture of each, verdicts with
approvals, dismissals), never a query per claim, and big columns (a version's text and raw bytes, a
capture's body) are never loaded. Filters and sorts of `list_claims` use indexed claim columns.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select, union
from sqlalchemy.orm import Session, load_only

from claimtrack.errors import InputError, NotFound
from claimtrack.store.db import Store, reading
from claimtrack.store.models import (
    CLAIM_STATUSES, Approval, Article, ArticleVersion, Capture, Claim, Dismissal, Evidence, Mention, Quantity,
    Restoration, Retraction, Verdict,
)
from claimtrack.views import merges, records
from claimtrack.views.evidence import evidence_states, state_fields
from claimtrack.views.claim_filter import CONTEXT_CAP, SORTS, ClaimFilter  # noqa: F401 - CONTEXT_CAP: re-exported
from claimtrack.views.claim_filter import window as _window
from claimtrack.views.records import Record

PARTS = ("quantities", "mentions", "evidence", "verdicts", "dismissals")
LISTED = ("quantities", "mentions")  # what a listing shows of each claim

__all__ = ["ClaimFilter", "Loaded", "PARTS", "claim_entities", "claim_record", "claim_records", "get_claim",
           "in_article", "list_claims", "load", "show_claim", "verdict_history"]


@dataclass
class Loaded:
    """One claim and its related rows, as loaded (ORM objects, detached once the session is emptied)."""

    claim: Claim
    merged_into: int | None = None
    merged: list[int] = field(default_factory=list)  # claims merged into this one (family order)
    quantities: list[Quantity] = field(default_factory=list)
    mentions: list[tuple[Mention, ArticleVersion, Article, int | None]] = field(default_factory=list)  # via
    evidence: list[tuple[Evidence, Capture | None, int]] = field(default_factory=list)
    verdicts: list[tuple[Verdict, Approval | None]] = field(default_factory=list)  # with the approval in force
    dismissals: list[tuple[Dismissal, Restoration | None]] = field(default_factory=list)
    parts: tuple[str, ...] = PARTS
    evidence_states: dict[int, Record] = field(default_factory=dict)  # views.evidence, by evidence id
    approvals: list[Approval] = field(default_factory=list)  # every approval row, retracted ones too
    retractions: list[Retraction] = field(default_factory=list)  # of the claim's evidence, verdicts, approvals


def load(session: Session, claims: list[Claim], parts: tuple[str, ...] = PARTS) -> list[Loaded]:
    """`claims` with the related rows of `parts`, a fixed number of queries for the whole page."""
    by_id = {claim.id: Loaded(claim, parts=parts) for claim in claims}
    ids = list(by_id)
    if not ids:
        return []
    for claim_id, into in merges.survivor_ids(session, claims).items():
        by_id[claim_id].merged_into = into
    if "quantities" in parts:
        for quantity in session.scalars(select(Quantity).where(Quantity.claim_id.in_(ids))
                                        .order_by(Quantity.claim_id, Quantity.start, Quantity.id)):
            by_id[quantity.claim_id].quantities.append(quantity)
    if "mentions" in parts:
        _load_mentions(session, by_id)
    # retractions come with the rows they withdraw (outer joins: no query of their own)
    if "evidence" in parts:
        for evidence, capture, count, retraction in _evidence(session, ids):
            by_id[evidence.claim_id].evidence.append((evidence, capture, count))
            if retraction is not None:
                by_id[evidence.claim_id].retractions.append(retraction)
    if "verdicts" in parts:
        verdicts = list(session.execute(select(Verdict, Retraction).outerjoin(
            Retraction, Retraction.verdict_id == Verdict.id).where(Verdict.claim_id.in_(ids)).order_by(Verdict.id)))
        owner = {v.id: v.claim_id for v, _ in verdicts}
        for approval, retraction in session.execute(select(Approval, Retraction).outerjoin(
                Retraction, Retraction.approval_id == Approval.id).where(Approval.verdict_id.in_(list(owner)))
                .order_by(Approval.id)) if verdicts else ():
            by_id[owner[approval.verdict_id]].approvals.append(approval)
            if retraction is not None:
                by_id[owner[approval.verdict_id]].retractions.append(retraction)
        for verdict, retraction in verdicts:
            by_id[verdict.claim_id].verdicts.append((verdict, None))
            if retraction is not None:
                by_id[verdict.claim_id].retractions.append(retraction)
        for item in by_id.values():  # each verdict with its approval in force
            item.verdicts = [(v, a) for v, a, *_ in records.verdict_parts(
                [v for v, _ in item.verdicts], item.approvals, item.retractions)] if item.verdicts else []
    if "evidence" in parts:  # after the verdicts: their retractions are known then
        _add_evidence_states(session, by_id, known="verdicts" in parts)
    if "dismissals" in parts:
        for d, r in session.execute(select(Dismissal, Restoration).outerjoin(
                Restoration, Restoration.dismissal_id == Dismissal.id)
                .where(Dismissal.claim_id.in_(ids)).order_by(Dismissal.id)):
            by_id[d.claim_id].dismissals.append((d, r))
    return [by_id[i] for i in ids]


def _load_mentions(session: Session, by_id: dict[int, Loaded]) -> None:
    """Own mentions, then the appearances of the claims merged into each (merge rule: `views.merges`)."""
    for mention, version, article in _mentions(session, list(by_id)):
        by_id[mention.claim_id].mentions.append((mention, version, article, None))
    members = merges.merged_members(session, list(by_id))
    owner = {member: survivor for survivor, others in members.items() for member in others}
    for survivor, others in members.items():
        by_id[survivor].merged = others
    for mention, version, article in _mentions(session, list(owner)) if owner else ():
        by_id[owner[mention.claim_id]].mentions.append((mention, version, article, mention.claim_id))


_VERSION_COLUMNS = load_only(
    ArticleVersion.id, ArticleVersion.article_id, ArticleVersion.number, ArticleVersion.raw_sha256,
    ArticleVersion.text_sha256, ArticleVersion.size, ArticleVersion.fetched_at, ArticleVersion.encoding,
    ArticleVersion.content_type, ArticleVersion.extractor, ArticleVersion.extractor_version,
    ArticleVersion.source, ArticleVersion.final_url, ArticleVersion.http_status, ArticleVersion.canonical_url)
_CAPTURE_COLUMNS = load_only(Capture.id, Capture.evidence_id, Capture.fetched_at, Capture.outcome, Capture.status,
                             Capture.final_url, Capture.content_type, Capture.title, Capture.sha256, Capture.size,
                             Capture.error)


def _mentions(session: Session, ids: list[int]):
    mentions = list(session.scalars(select(Mention).where(Mention.claim_id.in_(ids)).order_by(Mention.id)))
    version_ids = sorted({m.version_id for m in mentions})
    versions = {v.id: v for v in session.scalars(
        select(ArticleVersion).options(_VERSION_COLUMNS).where(ArticleVersion.id.in_(version_ids)))}
    article_ids = sorted({v.article_id for v in versions.values()})
    articles = {a.id: a for a in session.scalars(select(Article).where(Article.id.in_(article_ids)))}
    for mention in mentions:
        version = versions[mention.version_id]
        yield mention, version, articles[version.article_id]


def _evidence(session: Session, ids: list[int]):
    rows = list(session.execute(select(Evidence, Retraction).outerjoin(
        Retraction, Retraction.evidence_id == Evidence.id).where(Evidence.claim_id.in_(ids)).order_by(Evidence.id)))
    items = [e for e, _ in rows]
    withdrawn = {e.id: r for e, r in rows}
    evidence_ids = [e.id for e in items]
    latest = (select(Capture.evidence_id, func.max(Capture.id).label("last"), func.count(Capture.id).label("n"))
              .where(Capture.evidence_id.in_(evidence_ids)).group_by(Capture.evidence_id))
    stats = {row.evidence_id: (row.last, row.n) for row in session.execute(latest)} if evidence_ids else {}
    captures = {c.id: c for c in session.scalars(
        select(Capture).options(_CAPTURE_COLUMNS).where(Capture.id.in_(sorted(s[0] for s in stats.values()))))
    } if stats else {}
    for evidence in items:
        last, count = stats.get(evidence.id, (None, 0))
        yield evidence, captures.get(last) if last else None, count, withdrawn[evidence.id]


def _add_evidence_states(session: Session, by_id: dict[int, Loaded], *, known: bool) -> None:
    """Each evidence item's state since the verdict and its captured copy (no query when there is none);
    `known`: the claims' retractions are all loaded (evidence and verdicts), no need to read them again."""
    with_evidence = [cid for cid, item in by_id.items() if item.evidence]
    retractions = [r for cid in with_evidence for r in by_id[cid].retractions] if known else None
    states = evidence_states(session, with_evidence, retractions) if with_evidence else {}
    for cid in with_evidence:
        by_id[cid].evidence_states = {e.id: states.get(e.id, {}) for e, _, _ in by_id[cid].evidence}


def verdict_records(item: Loaded) -> list[Record]:
    parts = records.verdict_parts([v for v, _ in item.verdicts], item.approvals, item.retractions)
    return [records.verdict(v, a, current=current, retracted=r, withdrawn=w) for v, a, current, r, w in parts]


def mention_records(item: Loaded) -> list[Record]:
    return [records.mention(m, article_id=a.id, version_number=v.number, via_claim=via)
            for m, v, a, via in item.mentions]


def claim_record(item: Loaded) -> Record:
    """The claim record: its own fields, then each loaded part (`merged`: the ids merged into it)."""
    record = records.claim(item.claim, merged_into=item.merged_into)
    if "quantities" in item.parts:
        record["quantities"] = [records.quantity(q) for q in item.quantities]
    if "mentions" in item.parts:
        record["mentions"] = mention_records(item)
        record["merged"] = list(item.merged)
    if "evidence" in item.parts:
        withdrawn = {r.evidence_id: r for r in item.retractions if r.evidence_id is not None}
        record["evidence"] = [{**records.evidence(e, c, n, withdrawn.get(e.id)),
                               **state_fields(item.evidence_states.get(e.id))} for e, c, n in item.evidence]
    if "verdicts" in item.parts:
        record["verdicts"] = verdict_records(item)
        record["current_verdict"] = next((v["id"] for v in reversed(record["verdicts"]) if v["current"]), None)
    if "dismissals" in item.parts:
        record["dismissals"] = [records.dismissal(d, r) for d, r in item.dismissals]
    return record


def claim_records(session: Session, claims: list[Claim], parts: tuple[str, ...] = LISTED) -> list[Record]:
    return [claim_record(item) for item in load(session, claims, parts)]


# -- listing -------------------------------------------------------------------------------------------------


def list_claims(db: Store | Session, f: ClaimFilter) -> list[Record]:
    """One page of claims as records (CLI.md's claim object)."""
    with reading(db) as session:
        claims = list(session.scalars(_select(f).order_by(*_order(f)).limit(f.limit).offset(f.offset)))
        return claim_records(session, claims)


def count_claims(db: Store | Session, f: ClaimFilter, *, cap: int | None = None) -> int:
    """How many claims the filter selects, ignoring its limit and offset (for "50 of 1,644 shown"); at most
    `cap` + 1 when `cap` is given ("20 of more than 10,000 shown")."""
    with reading(db) as session:
        ids = _select(f).with_only_columns(Claim.id)
        return session.scalar(select(func.count()).select_from(
            (ids if cap is None else ids.limit(cap + 1)).subquery())) or 0


def _select(f: ClaimFilter):
    """The claims `f` selects (unordered, unpaged); bad values are input errors."""
    if f.status is not None and f.status not in CLAIM_STATUSES:
        raise InputError(f"unknown status {f.status!r}: use one of {', '.join(CLAIM_STATUSES)}")
    if f.sort not in SORTS:
        raise InputError(f"unknown sort {f.sort!r}: use one of {', '.join(SORTS)}")
    query = select(Claim)
    if f.status:
        query = query.where(Claim.status == f.status)
    if f.rating:
        query = query.where(Claim.rating == f.rating)
    if f.min_score is not None:
        query = query.where(Claim.score >= f.min_score)
    if f.article_id is not None:
        query = query.where(in_article(f.article_id))
    if f.reviewer:
        query = query.where(Claim.id.in_(_worked_on(f.reviewer)))
    return query


def in_article(article_id: int):
    """A condition on `Claim`: it is mentioned in some version of the article (`claims list --article`, the
    review queue's `--article`)."""
    return Claim.id.in_(select(Mention.claim_id).join(ArticleVersion, ArticleVersion.id == Mention.version_id)
                        .where(ArticleVersion.article_id == article_id))


def _order(f: ClaimFilter) -> tuple[Any, ...]:
    """The sort. With a selective filter (article, rating, reviewer: few rows) the sort key is wrapped
    (`+ 0`) so that SQLite filters first and sorts the few rows, instead of walking the whole score
    index looking for matches (measured: 8 s -> milliseconds on a million claims)."""
    selective = f.article_id is not None or bool(f.rating) or bool(f.reviewer)
    if f.sort == "score":
        # ties newest first: (score DESC, id DESC) is one backward walk of the (status,) score index
        return ((Claim.score + 0).desc() if selective else Claim.score.desc(), Claim.id.desc())
    return ((Claim.id + 0).desc(),) if selective else (Claim.created_at.desc(), Claim.id.desc())


def _worked_on(reviewer: str):
    return union(
        select(Verdict.claim_id).where(Verdict.reviewer == reviewer),
        select(Evidence.claim_id).where(Evidence.added_by == reviewer),
        select(Dismissal.claim_id).where(Dismissal.reviewer == reviewer),
    )


# -- one claim -----------------------------------------------------------------------------------------------


def get_claim(session: Session, claim_id: int) -> Claim:
    claim = session.get(Claim, claim_id)
    if claim is None:
        raise NotFound(f"no claim with id {claim_id}")
    return claim


def show_claim(db: Store | Session, claim_id: int, around: int = 2) -> Record:
    """One claim in context: every part, the sentences around its newest anchored mention, its links."""
    with reading(db) as session:
        record = claim_record(load(session, [get_claim(session, claim_id)])[0])
        record["context"] = claim_context(session, record["mentions"], around)
        record["links"] = similar_links(session, claim_id)
        record["checked_elsewhere"] = checked_elsewhere(session, record)
        return record


def checked_elsewhere(session: Session, record: Record) -> list[Record]:
    """Published fact-checks suggested for the claim (or those merged into it) and its articles' whole texts."""
    from claimtrack.views.factchecks import checked_elsewhere as suggested

    found = suggested(session, claim_ids=[record["id"], *record.get("merged", [])],
                      version_ids=[m["version_id"] for m in record["mentions"]])
    return sorted((s for items in found.values() for s in items),
                  key=lambda s: (s["decision"] != "confirmed", not s["confident"], -s["similarity"], s["id"]))


def similar_links(session: Session, claim_id: int) -> list[Record]:
    """The claim's "similar to #N" links with their state (linked, merged, unlinked), by link id."""
    return [{"link_id": link.id, "claim_id": link.other_id if link.claim_id == claim_id else link.claim_id,
             "similarity": link.similarity, "method": link.method, "state": state}
            for link, state in merges.links_of(session, claim_id)]


def verdict_history(db: Store | Session, claim_id: int) -> list[Record]:
    """Every verdict of a claim, oldest first, with approvals (CLI.md's verdict objects)."""
    with reading(db) as session:
        return verdict_records(load(session, [get_claim(session, claim_id)], ("verdicts",))[0])


def claim_context(session: Session, mentions: list[Record], around: int = 2) -> Record | None:
    """The sentences around the newest anchored mention; `start`/`end` locate the span inside `text`.

    An extracted mention's stored `paragraph` and `sentence_index` are passed on (None for a mention
    added by hand or re-anchored onto a new version, whose sentence numbering was not recorded)."""
    anchored = [m for m in mentions if not m["orphaned"]]
    if not anchored:
        return None
    m = max(anchored, key=lambda m: (m["version_id"], m["id"]))
    version = session.get(ArticleVersion, m["version_id"])
    lo, hi = _window(version.text, m["start"], m["end"], version.article.language, around)
    return {"article_id": m["article_id"], "version_id": m["version_id"], "mention_id": m["id"],
            "title": version.article.title, "text": version.text[lo:hi],
            "start": m["start"] - lo, "end": m["end"] - lo,
            "paragraph": m["paragraph"], "sentence_index": m["sentence_index"]}


def claim_entities(session: Session, claim_id: int) -> dict[str, list[int]]:
    """Every row that belongs to a claim, by table (for `audit log --claim`)."""
    get_claim(session, claim_id)
    evidence = list(session.scalars(select(Evidence.id).where(Evidence.claim_id == claim_id)))
    verdicts = list(session.scalars(select(Verdict.id).where(Verdict.claim_id == claim_id)))
    captures = list(session.scalars(select(Capture.id).where(Capture.evidence_id.in_(evidence))))
    return {
        "claim": [claim_id],
        "mention": list(session.scalars(select(Mention.id).where(Mention.claim_id == claim_id))),
        "evidence": evidence,
        "capture": captures,
        **_archival_entities(session, evidence, captures, verdicts),
        "verdict": verdicts,
        "approval": list(session.scalars(select(Approval.id).where(Approval.verdict_id.in_(verdicts)))),
        "dismissal": list(session.scalars(select(Dismissal.id).where(Dismissal.claim_id == claim_id))),
        "restoration": list(session.scalars(select(Restoration.id).where(Restoration.claim_id == claim_id))),
        "retraction": list(session.scalars(select(Retraction.id).where(Retraction.claim_id == claim_id))),
        **_detail_entities(session, claim_id),
    }


def _detail_entities(session: Session, claim_id: int) -> dict[str, list[int]]:
    """The publishing details of a claim (review/details.py), for its audit log."""
    from claimtrack.store.models import ClaimAppearance, ClaimDetail

    return {"claim_detail": list(session.scalars(select(ClaimDetail.id).where(ClaimDetail.claim_id == claim_id))),
            "claim_appearance": list(session.scalars(
                select(ClaimAppearance.id).where(ClaimAppearance.claim_id == claim_id)))}


def _archival_entities(session: Session, evidence: list[int], captures: list[int],
                       verdicts: list[int]) -> dict[str, list[int]]:
    """The rows migration 0007 added around a claim's captures (wire records, relied-on links, archivings)."""
    from claimtrack.store.models import CaptureRecord, EvidenceArchive, VerdictCapture

    return {
        "capture_record": list(session.scalars(select(CaptureRecord.id).where(CaptureRecord.capture_id.in_(captures)))),
        "verdict_capture": list(session.scalars(select(VerdictCapture.id)
                                                .where(VerdictCapture.verdict_id.in_(verdicts)))),
        "evidence_archive": list(session.scalars(select(EvidenceArchive.id)
                                                 .where(EvidenceArchive.evidence_id.in_(evidence)))),
    }
