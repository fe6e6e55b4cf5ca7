"""Reading captured evidence back: list it, show one capture (text, raw body or headers), diff two captures.

The one idea: a reviewer must read what the page *said*, so the text view runs the body through the same
pipeline an imported page goes through (`fetch.decode.decode` with the declared charset, then
`fetch.html.extract_html` for HTML, then `text.canonicalize`), and a diff compares those texts, not bytes:
an edited figure shows up as one changed line, a rotated ad or a new timestamp in the markup does not.
Captures are numbered per evidence, oldest first (1, 2, …), like article versions; the default diff is
between the capture the current verdict relied on and the newest.
"""

from __future__ import annotations

import difflib
import zlib
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from claimtrack import canonical_json as canonical
from claimtrack.errors import InputError, NotFound
from claimtrack.store.db import Store, reading
from claimtrack.store.models import Capture, CaptureRecord, Evidence, EvidenceArchive, Retraction
from claimtrack.views import records
from claimtrack.views.claims import get_claim
from claimtrack.views.evidence import evidence_states, record_id, state_fields

HTML_TYPES = ("text/html", "application/xhtml+xml")


def list_evidence(db: Store | Session, claim_id: int | None = None) -> list[dict[str, Any]]:
    """Every evidence item (of one claim, or all), with its newest capture, capture count and state."""
    with reading(db) as session:
        return _list(session, claim_id)


def _list(session: Session, claim_id: int | None) -> list[dict[str, Any]]:
    query = select(Evidence).order_by(Evidence.id)
    if claim_id is not None:
        get_claim(session, claim_id)
        query = query.where(Evidence.claim_id == claim_id)
    items = list(session.scalars(query))
    ids = [e.id for e in items]
    counts = dict(session.execute(select(Capture.evidence_id, func.count(Capture.id))
                                  .where(Capture.evidence_id.in_(ids)).group_by(Capture.evidence_id)).all()) \
        if ids else {}
    newest = {c.evidence_id: c for c in session.scalars(select(Capture).where(Capture.id.in_(
        select(func.max(Capture.id)).where(Capture.evidence_id.in_(ids)).group_by(Capture.evidence_id))))} \
        if ids else {}
    states = evidence_states(session, {e.claim_id for e in items})
    withdrawn = _retractions(session, ids)
    return [{**records.evidence(e, newest.get(e.id), counts.get(e.id, 0), withdrawn.get(e.id)),
             **state_fields(states.get(e.id))} for e in items]


def _retractions(session: Session, evidence_ids: list[int]) -> dict[int, Retraction]:
    """Evidence id -> the retraction that withdrew it, of these items."""
    return {r.evidence_id: r for r in session.scalars(select(Retraction).where(
        Retraction.evidence_id.in_(evidence_ids)))} if evidence_ids else {}


def get_evidence(session: Session, evidence_id: int) -> Evidence:
    evidence = session.get(Evidence, evidence_id)
    if evidence is None:
        raise NotFound(f"no evidence with id {evidence_id}")
    return evidence


def captures_of(session: Session, evidence_id: int) -> list[Capture]:
    return list(session.scalars(select(Capture).where(Capture.evidence_id == evidence_id).order_by(Capture.id)))


def pick(captures: list[Capture], number: int | None, evidence_id: int) -> tuple[int, Capture]:
    """(number, capture): capture `number` (1 = oldest; None = newest) of one evidence."""
    if not captures:
        raise NotFound(f"evidence {evidence_id} has no capture (it was added with --no-fetch): "
                       f"run `evidence check --claim …`")
    if number is None:
        return len(captures), captures[-1]
    if not 1 <= number <= len(captures):
        raise NotFound(f"evidence {evidence_id} has no capture {number} (it has 1 to {len(captures)})")
    return number, captures[number - 1]


def body_of(capture: Capture) -> bytes | None:
    if capture.body is None:
        return None
    return zlib.decompress(capture.body) if capture.body_encoding == "zlib" else capture.body


def text_of(capture: Capture) -> str:
    """What the page said: the body decoded and, for HTML, reduced to its main text (as `import` does)."""
    from claimtrack.fetch.decode import declared_charset, decode
    from claimtrack.text import canonicalize

    body = body_of(capture)
    if body is None:
        return ""
    content_type = capture.content_type or ""
    html = content_type.split(";", 1)[0].strip().lower() in HTML_TYPES
    try:
        decoded = decode(body, declared=declared_charset(content_type), html=html, label=f"capture {capture.id}")
    except InputError as exc:
        raise InputError(f"capture {capture.id} is not text ({exc}): use --raw") from None
    if not html:
        return canonicalize(decoded.text)
    from claimtrack.fetch.html import extract_html

    return canonicalize(extract_html(decoded.text, url=capture.final_url).text)


def show_capture(db: Store | Session, evidence_id: int, number: int | None = None, *,
                 text: bool = False) -> dict[str, Any]:
    """One capture of an evidence: metadata, wire-level record, WARC record id, and (if asked) its text."""
    with reading(db) as session:
        return _show(session, evidence_id, number, text)


def _show(session: Session, evidence_id: int, number: int | None, text: bool) -> dict[str, Any]:
    evidence = get_evidence(session, evidence_id)
    captures = captures_of(session, evidence_id)
    number, capture = pick(captures, number, evidence_id)
    record = session.scalar(select(CaptureRecord).where(CaptureRecord.capture_id == capture.id))
    state = evidence_states(session, [evidence.claim_id]).get(evidence_id, {})
    view = {"evidence": records.evidence(evidence, None, len(captures), _retractions(session, [evidence_id]).get(
                evidence_id)), "number": number, "of": len(captures),
            "capture": records.capture(capture), "record": record_view(record),
            "warc_record_id": record_id(capture.id, capture.fetched_at, capture.sha256) if capture.sha256 else None,
            "relied_on_by_verdict": state.get("relied_capture_id") == capture.id,
            "since_verdict": state.get("since_verdict"), "archives": _archives(session, evidence_id)}
    del view["evidence"]["capture"]
    if text:
        view["text"] = text_of(capture)
    return view


def record_view(record: CaptureRecord | None) -> dict[str, Any] | None:
    if record is None:
        return None
    return {"headers_known": record.headers_known, "method": record.method, "http_version": record.http_version,
            "reason": record.reason, "peer_ip": record.peer_ip, "request_headers": record.request_headers,
            "response_headers": record.response_headers, "redirects": record.redirects,
            "timings": record.timings,
            "started_at": canonical.isoformat(record.started_at) if record.started_at else None,
            "payload_digest": record.payload_digest}


def _archives(session: Session, evidence_id: int) -> list[dict[str, Any]]:
    rows = session.scalars(select(EvidenceArchive).where(EvidenceArchive.evidence_id == evidence_id)
                           .order_by(EvidenceArchive.id))
    return [{"id": a.id, "endpoint": a.endpoint, "outcome": a.outcome, "archive_url": a.archive_url,
             "error": a.error, "requested_by": a.requested_by,
             "requested_at": canonical.isoformat(a.requested_at)} for a in rows]


def raw_body(db: Store | Session, evidence_id: int, number: int | None = None) -> bytes:
    """The stored body of one capture, decompressed, byte for byte."""
    with reading(db) as session:
        get_evidence(session, evidence_id)
        _, capture = pick(captures_of(session, evidence_id), number, evidence_id)
        body = body_of(capture)
        if body is None:
            raise NotFound(f"capture {capture.id} of evidence {evidence_id} kept no body ({capture.outcome}"
                           f"{': ' + capture.error if capture.error else ''})")
        return body


def diff_captures(db: Store | Session, evidence_id: int, a: int | None = None, b: int | None = None,
                  context: int = 2) -> dict[str, Any]:
    """A unified text diff between captures `a` and `b` (default: the one the verdict relied on, the newest)."""
    with reading(db) as session:
        return _diff(session, evidence_id, a, b, context)


def _diff(session: Session, evidence_id: int, a: int | None, b: int | None, context: int) -> dict[str, Any]:
    evidence = get_evidence(session, evidence_id)
    captures = captures_of(session, evidence_id)
    if (a is None) != (b is None):
        raise InputError("give two capture numbers (A B) or none")
    if a is None:
        relied = evidence_states(session, [evidence.claim_id]).get(evidence_id, {}).get("relied_capture_id")
        numbers = {c.id: n for n, c in enumerate(captures, 1)}
        a = numbers.get(relied, 1) if captures else None
        b = len(captures) if captures else None
    (na, ca), (nb, cb) = pick(captures, a, evidence_id), pick(captures, b, evidence_id)
    old, new = text_of(ca), text_of(cb)
    lines = list(difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=context,
                                      fromfile=f"capture {na} ({canonical.isoformat(ca.fetched_at)})",
                                      tofile=f"capture {nb} ({canonical.isoformat(cb.fetched_at)})"))
    return {"evidence_id": evidence_id, "url": evidence.url, "a": {"number": na, **records.capture(ca)},
            "b": {"number": nb, **records.capture(cb)}, "same_body": ca.sha256 == cb.sha256 and ca.sha256 is not None,
            "same_text": old == new, "diff": lines}
