"""Migration 0007 on a database with captures and a verdict (headers unknown, relied-on captures inferred),
and `evidence archive` against a fake Save Page Now on 127.0.0.1 (both databases)."""

from __future__ import annotations

import base64
import hashlib
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import pytest
from sqlalchemy import select

from claimtrack.config import Settings
from claimtrack.context import AppContext
from claimtrack.store.models import CaptureRecord, EvidenceArchive, VerdictCapture
from tests.conftest import invoke
from tests.evidence.conftest import cited, ok
from tests.reliability.test_migrations_keep_data import fill_0001


def test_0007_marks_old_captures_headers_unknown_and_infers_what_verdicts_relied_on(db_url, tmp_path):
    from warcio.archiveiterator import ArchiveIterator

    from claimtrack.store.db import resolve_url
    from claimtrack.store.migrate import upgrade

    upgrade(resolve_url(db_url), "0002")
    fill_0001(db_url)
    _bump_sequences(db_url)
    upgrade(resolve_url(db_url))
    context = AppContext(Settings(db=db_url, reviewer="alice", review_single_user=True, fetch_allow_hosts=("127.0.0.1",)))
    try:
        with context.store.read() as session:
            record = session.scalar(select(CaptureRecord))
            links = [(v.verdict_id, v.capture_id, v.inferred) for v in session.scalars(select(VerdictCapture))]
        assert (record.capture_id, record.headers_known, record.response_headers) == (1, False, None)
        assert record.payload_digest == "sha1:" + base64.b32encode(hashlib.sha1(b"hello").digest()).decode()
        assert links == [(1, 1, True)]
        assert ok("audit", "verify", context=context).exit_code == 0
        assert ok("db", "check", context=context).exit_code == 0
        headers = ok("evidence", "show", "1", "--headers", context=context).stdout
        assert "headers: unknown (captured before claimtrack kept headers)" in headers
        listed = json.loads(ok("evidence", "list", "--json", context=context).stdout)
        assert listed[0]["since_verdict"] == "unchanged" and listed[0]["relied_capture_id"] == 1
        out = tmp_path / "old.warc.gz"
        ok("evidence", "export", "--out", str(out), context=context)
        with open(out, "rb") as f:
            records = [(r.rec_type, r.content_stream().read(), r.rec_headers) for r in ArchiveIterator(f)]
        assert [kind for kind, _, _ in records] == ["warcinfo", "resource", "metadata"]
        assert records[1][1] == b"hello" and records[1][2].get_header("Content-Type") == "text/html"
        assert b"claimtrack-headers-known: false\r\n" in records[2][1]
    finally:
        context.close()


def _bump_sequences(db_url: str) -> None:
    """fill_0001 inserts explicit ids; on PostgreSQL the id sequences must move past them."""
    from sqlalchemy import text

    from claimtrack.store.db import create_db_engine, resolve_url

    engine = create_db_engine(resolve_url(db_url))
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            for table in ("article", "article_version", "claim", "mention", "quantity", "evidence", "capture",
                          "verdict", "approval", "export"):
                conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                  f"(SELECT max(id) FROM {table}))"))
    engine.dispose()


class FakeSavePageNow:
    """Save Page Now (SPN2) on 127.0.0.1: POST /save -> job id; GET /save/status/<id> pending, then success."""

    def __init__(self, fail: bool = False) -> None:
        self.posts: list[tuple[dict, dict]] = []
        self.polls = 0
        self.fail = fail


@pytest.fixture
def spn():
    state = FakeSavePageNow()

    class Handler(BaseHTTPRequestHandler):
        def _answer(self, status: int, body: dict) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_POST(self):  # noqa: N802
            form = parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode())
            state.posts.append((dict(self.headers), form))
            if state.fail:
                self._answer(429, {"message": "You have already reached the limit of active sessions."})
            else:
                self._answer(200, {"url": form["url"][0], "job_id": "spn2-abc"})

        def do_GET(self):  # noqa: N802
            state.polls += 1
            if state.polls < 2:
                self._answer(200, {"status": "pending", "job_id": "spn2-abc"})
            else:
                self._answer(200, {"status": "success", "job_id": "spn2-abc", "timestamp": "20261201201500",
                                   "original_url": state.posts[-1][1]["url"][0]})

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", state
    server.shutdown()
    server.server_close()


def _archiving_context(db_url: str, endpoint: str) -> AppContext:
    return AppContext(Settings(db=db_url, reviewer="alice", review_single_user=True, fetch_allow_hosts=("127.0.0.1",), archive_endpoint=endpoint,
                               archive_auth="LOW key:secret", archive_poll_seconds=0))


def test_archive_is_off_by_default(context, seeded, site):
    base, _ = site
    _, evidence = cited(context, seeded, base)
    result = invoke("evidence", "archive", str(evidence), context=context)
    assert result.exit_code == 1 and result.stderr.startswith("Error: archive submission is off: set [archive]")
    with context.store.read() as session:
        assert session.scalar(select(EvidenceArchive.id)) is None


def test_archive_submits_polls_and_stores_the_archived_copy(db_url, seeded, site, spn, context):
    base, _ = site
    endpoint, state = spn
    _, evidence = cited(context, seeded, base)
    archiving = _archiving_context(db_url, f"{endpoint}/save")
    try:
        result = json.loads(ok("evidence", "archive", str(evidence), "--json", context=archiving).stdout)
    finally:
        archiving.close()
    assert result["outcome"] == "ok"
    assert result["archive_url"] == f"{endpoint}/web/20261201201500/{base}/old"
    headers, form = state.posts[0]
    assert form["url"] == [f"{base}/old"] and headers["Authorization"] == "LOW key:secret"
    assert headers["User-Agent"].startswith("claimtrack/") and state.polls == 2
    shown = json.loads(ok("evidence", "show", str(evidence), "--json", context=context).stdout)
    assert [(a["outcome"], a["archive_url"]) for a in shown["archives"]] == [("ok", result["archive_url"])]
    assert ok("audit", "verify", context=context).exit_code == 0


def test_a_refused_archive_submission_is_stored_and_exits_1(db_url, seeded, site, spn, context):
    base, _ = site
    endpoint, state = spn
    state.fail = True
    _, evidence = cited(context, seeded, base)
    archiving = _archiving_context(db_url, f"{endpoint}/save")
    try:
        result = invoke("evidence", "archive", str(evidence), context=archiving)
    finally:
        archiving.close()
    assert result.exit_code == 1
    assert result.stderr.endswith("Error: archive submission failed: the archive answered HTTP 429: "
                                  "You have already reached the limit of active sessions.\n")
    with context.store.read() as session:
        row = session.scalar(select(EvidenceArchive))
    assert (row.outcome, row.archive_url) == ("error", None) and "HTTP 429" in row.error
