"""Review commands in-process: output shapes, the evidence capture, and every bad input leaving no trace."""

from __future__ import annotations

import json
import zlib

import httpx
import pytest
from sqlalchemy import select

from claimtrack.context import AppContext
from claimtrack.store.models import Capture
from tests.conftest import invoke
from tests.review.conftest import PAGES, page_handler, snapshot


def _ids(seeded):
    return seeded.claims["firms"], seeded.claims["output"], seeded.claims["critics"]


def test_claims_list_plain_and_json(web_context, seeded):
    firms, output, critics = _ids(seeded)
    result = invoke("claims", "list", context=web_context)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        "id\tscore\tstatus\trating\tclaim",
        f"{firms}\t0.90\tunreviewed\t-\tThe city now hosts nearly 2000 AI firms.",
        f"{output}\t0.70\tunreviewed\t-\tOutput grew 30% in 2024.",
        f"{critics}\t0.40\tunreviewed\t-\tCritics disagree."]
    data = json.loads(invoke("claims", "list", "--min-score", "0.5", "--limit", "1", "--offset", "1", "--json",
                             context=web_context).stdout)
    assert [c["id"] for c in data] == [output]
    assert {"id", "text", "score", "reasons", "status", "rating", "quantities", "mentions"} <= set(data[0])
    assert {"id", "article_id", "version_id", "start", "end", "quote", "prefix", "suffix", "orphaned"} <= set(
        data[0]["mentions"][0])


def test_evidence_add_captures_the_page_and_show_renders_it(web_context, seeded):
    firms = seeded.claims["firms"]
    result = invoke("evidence", "add", str(firms), "https://stats.example.org/moved", "--stance", "refutes",
                    "--note", "table 2", "--json", context=web_context)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    ev = json.loads(result.stdout)
    assert ev["capture"]["final_url"] == "https://stats.example.org/a"
    assert (ev["capture"]["status"], ev["capture"]["title"], ev["capture"]["size"]) == (200, "Firm count & more",
                                                                                        len(PAGES["/a"][2]))
    with web_context.store.read() as s:
        capture = s.scalar(select(Capture))
        assert zlib.decompress(capture.body) == PAGES["/a"][2] and capture.body_encoding == "zlib"
    shown = invoke("claims", "show", str(firms), context=web_context)
    assert shown.exit_code == 0
    lines = shown.stdout.splitlines()
    assert lines[0] == f"claim {firms}  score 0.90  status in_review  rating -  (statistic)"
    assert "«The city now hosts nearly 2000 AI firms.»" in lines[2]
    assert any(line.startswith(f"  #{ev['id']} refutes https://stats.example.org/moved by alice [ok 200 Firm count")
               for line in lines)


def test_failed_fetch_still_stores_evidence_and_warns(web_context, seeded):
    before = snapshot(web_context.store)
    result = invoke("evidence", "add", str(seeded.claims["firms"]), "https://stats.example.org/gone",
                    "--stance", "context", context=web_context)
    assert result.exit_code == 0
    assert result.stderr.startswith("Warning: evidence 1 stored, but the fetch failed: HTTP 404 from")
    after = snapshot(web_context.store)
    assert after["counts"]["evidence"] == before["counts"]["evidence"] + 1
    assert after["counts"]["capture"] == 1


def test_evidence_check_reports_unchanged_changed_dead(web_context, seeded, pages):
    firms = seeded.claims["firms"]
    for path in ("/a", "/b", "/gone"):
        assert invoke("evidence", "add", str(firms), f"https://x.example.org{path}", "--stance", "context",
                      context=web_context).exit_code == 0
    pages["/b"] = (200, "text/plain", b"new words")
    result = invoke("evidence", "check", "--json", context=web_context)
    report = json.loads(result.stdout)
    assert [(i["evidence_id"], i["outcome"]) for i in report["items"]] == [(1, "unchanged"), (2, "changed"),
                                                                           (3, "dead")]
    assert (report["checked"], report["unchanged"], report["changed"], report["dead"]) == (3, 1, 1, 1)
    assert snapshot(web_context.store)["counts"]["capture"] == 6


def test_verdict_set_approve_history_and_audit(web_context, seeded):
    firms = seeded.claims["firms"]
    invoke("evidence", "add", str(firms), "https://x.example.org/a", "--stance", "supports", context=web_context)
    result = invoke("verdict", "set", str(firms), "true", "--rationale", "registry agrees", "--expect-current",
                    "none", context=web_context)
    assert (result.exit_code, result.stdout) == (0, f"verdict 1: claim {firms} rated true\n")
    conflict = invoke("verdict", "set", str(firms), "false", "--rationale", "x", "--expect-current", "none",
                      context=web_context)
    assert conflict.exit_code == 1
    assert conflict.stderr.startswith(f"Error: claim {firms} now has verdict 1 by alice, not no verdict")
    assert invoke("--reviewer", "bob", "verdict", "approve", str(firms), context=web_context).stdout == \
        f"verdict 1 on claim {firms} approved by bob\n"
    hist = json.loads(invoke("verdict", "history", str(firms), "--json", context=web_context).stdout)
    assert [(v["rating"], v["reviewer"], v["approved_by"]) for v in hist] == [("true", "alice", "bob")]
    assert {"id", "rating", "rationale", "reviewer", "created_at", "supersedes", "approved_by",
            "approved_at"} <= set(hist[0])
    verify = invoke("audit", "verify", context=web_context)
    assert verify.exit_code == 0 and verify.stdout.startswith("events: ")
    log = json.loads(invoke("audit", "log", "--claim", str(firms), "--json", context=web_context).stdout)
    assert [e["action"] for e in log] == ["claim.create", "evidence.add", "capture.add", "capture.record",
                                          "verdict.set", "verdict.relied_on", "verdict.approve"]


def test_claims_add_and_dismiss(web_context, seeded):
    result = invoke("claims", "add", str(seeded.article_id), "--quote", "Nobody knows the real number.",
                    context=web_context)
    assert result.exit_code == 0 and result.stdout.startswith("new claim 4: mention 4 [")
    result = invoke("claims", "dismiss", "4", "--reason", "vague", context=web_context)
    assert (result.exit_code, result.stdout) == (0, "claim 4 dismissed (dismissal 1)\n")


def _private(settings):
    return AppContext(settings, transport=httpx.MockTransport(page_handler(PAGES)), resolve=lambda h, p: ["10.1.2.3"])


BAD = {
    "unknown claim id": (["verdict", "set", "99", "true", "--rationale", "x"], "Error: no claim with id 99"),
    "unknown claim for evidence": (["evidence", "add", "99", "https://x.example.org/a", "--stance", "supports"],
                                   "Error: no claim with id 99"),
    "bad scheme": (["evidence", "add", "{firms}", "ftp://x.example.org/a", "--stance", "supports"],
                   "Error: evidence must be an http or https URL, not 'ftp': ftp://x.example.org/a"),
    "no scheme": (["evidence", "add", "{firms}", "x.example.org/a", "--stance", "supports"],
                  "Error: evidence must be an http or https URL, not 'no scheme': x.example.org/a"),
    "private address": (["evidence", "add", "{firms}", "https://intranet.example/a", "--stance", "supports"],
                        "Error: refusing intranet.example: it resolves to a non-public address 10.1.2.3 "
                        "(private use); a trusted private host must be listed in [fetch] allow_hosts"),
    "unknown rating": (["verdict", "set", "{firms}", "pants-on-fire", "--rationale", "x"],
                       "Error: unknown rating 'pants-on-fire': valid ratings are true, mostly-true, half-true, "
                       "mostly-false, false, misleading, unverifiable"),
    "missing rationale": (["verdict", "set", "{firms}", "true"], "Error: a rationale is required (--rationale)"),
    "self approval": (["verdict", "approve", "{firms}"],
                      "Error: verdict 1 was written by alice: approval needs a second reviewer"),
    "missing reason": (["claims", "dismiss", "{firms}"], "Error: a reason is required (--reason)"),
    "ambiguous quote": (["claims", "add", "1", "--quote", "the "], "Error: the quote occurs 3 times in article 1 "
                        "(version 1), at offsets 14, 84, 150: use --start/--end or a longer quote"),
}


@pytest.mark.parametrize("case", list(BAD))
def test_bad_input_is_one_line_exit_1_and_changes_nothing(case, settings, web_context, seeded):
    firms = seeded.claims["firms"]
    invoke("evidence", "add", str(firms), "https://x.example.org/a", "--stance", "supports", context=web_context)
    invoke("verdict", "set", str(firms), "true", "--rationale", "ok", context=web_context)
    args, message = BAD[case]
    context = _private(settings) if case == "private address" else web_context
    before = snapshot(web_context.store)
    result = invoke(*[a.format(firms=firms) for a in args], context=context)
    context.close()
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", message + "\n")
    assert snapshot(web_context.store) == before


def test_show_on_a_terminal_highlights_the_span_and_strips_hostile_escapes(store, monkeypatch):
    import io

    from rich.console import Console

    from claimtrack.cli import claims_cmd, render
    from claimtrack.views.claims import show_claim
    from tests.review.conftest import make_article, make_claim

    hostile = "Before.\x1b]0;pwned\x07 The mayor said 90% agree.\x1b[2J After."
    with store.write() as s:
        version = make_article(s, text=hostile, source="/tmp/hostile.txt", title="Evil\x1b[31m title")
        claim_id = make_claim(s, version, "The mayor said 90% agree.", 0.8).id
    with store.read() as s:
        view = show_claim(s, claim_id)
    out = io.StringIO()
    monkeypatch.setattr(render, "interactive", lambda: True)
    monkeypatch.setattr(render, "console", lambda stderr=False: Console(file=out, force_terminal=True,
                                                                        color_system="standard", width=200))
    claims_cmd.print_claim(view)
    printed = out.getvalue()
    assert "\x1b[1;7mThe mayor said 90% agree.\x1b[0m" in printed  # bold reverse: the span
    assert "pwned" not in printed and "\x1b[2J" not in printed and "\x1b]0" not in printed
    assert "(Evil title)" in printed
