"""The report as plain data: one record per claim, a summary, and the header every format shares.

The one idea: every format renders the same plain values (str, int, float, bool, None, lists, dicts): the
read model's records (`views`), projected here onto the report's documented keys, with timestamps already
in canonical form and lists in id order.
A format never touches the database and never decides what is in the report; it only lays it out. The
summary is accumulated claim by claim (`Summary.add`), so it can be written after a streamed body.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from claimtrack.views import records
from claimtrack.views.claims import Loaded, claim_record as read_record
from claimtrack.views.records import Record, project

REPORT_VERSION = 1


_CLAIM_KEYS = ("id", "text", "language", "score", "reasons", "origin", "status", "rating", "created_at",
               "created_by")
_MENTION_KEYS = ("id", "start", "end", "quote", "prefix", "suffix", "orphaned", "anchor", "created_at")
_ARTICLE_KEYS = ("id", "title", "url", "source", "site", "published", "language")
_VERSION_KEYS = ("id", "number", "text_sha256", "raw_sha256", "fetched_at")
_EVIDENCE_KEYS = ("id", "url", "stance", "note", "added_by", "added_at", "captures", "capture", "retracted")
_CAPTURE_KEYS = ("fetched_at", "outcome", "status", "final_url", "content_type", "title", "sha256", "size", "error")
_VERDICT_KEYS = ("id", "rating", "rationale", "reviewer", "created_at", "supersedes", "current", "approved_by",
                 "approved_at", "retracted", "retracted_approvals")
_DISMISSAL_KEYS = ("id", "reason", "reviewer", "created_at")
# "checked elsewhere" (issue 20): a published fact-check suggested for the claim, and the reviewers' decision
ELSEWHERE_KEYS = ("id", "factcheck_id", "publisher", "rating", "rating_value", "published", "url", "claim_text",
                  "language", "similarity", "confident", "reason", "decision")


def claim_record(item: Loaded) -> Record:
    """The published record of one claim in scope: the read model's records projected onto the report's
    documented keys (`report.schema.json`); a survivor lists the appearances of claims merged into it."""
    claim = read_record(item)
    return {
        **project(claim, _CLAIM_KEYS),
        "quantities": claim["quantities"],
        "mentions": [{**_mention(m, v, a, r), **_mention_publishing(m, v, a, item)}
                     for (m, v, a, _), r in zip(item.mentions, claim["mentions"], strict=True)],
        "evidence": [_evidence(e) for e in claim["evidence"]],
        "verdicts": [project(v, _VERDICT_KEYS) for v in claim["verdicts"]],
        "current_verdict": claim["current_verdict"],
        "dismissals": [project(d, _DISMISSAL_KEYS) for d in claim["dismissals"]],
        "checked_elsewhere": [{k: s[k] for k in ELSEWHERE_KEYS} for s in _publishing(item).elsewhere],
        **_claim_publishing(item, [project(v, _VERDICT_KEYS) for v in claim["verdicts"]]),
    }


def _mention(m, v, a, record: Record) -> Record:
    return {**project(record, _MENTION_KEYS), "article": project(records.article(a), _ARTICLE_KEYS),
            "version": project(records.version(v), _VERSION_KEYS)}


def _evidence(record: Record) -> Record:
    capture = record["capture"]
    return {**project(record, _EVIDENCE_KEYS), "capture": project(capture, _CAPTURE_KEYS) if capture else None,
            # the captured copy (the WARC record id `evidence export` writes) and its state since the verdict
            "since_verdict": record.get("since_verdict"), "warc_record_id": record.get("record_id")}


def current_verdict(record: Record) -> Record | None:
    """The verdict in force (the head of the history), or None."""
    return next((v for v in record["verdicts"] if v["id"] == record["current_verdict"]), None)


def first_article(record: Record) -> Record | None:
    """The article of the claim's first mention (lowest id), or None."""
    return record["mentions"][0]["article"] if record["mentions"] else None


# --- Publishing (issue 17): what a fact-check feed and an editor need beyond the audit record ----------------------

def _publishing(item: Loaded):
    from claimtrack.report.query import Publishing

    return getattr(item, "publishing", None) or Publishing()  # attached by report.query.stream


def _claim_publishing(item: Loaded, verdicts: list[Record]) -> Record:
    """The claim's publishing details and the verdict that may be published (the last approved one)."""
    extra = _publishing(item)
    detail = extra.detail
    approved = [v for v in verdicts if v["approved_at"]]
    return {
        "details": {"summary": detail.summary if detail else None, "claimant": detail.claimant if detail else None,
                    "claimant_type": detail.claimant_type if detail else None,
                    "appearances": [a.url for a in extra.appearances]},
        "published_verdict": approved[-1]["id"] if approved else None,
        "first_published_at": min(v["approved_at"] for v in approved) if approved else None,
    }


def _mention_publishing(m, v, a, item: Loaded) -> Record:
    """A sentence of context either side, and the article's public URL (None for a local path or stdin)."""
    from claimtrack.report.query import CONTEXT
    from claimtrack.report.sentences import around
    from claimtrack.text.urls import public_url

    candidates = (a.__dict__.get("canonical_url"), v.__dict__.get("canonical_url"), a.url, v.final_url, a.source)
    return {"context": around(_publishing(item).windows.get(m.id), m.start, m.end, a.language, m.prefix or "",
                              m.suffix or "",
                              reach=CONTEXT),
            "public_url": next((u for u in map(public_url, candidates) if u), None)}


def elsewhere_text(s: Record) -> str:
    """`PolitiFact False 2024-05-01 https://…` — what a report prints of a fact-check elsewhere (unescaped)."""
    parts = [s["publisher"] or "unknown publisher", s["rating"] or "unrated", s["published"] or "undated", s["url"]]
    state = "confirmed" if s["decision"] == "confirmed" else "suggested"
    return " ".join(p for p in parts if p) + f" ({state}, similarity {s['similarity']:.2f})"


def published_verdict(record: Record) -> Record | None:
    """The verdict the feed publishes: the last approved one (a newer verdict may await approval)."""
    return next((v for v in record["verdicts"] if v["id"] == record["published_verdict"]), None)


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
            if evidence.get("retracted"):  # withdrawn by its author: no longer counts
                continue
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
    ratings: tuple[Any, ...] = ()  # config.RatingDef: slug, label, ClaimReview number
    organisation_url: str = ""
    timezone: str = "UTC"  # [report] timezone: how the HTML report shows times
    include_unapproved: bool = False  # ClaimReview previews: the current verdict even if not approved
    warnings: list[str] = field(default_factory=list)

    def warn(self, message: str) -> None:
        """A message for the operator (printed after the report is written), each once."""
        if message not in self.warnings:
            self.warnings.append(message)

    def claims(self):
        return self.stream()

    def summarise(self) -> Summary:
        """A first pass over the claims, for formats that show the summary before the claims."""
        summary = Summary(self.scale)
        for record in self.claims():
            summary.add(record)
        return summary
