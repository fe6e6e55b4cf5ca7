"""`evidence export`: captures as WARC 1.1 records (ISO 28500), alone or packed as WACZ (report/wacz.py).

The one idea: a capture becomes the records an archivist's tool expects, written by `warcio`, and the
records' ids are the ones reports already print (views.evidence.record_id), so a report's "captured copy"
resolves inside the export. Per capture, oldest first:

- for each redirect hop: a `request` and a `response` record (3xx, its headers, no body);
- the final exchange: a `request` and a `response` record (status line, every header as received, the body,
  `WARC-IP-Address` = the address connected to). claimtrack stores the body decoded (httpx undoes gzip),
  so `Content-Encoding`/`Transfer-Encoding` are kept as `X-Archive-Orig-…` and `Content-Length` is the
  stored body's: the payload digest then matches what is replayed. A capture from before headers were
  kept (`headers_known` false) becomes a `resource` record (the body with its content type) instead;
- a `metadata` record (`WARC-Refers-To` the main record) linking it to its claim, evidence (and the
  retraction that withdrew it, if any), stance and the verdicts that relied on it, with outcome, sha256,
  timings and the state since the verdict;
- a failed fetch with no body: only the `metadata` record, saying why.
warcio computes every block and payload digest; the file is gzipped record by record, written atomically
and recorded as an Export (format `warc` or `wacz`).
"""

from __future__ import annotations

import json
import tempfile
import zlib
from collections.abc import Iterator
from io import BytesIO
from typing import Any, BinaryIO
from urllib.parse import urlsplit

from sqlalchemy import select

from claimtrack import __version__, canonical_json as canonical
from claimtrack.errors import InputError, NotFound
from claimtrack.report.writer import ExportInfo, atomic_sink, check_target, record_export
from claimtrack.store.db import Store
from claimtrack.store.models import Capture, CaptureRecord, Claim, Evidence, Retraction, Verdict, VerdictCapture
from claimtrack.clock import utcnow
from claimtrack.views.evidence import evidence_states, record_id

FORMATS = ("warc", "wacz")
RENAMED = ("content-encoding", "transfer-encoding")


def export_evidence(store: Store, out: str, *, format: str, claim_id: int | None = None,
                    since: str | None = None, actor: str) -> dict[str, Any]:
    """Write the captures in scope to `out` as WARC (gzipped) or WACZ; the export's summary."""
    from claimtrack.report.scope import parse_when

    if format not in FORMATS:
        raise InputError(f"unknown export format {format!r}: use warc or wacz")
    target = check_target(out)
    if target is None:
        raise InputError("evidence export needs a file (--out PATH), not stdout")
    now = utcnow()
    after = parse_when(since, now=now) if since else None
    with tempfile.TemporaryFile() as warc:
        records, captures, pages = write_warc(store, warc, claim_id=claim_id, since=after, created=now)
        with atomic_sink(target) as sink:
            if format == "warc":
                warc.seek(0)
                _copy(warc, sink)
            else:
                from claimtrack.report.wacz import write_wacz

                write_wacz(warc, pages, sink, created=now, title=_title(claim_id))
    export_id = record_export(store, ExportInfo(format, after, None, now, str(target), captures, sink.sha256),
                              actor)
    return {"export_id": export_id, "format": format, "path": str(target), "captures": captures,
            "records": records, "size": sink.size, "sha256": sink.sha256}


def _title(claim_id: int | None) -> str:
    return f"claimtrack evidence of claim {claim_id}" if claim_id else "claimtrack evidence"


def _copy(source: BinaryIO, sink) -> None:
    while chunk := source.read(1 << 20):
        sink.write_bytes(chunk)


def write_warc(store: Store, out: BinaryIO, *, claim_id: int | None = None, since=None,
               created=None) -> tuple[int, int, list[dict[str, Any]]]:
    """Write the records of every capture in scope to `out`; (records, captures, pages for WACZ)."""
    from warcio.warcwriter import WARCWriter

    writer = WARCWriter(out, gzip=True, warc_version="1.1")
    builder = _Builder(writer)
    builder.warcinfo(created or utcnow())
    captures = 0
    with store.read() as session:
        if claim_id is not None and session.get(Claim, claim_id) is None:
            raise NotFound(f"no claim with id {claim_id}")
        links = _links(session, claim_id)
        for capture, record, evidence, claim in _rows(session, claim_id, since):
            builder.capture(capture, record, evidence, claim, links)
            captures += 1
            session.expunge(capture)
    return builder.count, captures, builder.pages


def _rows(session, claim_id: int | None, since) -> Iterator[tuple[Capture, Any, Evidence, Claim]]:
    query = (select(Capture, CaptureRecord, Evidence, Claim).join(Evidence, Evidence.id == Capture.evidence_id)
             .join(Claim, Claim.id == Evidence.claim_id)
             .outerjoin(CaptureRecord, CaptureRecord.capture_id == Capture.id).order_by(Capture.id))
    if claim_id is not None:
        query = query.where(Evidence.claim_id == claim_id)
    if since is not None:
        query = query.where(Capture.fetched_at >= since)
    yield from session.execute(query.execution_options(yield_per=50))


def _links(session, claim_id: int | None) -> dict[str, Any]:
    """Which verdicts relied on which capture, each evidence's retraction (it no longer counts) and its state
    since the verdict."""
    query = select(VerdictCapture.capture_id, Verdict.id, Verdict.rating, Verdict.reviewer).join(
        Verdict, Verdict.id == VerdictCapture.verdict_id)
    claims = select(Evidence.claim_id).distinct()
    if claim_id is not None:
        query = query.where(Verdict.claim_id == claim_id)
        claims = claims.where(Evidence.claim_id == claim_id)
    relied: dict[int, list[str]] = {}
    for capture_id, verdict_id, rating, reviewer in session.execute(query.order_by(Verdict.id)):
        relied.setdefault(capture_id, []).append(f"{verdict_id} {rating} by {_field(reviewer)}")
    retractions = select(Retraction).where(Retraction.evidence_id.is_not(None))
    if claim_id is not None:
        retractions = retractions.where(Retraction.claim_id == claim_id)
    retracted = {r.evidence_id: f"{r.id} by {_field(r.reviewer)} at {_date(r.created_at)}: {_field(r.reason)}"
                 for r in session.scalars(retractions)}
    return {"relied": relied, "retracted": retracted,
            "states": evidence_states(session, list(session.scalars(claims)))}


class _Builder:
    """Turns captures into warcio records and writes them; keeps what WACZ's pages list needs."""

    def __init__(self, writer) -> None:
        self.writer = writer
        self.count = 0
        self.pages: list[dict[str, Any]] = []

    def _write(self, uri: str, kind: str, payload: bytes, *, headers: dict[str, str], http=None,
               content_type: str = "") -> None:
        record = self.writer.create_warc_record(uri, kind, payload=BytesIO(payload), length=len(payload),
                                                warc_content_type=content_type, warc_headers_dict=headers,
                                                http_headers=http)
        self.writer.write_record(record)
        self.count += 1

    def warcinfo(self, created) -> None:
        info = {"software": f"claimtrack/{__version__} (warcio)", "format": "WARC File Format 1.1",
                "conformsTo": "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/",
                "description": "Evidence captures of claimtrack, with claims and verdicts in metadata records"}
        body = "".join(f"{k}: {v}\r\n" for k, v in info.items()).encode("utf-8")
        self._write("", "warcinfo", body, headers={"WARC-Date": _date(created)},
                    content_type="application/warc-fields")

    def capture(self, capture: Capture, record: CaptureRecord | None, evidence: Evidence, claim: Claim,
                links: dict[str, Any]) -> None:
        body = _body(capture)
        main_id = record_id(capture.id, capture.fetched_at, capture.sha256)
        uri = capture.final_url or evidence.url
        known = bool(record and record.headers_known and record.response_headers is not None)
        for n, hop in enumerate(record.redirects if record else []):
            self._exchange(capture, hop, b"", f"hop{n}")
        wrote_main = False
        if body is not None and known:
            final = {"url": uri, "method": record.method, "status": capture.status, "reason": record.reason,
                     "http_version": record.http_version, "peer_ip": record.peer_ip,
                     "request_headers": record.request_headers, "response_headers": record.response_headers}
            self._exchange(capture, final, body, "final", response_id=main_id)
            wrote_main = True
        elif body is not None:
            self._write(uri, "resource", body, headers={"WARC-Record-ID": main_id,
                                                       "WARC-Date": _date(capture.fetched_at)},
                        content_type=capture.content_type or "application/octet-stream")
            wrote_main = True
        if wrote_main:
            self.pages.append({"id": main_id.strip("<>").rsplit(":", 1)[-1], "url": uri,
                               "ts": _date(capture.fetched_at), "title": capture.title or uri})
        self._metadata(capture, record, evidence, claim, links, uri, main_id if wrote_main else None)

    def _exchange(self, capture: Capture, hop: dict[str, Any], body: bytes, tag: str,
                  response_id: str | None = None) -> None:
        from warcio.statusandheaders import StatusAndHeaders

        when = _date(capture.fetched_at) if tag == "final" else hop.get("started_at") or _date(capture.fetched_at)
        response_id = response_id or record_id(capture.id, capture.fetched_at, capture.sha256, f"response-{tag}")
        request_id = record_id(capture.id, capture.fetched_at, capture.sha256, f"request-{tag}")
        version = hop.get("http_version") or "HTTP/1.1"
        parts = urlsplit(hop["url"])
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        request = StatusAndHeaders(f"{hop.get('method') or 'GET'} {target} {version}",
                                   [tuple(h) for h in hop.get("request_headers") or []], is_http_request=True)
        self._write(hop["url"], "request", b"", http=request,
                    headers={"WARC-Record-ID": request_id, "WARC-Date": when, "WARC-Concurrent-To": response_id})
        status = f"{hop.get('status')} {hop.get('reason') or ''}".strip()
        response = StatusAndHeaders(status, _replay_headers(hop.get("response_headers") or [], len(body)),
                                    protocol=version)
        headers = {"WARC-Record-ID": response_id, "WARC-Date": when}
        if hop.get("peer_ip"):
            headers["WARC-IP-Address"] = hop["peer_ip"]
        self._write(hop["url"], "response", body, http=response, headers=headers)

    def _metadata(self, capture: Capture, record, evidence: Evidence, claim: Claim, links: dict[str, Any],
                  uri: str, main_id: str | None) -> None:
        state = links["states"].get(evidence.id, {})
        fields = [("claimtrack-claim-id", claim.id), ("claimtrack-claim", claim.text),
                  ("claimtrack-evidence-id", evidence.id), ("claimtrack-evidence-url", evidence.url),
                  ("claimtrack-stance", evidence.stance), ("claimtrack-note", evidence.note),
                  ("claimtrack-added-by", evidence.added_by),
                  ("claimtrack-evidence-retracted", links["retracted"].get(evidence.id)),
                  ("claimtrack-capture-id", capture.id),
                  ("claimtrack-outcome", capture.outcome), ("claimtrack-status", capture.status),
                  ("claimtrack-sha256", capture.sha256), ("claimtrack-error", capture.error),
                  ("claimtrack-headers-known", str(bool(record and record.headers_known)).lower()),
                  ("claimtrack-timings", json.dumps(record.timings, sort_keys=True) if record and record.timings
                   else None),
                  *[("claimtrack-redirect", hop["url"]) for hop in (record.redirects if record else [])],
                  *[("claimtrack-relied-on-by-verdict", v) for v in links["relied"].get(capture.id, [])],
                  ("claimtrack-current-verdict", state.get("verdict_id")),
                  ("claimtrack-since-verdict", state.get("since_verdict"))]
        body = "".join(f"{name}: {_field(value)}\r\n" for name, value in fields if value is not None)
        headers = {"WARC-Record-ID": record_id(capture.id, capture.fetched_at, capture.sha256, "metadata"),
                   "WARC-Date": _date(capture.fetched_at)}
        if main_id:
            headers["WARC-Refers-To"] = main_id
        self._write(uri, "metadata", body.encode("utf-8"), headers=headers, content_type="application/warc-fields")


def _replay_headers(pairs: list[list[str]], size: int) -> list[tuple[str, str]]:
    """Headers as received, made true of the stored (decoded) body: see the module docstring."""
    out = []
    for name, value in pairs:
        if name.lower() in RENAMED:
            out.append((f"X-Archive-Orig-{name}", value))
        elif name.lower() != "content-length":
            out.append((name, value))
    out.append(("Content-Length", str(size)))
    return out


def _body(capture: Capture) -> bytes | None:
    if capture.body is None:
        return None
    return zlib.decompress(capture.body) if capture.body_encoding == "zlib" else capture.body


def _field(value: Any) -> str:
    """A warc-fields value: one line, no control characters."""
    return " ".join(str(value).replace("\r", " ").replace("\n", " ").split())


def _date(when) -> str:
    return canonical.isoformat(when) if not isinstance(when, str) else when
