"""The report as plain data: one record per claim, a summary, and the header every format shares.

The one idea: every format renders the same plain values (str, int, float, bool, None, lists, dicts),
built here once, with timestamps already in canonical form (`canonical.isoformat`) and lists in id order.
A format never touches the database and never decides what is in the report; it only lays it out. The
summary is accumulated claim by claim (`Summary.add`), so it can be written after a streamed body.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from claimtrack import canonical
from claimtrack.report.query import Loaded

Record = dict[str, Any]
REPORT_VERSION = 1


def _ts(value: datetime | None) -> str | None:
    return canonical.isoformat(value) if value is not None else None


def claim_record(item: Loaded) -> Record:
    """The plain-data record of one claim in scope."""
    claim = item.claim
    verdicts = _verdicts(item)
    current = next((v for v in reversed(verdicts) if v["current"]), None)
    return {
        "id": claim.id, "text": claim.text, "language": claim.language, "score": claim.score,
        "reasons": [str(r) for r in (claim.reasons or [])], "origin": claim.origin, "status": claim.status,
        "rating": claim.rating, "created_at": _ts(claim.created_at), "created_by": claim.created_by,
        "quantities": [_quantity(q) for q in item.quantities],
        "mentions": [_mention(m, v, a) for m, v, a in item.mentions],
        "evidence": [_evidence(e, c, n, item.evidence_states.get(e.id, {})) for e, c, n in item.evidence],
        "verdicts": verdicts,
        "current_verdict": current["id"] if current else None,
        "dismissals": [{"id": d.id, "reason": d.reason, "reviewer": d.reviewer, "created_at": _ts(d.created_at)}
                       for d in item.dismissals],
    }


def _quantity(q) -> Record:
    return {"text": q.text, "start": q.start, "end": q.end, "kind": q.kind, "value": q.value, "low": q.low,
            "high": q.high, "qualifier": q.qualifier, "unit": q.unit, "currency": q.currency}


def _mention(m, v, a) -> Record:
    return {
        "id": m.id, "start": m.start, "end": m.end, "quote": m.quote, "prefix": m.prefix or "",
        "suffix": m.suffix or "", "orphaned": bool(m.orphaned), "anchor": m.anchor, "created_at": _ts(m.created_at),
        "article": {"id": a.id, "title": a.title, "url": a.url, "source": a.source, "site": a.site,
                    "published": a.published, "language": a.language},
        "version": {"id": v.id, "number": v.number, "text_sha256": v.text_sha256, "raw_sha256": v.raw_sha256,
                    "fetched_at": _ts(v.fetched_at)},
    }


def _evidence(e, c, count: int, state: dict[str, Any]) -> Record:
    capture = None if c is None else {
        "fetched_at": _ts(c.fetched_at), "outcome": c.outcome, "status": c.status, "final_url": c.final_url,
        "content_type": c.content_type, "title": c.title, "sha256": c.sha256, "size": c.size, "error": c.error}
    return {"id": e.id, "url": e.url, "stance": e.stance, "note": e.note, "added_by": e.added_by,
            "added_at": _ts(e.added_at), "captures": count, "capture": capture,
            # the captured copy (a WARC record id `evidence export` writes) and its state since the verdict
            "since_verdict": state.get("since_verdict"), "warc_record_id": state.get("record_id")}


def _verdicts(item: Loaded) -> list[Record]:
    superseded = {v.supersedes_id for v, _ in item.verdicts if v.supersedes_id is not None}
    return [{
        "id": v.id, "rating": v.rating, "rationale": v.rationale, "reviewer": v.reviewer,
        "created_at": _ts(v.created_at), "supersedes": v.supersedes_id, "current": v.id not in superseded,
        "approved_by": a.reviewer if a else None, "approved_at": _ts(a.created_at) if a else None,
    } for v, a in item.verdicts]


def current_verdict(record: Record) -> Record | None:
    """The verdict in force (the head of the history), or None."""
    return next((v for v in record["verdicts"] if v["id"] == record["current_verdict"]), None)


def first_article(record: Record) -> Record | None:
    """The article of the claim's first mention (lowest id), or None."""
    return record["mentions"][0]["article"] if record["mentions"] else None


@dataclass
class Summary:
    """Totals over the claims in scope, accumulated one record at a time."""

    scale: tuple[str, ...]
    claims: int = 0
    by_status: Counter[str] = field(default_factory=Counter)
    by_rating: Counter[str] = field(default_factory=Counter)
    reviewers: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    links: Counter[str] = field(default_factory=Counter)
    waits: list[int] = field(default_factory=list)  # microseconds from import to first verdict

    def add(self, record: Record) -> None:
        self.claims += 1
        self.by_status[record["status"]] += 1
        if record["rating"]:
            self.by_rating[record["rating"]] += 1
        for verdict in record["verdicts"]:
            self.reviewers[verdict["reviewer"]]["verdicts"] += 1
            if verdict["approved_by"]:
                self.reviewers[verdict["approved_by"]]["approvals"] += 1
        for dismissal in record["dismissals"]:
            self.reviewers[dismissal["reviewer"]]["dismissals"] += 1
        for evidence in record["evidence"]:
            self.links[evidence["capture"]["outcome"] if evidence["capture"] else "not_captured"] += 1
        if record["verdicts"]:
            self.waits.append(_micros(record["verdicts"][0]["created_at"]) - _micros(record["created_at"]))

    def ratings(self) -> list[str]:
        """The configured scale, then any other rating found, in name order."""
        return list(self.scale) + sorted(set(self.by_rating) - set(self.scale))

    def as_dict(self) -> Record:
        return {
            "claims": self.claims,
            "by_status": dict(sorted(self.by_status.items())),
            "by_rating": {name: self.by_rating.get(name, 0) for name in self.ratings()},
            "reviewers": {name: {k: counts.get(k, 0) for k in ("verdicts", "approvals", "dismissals")}
                          for name, counts in sorted(self.reviewers.items())},
            "evidence_links": dict(sorted(self.links.items())),
            "median_seconds_to_first_verdict": _median_seconds(self.waits),
            "rated_claims_timed": len(self.waits),
        }


def duration_text(seconds: float | None) -> str:
    """`1d 2h 3m 4s` for a duration in seconds (— for none)."""
    if seconds is None:
        return "—"
    whole = int(seconds)
    return f"{whole // 86400}d {whole % 86400 // 3600}h {whole % 3600 // 60}m {whole % 60}s"


def _micros(stamp: str) -> int:
    value = datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%S.%fZ")
    return ((value.toordinal() * 86400 + value.hour * 3600 + value.minute * 60 + value.second) * 1_000_000
            + value.microsecond)


def _median_seconds(waits: list[int]) -> float | None:
    """The median in seconds, rounded to the microsecond (integer arithmetic, so it is the same everywhere)."""
    if not waits:
        return None
    ordered = sorted(waits)
    mid = len(ordered) // 2
    micros = ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) // 2
    return round(micros / 1_000_000, 6)


@dataclass
class Report:
    """What a format renders: the header, a way to stream the claim records, and the options."""

    about: Record
    stream: Any  # () -> Iterator[Record]: a fresh pass over the claims in scope, in id order
    scale: tuple[str, ...]
    organisation: str
    base_url: str
    per: str = "claim"  # CSV only: one row per "claim" or per "mention"
    bom: bool = False  # CSV only: a UTF-8 byte-order mark for Excel

    def claims(self):
        return self.stream()

    def summarise(self) -> Summary:
        """A first pass over the claims, for formats that show the summary before the claims."""
        summary = Summary(self.scale)
        for record in self.claims():
            summary.add(record)
        return summary
