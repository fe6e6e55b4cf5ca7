"""Evidence: a URL a reviewer attaches to a claim, and captures of what that URL said (WARC-like).

The one idea: the network is slow and unreliable, the database is neither, so every fetch happens
OUTSIDE a write transaction and its result is stored afterwards in a short one. The reviewer's input is
never lost to the network: when the fetch fails, the evidence is stored anyway with a capture whose
outcome is "error" (the command exits 0 and warns on stderr; `evidence check` tries again later).
What is refused outright, storing nothing, is input that is wrong in itself: a URL that is not http(s),
an unknown stance or claim, and a URL whose host resolves to an address the address policy refuses
(`fetch.policy`; unless the host is in `[fetch] allow_hosts`) — checked also when the URL is stored without
fetching, since a colleague's `evidence check` fetches it later. A redirect to such an address during the
fetch is a failed fetch (recorded).

A capture keeps the final URL, HTTP status, content type, page title, sha256 and size of the body, and
the body itself, zlib-compressed (`body_encoding="zlib"`), so the evidence survives link rot; its
`capture_record` keeps what a WARC record needs besides (request and response headers of every hop, the
address connected to, timings, the `sha1:` payload digest). A verdict records the newest capture of each
of the claim's evidence (`relied_on`), which is what "changed since the verdict" compares against.
`check_evidence` re-fetches every evidence URL concurrently (bounded thread pool; the httpx client is
thread-safe) and appends one capture each: unchanged (same sha256), changed, dead, or ok (first body).
"""

from __future__ import annotations

import base64
import hashlib
import zlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from claimtrack import canonical_json as canonical
from claimtrack.errors import Conflict, FetchError, InputError, NotFound
from claimtrack.store import audit
from claimtrack.review.status import refresh_status
from claimtrack.store.db import Store
from claimtrack.store.models import STANCES, Capture, CaptureRecord, Evidence, Retraction, Verdict, VerdictCapture
from claimtrack.clock import utcnow
from claimtrack.views import records
from claimtrack.views.claims import get_claim

TITLE_SCAN_BYTES = 256 * 1024
WRITE_BATCH = 50


@dataclass(frozen=True)
class Outcome:
    """What one fetch produced, ready to become a Capture row (no database involved)."""

    fetched_at: datetime
    outcome: str
    status: int | None = None
    final_url: str | None = None
    content_type: str | None = None
    title: str | None = None
    sha256: str | None = None
    size: int | None = None
    body: bytes | None = None
    error: str | None = None
    exchanges: tuple = ()  # fetch.client.Exchange of every hop, the final response last

    def capture(self, evidence_id: int, outcome: str | None = None) -> Capture:
        body = zlib.compress(self.body, 6) if self.body is not None else None
        return Capture(evidence_id=evidence_id, fetched_at=self.fetched_at, outcome=outcome or self.outcome,
                       status=self.status, final_url=self.final_url, content_type=self.content_type,
                       title=self.title, sha256=self.sha256, size=self.size, body=body,
                       body_encoding="zlib" if body is not None else None, error=self.error)

    def record(self, capture_id: int) -> CaptureRecord:
        """The wire-level record of this fetch (headers of every hop, peer address, timings, digests)."""
        final = self.exchanges[-1] if self.exchanges else None
        return CaptureRecord(
            capture_id=capture_id, headers_known=True, method=final.method if final else None,
            http_version=final.http_version if final else None, reason=final.reason if final else None,
            peer_ip=final.peer_ip if final else None,
            request_headers=[list(h) for h in final.request_headers] if final else None,
            response_headers=[list(h) for h in final.response_headers] if final else None,
            redirects=[_hop(e) for e in self.exchanges[:-1]], timings=dict(final.timings) if final else None,
            started_at=self.exchanges[0].started_at if self.exchanges else None,
            payload_digest=payload_digest(self.body) if self.body is not None else None)


def payload_digest(body: bytes) -> str:
    """The WARC payload digest of a body: `sha1:` and the base32 of its SHA-1."""
    return "sha1:" + base64.b32encode(hashlib.sha1(body).digest()).decode("ascii")


def _hop(e) -> dict[str, Any]:
    return {"url": e.url, "method": e.method, "status": e.status, "reason": e.reason,
            "http_version": e.http_version, "peer_ip": e.peer_ip,
            "started_at": canonical.isoformat(e.started_at),
            "request_headers": [list(h) for h in e.request_headers],
            "response_headers": [list(h) for h in e.response_headers], "timings": dict(e.timings)}


def store_capture(session: Session, actor: str, action: str, evidence_id: int, outcome: Outcome,
                  verdict: str | None = None) -> Capture:
    """Insert a capture and its wire-level record, each audited (inside the caller's write)."""
    capture = outcome.capture(evidence_id, verdict)
    session.add(capture)
    audit.record(session, actor, action, capture, payload={"evidence_id": evidence_id,
                                                           "outcome": capture.outcome})
    record = outcome.record(capture.id)
    session.add(record)
    audit.record(session, actor, "capture.record", record, payload={"capture_id": capture.id})
    return capture


def record_relied_on(session: Session, verdict: Verdict, actor: str) -> list[int]:
    """Record the newest capture of each of the claim's evidence as what `verdict` relied on."""
    from sqlalchemy import func

    newest = list(session.scalars(select(func.max(Capture.id)).join(Evidence, Evidence.id == Capture.evidence_id)
                                  .where(Evidence.claim_id == verdict.claim_id, live_evidence())
                                  .group_by(Capture.evidence_id)))
    for capture_id in sorted(newest):
        link = VerdictCapture(verdict_id=verdict.id, capture_id=capture_id, inferred=False)
        session.add(link)
        audit.record(session, actor, "verdict.relied_on", link, payload={"verdict_id": verdict.id,
                                                                         "capture_id": capture_id})
    return sorted(newest)


@dataclass
class AddResult:
    evidence: dict[str, Any]
    warning: str | None = None


def check_url(url: str) -> None:
    """Refuse anything that is not an absolute http(s) URL with a host."""
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https"):
        raise InputError(f"evidence must be an http or https URL, not {parts.scheme or 'no scheme'!r}: {url}")
    if not parts.hostname:
        raise InputError(f"URL has no host: {url}")


def refuse_private(fetcher, url: str) -> None:
    """Refuse (FetchError) a URL whose host resolves to a non-public address, before anything is stored.

    A name that does not resolve at all is not refused here: that is a failed fetch, recorded as such.
    """
    from claimtrack.fetch.client import refuse_addresses
    from claimtrack.fetch.policy import host_allowed

    parts = urlsplit(url)
    if host_allowed(parts.hostname or "", fetcher.allow_hosts):
        return
    try:
        port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
        addresses = fetcher.resolve(parts.hostname, port)
    except (ValueError, FetchError):
        return
    refuse_addresses(parts.hostname, addresses)


def fetch(fetcher, url: str) -> Outcome:
    """Fetch `url` and describe the result; never raises for network trouble (outcome "error")."""
    try:
        got = fetcher.get(url, ok_only=False)
    except FetchError as exc:
        return Outcome(utcnow(), "error", error=str(exc))
    ok = got.status < 400
    return Outcome(got.fetched_at, "ok" if ok else "error", status=got.status, final_url=got.final_url,
                   content_type=got.content_type or None, title=page_title(got.body, got.content_type,
                                                                          got.charset),
                   sha256=hashlib.sha256(got.body).hexdigest(), size=len(got.body), body=got.body,
                   error=None if ok else f"HTTP {got.status} from {got.final_url}",
                   exchanges=tuple(getattr(got, "exchanges", ())))


def add_evidence(store: Store, fetcher, claim_id: int, url: str, stance: str, *, actor: str,
                 note: str | None = None, fetch_now: bool = True) -> AddResult:
    """Attach `url` to a claim with a stance; fetch it (outside the transaction) and store a capture."""
    url = url.strip()
    check_url(url)
    if stance not in STANCES:
        raise InputError(f"unknown stance {stance!r}: use one of {', '.join(STANCES)}")
    with store.read() as session:
        get_claim(session, claim_id)
    outcome = None
    if fetcher is not None:
        refuse_private(fetcher, url)
    if fetch_now:
        outcome = fetch(fetcher, url)
    with store.write() as session:
        claim = get_claim(session, claim_id)
        evidence = Evidence(claim_id=claim_id, url=url, stance=stance, note=(note or "").strip() or None,
                            added_by=actor)
        session.add(evidence)
        audit.record(session, actor, "evidence.add", evidence, payload={"claim_id": claim_id, "url": url,
                                                                         "stance": stance})
        capture = store_capture(session, actor, "capture.add", evidence.id, outcome) if outcome else None
        refresh_status(session, claim)
        view = records.evidence(evidence, capture, 1 if capture is not None else 0)
    warning = f"evidence {view['id']} stored, but the fetch failed: {outcome.error}" \
        if outcome and outcome.outcome == "error" else None
    return AddResult(view, warning)


def retract_evidence(store: Store | Session, evidence_id: int, reason: str, *, actor: str) -> Retraction:
    """Withdraw an evidence item (its author's own) by a `Retraction` (event `evidence.retract`): it no longer
    counts for the claim (status, a rating's evidence requirement, what a new verdict relies on, checks) and
    readers show it as retracted; the evidence and its captures stay."""
    from claimtrack.store.db import writing

    if not reason or not reason.strip():
        raise InputError("a reason is required to retract evidence (--reason)")
    with writing(store) as session:
        evidence = session.get(Evidence, evidence_id)
        if evidence is None:
            raise NotFound(f"no evidence with id {evidence_id}")
        if audit.normalise_reviewer(evidence.added_by) != audit.normalise_reviewer(actor):
            raise InputError(f"evidence {evidence_id} was added by {evidence.added_by}: only its author retracts it")
        if session.scalar(select(Retraction.id).where(Retraction.evidence_id == evidence_id)) is not None:
            raise InputError(f"evidence {evidence_id} is already retracted")
        retraction = Retraction(claim_id=evidence.claim_id, evidence_id=evidence.id, reason=reason.strip(),
                                reviewer=actor)
        session.add(retraction)
        try:
            session.flush()
        except IntegrityError:
            raise Conflict(f"evidence {evidence_id} was retracted at the same moment") from None
        audit.record(session, actor, "evidence.retract", retraction,
                     payload={"claim_id": evidence.claim_id, "evidence_id": evidence.id, "reason": reason.strip()})
        refresh_status(session, get_claim(session, evidence.claim_id))
        return retraction


def live_evidence():
    """A condition: the evidence no retraction withdrew."""
    return Evidence.id.not_in(select(Retraction.evidence_id).where(Retraction.evidence_id.is_not(None)))


@dataclass
class CheckReport:
    checked: int = 0
    counts: dict[str, int] = field(default_factory=lambda: {"unchanged": 0, "changed": 0, "dead": 0, "ok": 0})
    items: list[dict[str, Any]] = field(default_factory=list)
    since_verdict: dict[str, int] = field(default_factory=dict)

    def failing(self, states: tuple[str, ...]) -> int:
        """How many items are in one of `states`, by this check or since their verdict."""
        return sum(1 for i in self.items if i["outcome"] in states or i.get("since_verdict") in states)

    def as_dict(self) -> dict[str, Any]:
        return {"checked": self.checked, **self.counts, "since_verdict": self.since_verdict, "items": self.items}


def check_evidence(store: Store, fetcher, *, actor: str, claim_id: int | None = None,
                   concurrency: int = 8) -> CheckReport:
    """Re-fetch every evidence URL (of one claim, or all) concurrently; append a capture for each."""
    targets = _targets(store, claim_id)
    report = CheckReport(checked=len(targets))
    if not targets:
        return report
    with ThreadPoolExecutor(max_workers=max(1, min(concurrency, len(targets)))) as pool:
        outcomes = list(pool.map(lambda t: fetch(fetcher, t[1]), targets))
    results = list(zip(targets, outcomes, strict=True))
    for start in range(0, len(results), WRITE_BATCH):
        with store.write() as session:
            for (evidence_id, url, previous), outcome in results[start:start + WRITE_BATCH]:
                report.items.append(_store_check(session, actor, evidence_id, url, previous, outcome))
    for item in report.items:
        report.counts[item["outcome"]] += 1
    _since_verdict(store, report)
    return report


def _since_verdict(store: Store, report: CheckReport) -> None:
    """Each checked item's state since its claim's verdict (a page that changed once stays flagged)."""
    from claimtrack.views.evidence import evidence_states

    with store.read() as session:
        claims = set(session.scalars(select(Evidence.claim_id).where(
            Evidence.id.in_([i["evidence_id"] for i in report.items]))))
        states = evidence_states(session, claims)
    for item in report.items:
        item["since_verdict"] = states.get(item["evidence_id"], {}).get("since_verdict")
        state = item["since_verdict"]
        if state is not None:
            report.since_verdict[state] = report.since_verdict.get(state, 0) + 1



def _targets(store: Store, claim_id: int | None) -> list[tuple[int, str, str | None]]:
    """(evidence id, url, sha256 of the newest capture that had a body) for each evidence to check."""
    with store.read() as session:
        query = select(Evidence.id, Evidence.url).where(live_evidence()).order_by(Evidence.id)
        if claim_id is not None:
            get_claim(session, claim_id)
            query = query.where(Evidence.claim_id == claim_id)
        rows = list(session.execute(query))
        shas = _last_bodies(session, [r.id for r in rows])
    return [(r.id, r.url, shas.get(r.id)) for r in rows]


def _last_bodies(session: Session, evidence_ids: list[int]) -> dict[int, str]:
    shas: dict[int, str] = {}
    for chunk in range(0, len(evidence_ids), 1000):
        ids = evidence_ids[chunk:chunk + 1000]
        rows = session.execute(select(Capture.evidence_id, Capture.sha256)
                               .where(Capture.evidence_id.in_(ids), Capture.sha256.is_not(None))
                               .order_by(Capture.id))
        shas.update({evidence_id: sha for evidence_id, sha in rows})
    return shas


def _store_check(session: Session, actor: str, evidence_id: int, url: str, previous: str | None,
                 outcome: Outcome) -> dict[str, Any]:
    if outcome.outcome == "error":
        verdict = "dead"
    elif previous is None:
        verdict = "ok"
    else:
        verdict = "unchanged" if outcome.sha256 == previous else "changed"
    capture = store_capture(session, actor, "capture.check", evidence_id, outcome, verdict)
    return {"evidence_id": evidence_id, "url": url, "outcome": verdict, "previous_sha256": previous,
            "capture": records.capture(capture)}


def page_title(body: bytes, content_type: str, charset: str | None) -> str | None:
    """The text of the first <title> of an HTML body (None for other content)."""
    if "html" not in content_type.lower() and not body[:512].lstrip().lower().startswith((b"<!doctype html",
                                                                                          b"<html")):
        return None
    try:
        text = body[:TITLE_SCAN_BYTES].decode(charset or "utf-8", "replace")
    except LookupError:
        text = body[:TITLE_SCAN_BYTES].decode("utf-8", "replace")
    parser = _TitleParser()
    try:
        parser.feed(text)
    except _Done:
        pass
    title = " ".join("".join(parser.parts).split())
    return title[:1000] or None


class _Done(Exception):
    pass


class _TitleParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.inside = False
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "title":
            self.inside = True
        elif tag == "body":
            raise _Done

    def handle_endtag(self, tag: str) -> None:
        if tag == "title" and self.inside:
            raise _Done

    def handle_data(self, data: str) -> None:
        if self.inside:
            self.parts.append(data)
