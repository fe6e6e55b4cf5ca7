"""The human form of `evidence show` and `evidence diff` (every fetched string is untrusted: `render.clean`)."""

from __future__ import annotations

from typing import Any

from claimtrack.cli import render


def print_capture(view: dict[str, Any], *, text: bool, headers: bool) -> None:
    c = render.clean
    e, cap, rec = view["evidence"], view["capture"], view["record"] or {}
    render.echo(f"evidence {e['id']} (claim {e['claim_id']}, {e['stance']}) {c(e['url'], newlines=False)}")
    relied = " — relied on by the current verdict" if view["relied_on_by_verdict"] else ""
    render.echo(f"capture {view['number']} of {view['of']} (id {cap['id']}) at {cap['fetched_at']}: "
                f"{cap['outcome']}{relied}")
    if view.get("since_verdict"):
        render.echo(f"since the verdict: {view['since_verdict']}")
    render.echo(f"status {cap['status'] or '-'} {c(rec.get('reason'), newlines=False)}  "
                f"final URL {c(cap['final_url'], newlines=False) or '-'}  peer {rec.get('peer_ip') or '-'}")
    render.echo(f"type {c(cap['content_type'], newlines=False) or '-'}  title "
                f"{c(cap['title'], newlines=False) or '-'}")
    if cap["sha256"]:
        render.echo(f"sha256 {cap['sha256']}  {rec.get('payload_digest') or ''}  {cap['size']} bytes")
    if cap["error"]:
        render.echo(f"error: {c(cap['error'], newlines=False)}")
    if view.get("warc_record_id"):
        render.echo(f"WARC record {view['warc_record_id']}")
    for hop in rec.get("redirects") or []:
        render.echo(f"redirect: {hop['status']} {c(hop['url'], newlines=False)}")
    for archive in view.get("archives") or []:
        render.echo(f"archived: {archive['outcome']} {c(archive['archive_url'] or archive['error'], newlines=False)}")
    if headers:
        _print_headers({**rec, "url": cap["final_url"], "status": cap["status"]})
    if text:
        render.echo("")
        render.echo(c(view.get("text") or ""))


def _print_headers(rec: dict[str, Any]) -> None:
    c = render.clean
    if not rec.get("headers_known"):
        render.echo("\nheaders: unknown (captured before claimtrack kept headers)")
        return
    for hop in [*(rec.get("redirects") or []), rec]:
        render.echo("")
        render.echo(f"> {hop.get('method') or 'GET'} {c(hop.get('url', ''), newlines=False)}".rstrip())
        for name, value in hop.get("request_headers") or []:
            render.echo(f"> {c(name, newlines=False)}: {c(value, newlines=False)}")
        render.echo(f"< {hop.get('http_version') or ''} {hop.get('status', '')} "
                    f"{c(hop.get('reason'), newlines=False)}".replace("  ", " "))
        for name, value in hop.get("response_headers") or []:
            render.echo(f"< {c(name, newlines=False)}: {c(value, newlines=False)}")
        if hop.get("timings"):
            render.echo("  timings (ms): " + ", ".join(f"{k} {v}" for k, v in sorted(hop["timings"].items())))


def print_diff(result: dict[str, Any]) -> None:
    c = render.clean
    a, b = result["a"], result["b"]
    render.echo(f"evidence {result['evidence_id']} {c(result['url'], newlines=False)}: capture {a['number']} "
                f"(sha256 {(a['sha256'] or '-')[:12]}) vs capture {b['number']} (sha256 {(b['sha256'] or '-')[:12]})")
    if result["same_text"]:
        render.echo("same body" if result["same_body"] else "the text is the same (the bytes differ)")
        return
    for line in result["diff"]:
        render.echo(c(line, newlines=False))
