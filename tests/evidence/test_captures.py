"""Captures to WARC standard, viewing them, and evidence changed or dead since the verdict (both databases)."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import zlib

from sqlalchemy import select

from claimtrack.store.models import Capture, CaptureRecord, VerdictCapture
from tests.conftest import invoke
from tests.evidence.conftest import HTML, cited, ok, page


def test_a_capture_keeps_headers_peer_redirects_timings_and_both_digests(context, seeded, site):
    base, _ = site
    _, evidence = cited(context, seeded, base)
    view = json.loads(ok("evidence", "show", str(evidence), "--json", context=context).stdout)
    record, body = view["record"], page(b"1,412")
    assert record["headers_known"] is True and record["peer_ip"] == "127.0.0.1"
    assert record["method"] == "GET" and record["reason"] == "OK" and record["http_version"].startswith("HTTP/1.")
    assert ["Content-Type", "text/html; charset=utf-8"] in record["response_headers"]
    assert any(n == "User-Agent" and v.startswith("claimtrack/") for n, v in record["request_headers"])
    assert [(h["url"], h["status"]) for h in record["redirects"]] == [(f"{base}/old", 301)]
    assert ["Location", "/firms"] in record["redirects"][0]["response_headers"]
    assert {"headers_ms", "body_ms"} <= set(record["timings"])
    assert record["payload_digest"] == "sha1:" + base64.b32encode(hashlib.sha1(body).digest()).decode()
    assert view["capture"]["sha256"] == hashlib.sha256(body).hexdigest()
    assert view["capture"]["final_url"] == f"{base}/firms"
    with context.store.read() as session:
        stored = session.get(Capture, view["capture"]["id"])
        assert stored.body_encoding == "zlib" and zlib.decompress(stored.body) == body and len(stored.body) < len(body)


def test_show_text_raw_and_headers(context, seeded, site):
    base, _ = site
    _, evidence = cited(context, seeded, base)
    text = ok("evidence", "show", str(evidence), "--text", context=context).stdout
    assert "The city register lists 1,412 AI firms as of March." in text and "<p>" not in text
    assert ok("evidence", "show", str(evidence), "--raw", context=context).stdout == page(b"1,412").decode()
    headers = ok("evidence", "show", str(evidence), "--headers", context=context).stdout
    assert "< HTTP/1.0 301 Moved Permanently" in headers and "< Location: /firms" in headers
    assert "< Content-Type: text/html; charset=utf-8" in headers and "> User-Agent: claimtrack/" in headers
    missing = ok("evidence", "show", str(evidence), "--capture", "2", context=context, code=1)
    assert missing.stderr == f"Error: evidence {evidence} has no capture 2 (it has 1 to 1)\n"
    assert ok("evidence", "show", "999", context=context, code=1).stderr == "Error: no evidence with id 999\n"
    both = ok("evidence", "show", str(evidence), "--raw", "--text", context=context, code=1)
    assert both.stderr == "Error: choose one of --text, --raw, --headers\n"


def test_changed_since_the_verdict_is_flagged_until_a_new_verdict_and_dead_fails_cron(context, seeded, site):
    base, routes = site
    claim, evidence = cited(context, seeded, base)
    ok("verdict", "set", str(claim), "mostly-false", "--rationale", "The register lists 1,412.", context=context)
    with context.store.read() as session:
        relied = list(session.scalars(select(VerdictCapture.capture_id)))
        first = session.scalar(select(Capture.id).where(Capture.evidence_id == evidence))
    assert relied == [first]
    listed = json.loads(ok("evidence", "list", "--claim", str(claim), "--json", context=context).stdout)
    assert [(e["id"], e["since_verdict"], e["captures"]) for e in listed] == [(evidence, "unchanged", 1)]

    routes["/firms"] = (200, HTML, page(b"2,013"))
    check = ok("evidence", "check", "--fail-on", "dead,changed", context=context, code=1)
    assert check.stdout == f"id\toutcome\turl\terror\n{evidence}\tchanged\t{base}/old\t-\n"
    assert "changed              1             1  yes" in check.stderr
    assert check.stderr.endswith("Error: 1 link(s) dead or changed (--fail-on dead,changed)\n")
    again = ok("evidence", "check", "--fail-on", "changed", context=context, code=1)
    assert again.stdout == f"id\toutcome\turl\terror\n{evidence}\tunchanged\t{base}/old\t-\n"  # unchanged since the last capture, not the verdict
    ok("evidence", "check", context=context)  # without --fail-on cron is not told
    shown = ok("claims", "show", str(claim), context=context).stdout
    assert "CHANGED SINCE THE VERDICT" in shown
    assert json.loads(ok("claims", "show", str(claim), "--json", context=context).stdout)[
        "evidence"][0]["since_verdict"] == "changed"

    ok("verdict", "set", str(claim), "false", "--rationale", "Now 2,013.", context=context)
    ok("evidence", "check", "--fail-on", "dead,changed", context=context)
    assert "SINCE THE VERDICT" not in ok("claims", "show", str(claim), context=context).stdout

    routes["/firms"] = (404, HTML, b"<title>gone</title>")
    dead = ok("evidence", "check", "--fail-on", "dead", "--json", context=context, code=1)
    data = json.loads(dead.stdout)
    assert data["dead"] == 1 and data["failed"] == 1 and data["items"][0]["since_verdict"] == "dead"
    assert "DEAD SINCE THE VERDICT" in ok("claims", "show", str(claim), context=context).stdout
    bad = ok("evidence", "check", "--fail-on", "broken", context=context, code=1)
    assert bad.stderr == "Error: --fail-on takes dead, changed (comma-separated), not 'broken'\n"


def test_diff_defaults_to_the_capture_the_verdict_relied_on_against_the_newest(context, seeded, site):
    base, routes = site
    claim, evidence = cited(context, seeded, base)
    ok("verdict", "set", str(claim), "mostly-false", "--rationale", "The register lists 1,412.", context=context)
    routes["/firms"] = (200, HTML, page(b"1,500"))
    ok("evidence", "check", context=context)
    routes["/firms"] = (200, HTML, page(b"2,013"))
    ok("evidence", "check", context=context)
    diff = ok("evidence", "diff", str(evidence), context=context).stdout.splitlines()
    assert diff[0].startswith(f"evidence {evidence} {base}/old: capture 1 (sha256 ")
    assert "-The city register lists 1,412 AI firms as of March." in diff
    assert "+The city register lists 2,013 AI firms as of March." in diff
    assert diff[1].startswith("--- capture 1 (") and diff[2].startswith("+++ capture 3 (")
    between = json.loads(ok("evidence", "diff", str(evidence), "2", "3", "--json", context=context).stdout)
    assert (between["a"]["number"], between["b"]["number"], between["same_text"]) == (2, 3, False)
    assert "-The city register lists 1,500 AI firms as of March." in between["diff"]
    assert ok("evidence", "diff", str(evidence), "3", "3", context=context).stdout.endswith("same body\n")
    relied = ok("evidence", "show", str(evidence), "--capture", "1", context=context).stdout
    assert "relied on by the current verdict" in relied and "since the verdict: changed" in relied


def test_a_failed_fetch_keeps_a_record_without_headers_of_a_response(context, seeded, site):
    base, _ = site
    claim = seeded.claims["firms"]
    added = ok("evidence", "add", str(claim), "http://127.0.0.1:9/none", "--stance", "context",
               "--json", context=context)
    evidence = json.loads(added.stdout)["id"]
    view = json.loads(ok("evidence", "show", str(evidence), "--json", context=context).stdout)
    assert view["capture"]["outcome"] == "error" and view["record"]["response_headers"] is None
    assert view["warc_record_id"] is None
    with context.store.read() as session:
        assert session.scalar(select(CaptureRecord.payload_digest)
                              .where(CaptureRecord.capture_id == view["capture"]["id"])) is None
    assert "kept no body" in ok("evidence", "show", str(evidence), "--raw", context=context, code=1).stderr


HOSTILE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def test_hostile_pages_and_headers_reach_the_terminal_stripped(context, seeded, site):
    base, routes = site
    evil = ("<html><head><title>T\x1b]0;pwned\x07itle</title></head><body><article><p>The register \x1b[2Jlists "
            "\u202e1,412\u202c firms as of March, the statistics office said on Monday.</p></article></body></html>")
    routes["/firms"] = (200, {**HTML, "X-Evil": "a\x1b[31mb"}, evil.encode())
    claim, evidence = cited(context, seeded, base)
    ok("verdict", "set", str(claim), "false", "--rationale", "r", context=context)
    routes["/firms"] = (200, HTML, evil.replace("1,412", "2,013").encode())
    ok("evidence", "check", context=context)
    for args in (("evidence", "show", str(evidence), "--capture", "1", "--text"),
                 ("evidence", "show", str(evidence), "--capture", "1", "--headers"),
                 ("evidence", "list"), ("evidence", "diff", str(evidence)), ("claims", "show", str(claim))):
        result = ok(*args, context=context)
        assert not HOSTILE.search(result.stdout + result.stderr), (args, result.stdout)
    assert "lists 1,412 firms as of March" in ok("evidence", "show", str(evidence), "--capture", "1", "--text",
                                                  context=context).stdout


def test_review_brings_back_a_rated_claim_whose_evidence_changed_and_shows_the_flag(context, seeded, site):
    from claimtrack.review.queue import Review
    from tests.review.test_review_queue import Script

    class Seen(Script):
        def show(self, view):
            super().show(view)
            self.views = [*getattr(self, "views", []), view]

    base, routes = site
    claim, _ = cited(context, seeded, base)
    ok("verdict", "set", str(claim), "mostly-false", "--rationale", "1,412.", context=context)
    first = Seen(["q"])
    Review(context.store, first, "alice", ("true", "false", "mostly-false")).run()
    assert first.shown == [seeded.claims["output"]]  # a rated claim with unchanged evidence stays out
    routes["/firms"] = (200, HTML, page(b"2,013"))
    ok("evidence", "check", context=context)
    at_terminal = invoke("review", "--no-fetch", context=context, input="q\n")
    assert at_terminal.exit_code == 0 and "CHANGED SINCE THE VERDICT" in at_terminal.stdout
    ui = Seen(["r", "false", "The register now lists 2,013.", "q"])
    Review(context.store, ui, "bob", ("true", "false", "mostly-false")).run()
    assert ui.shown == [claim, seeded.claims["output"]]  # back first; the new verdict takes it out again
    assert [e["since_verdict"] for e in ui.views[0]["evidence"]] == ["changed"]
    after = invoke("review", "--no-fetch", context=context, input="q\n")
    assert after.exit_code == 0 and "SINCE THE VERDICT" not in after.stdout
