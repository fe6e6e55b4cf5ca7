"""`claimtrack evidence …`: attach a URL to a claim (fetched and captured), re-check captured URLs, read
captures back (list, show, diff), export them as WARC/WACZ, submit them to an outside archive.

A failed fetch still stores the evidence (the reviewer's input is never lost): the command prints the
evidence, warns on stderr and exits 0. A bad URL, an unknown claim or stance, or a host on a private
network (unless the host is listed in `[fetch] allow_hosts`) is refused: `Error:` line, exit 1, nothing
stored — with `--no-fetch` too, so a URL stored unfetched cannot make a colleague's `evidence check` fetch an
intranet page later.
"""

from __future__ import annotations

from typing import Annotated

import typer

from claimtrack.cli import render
from claimtrack.cli.options import AllowPrivate, ClaimId, Json, Limit, NoFetch, NoHeader, Offset

app = typer.Typer(help="Evidence: attach URLs to claims, capture them, re-check, view, diff and export them.",
                  no_args_is_help=True)
EvidenceId = Annotated[int, typer.Argument(help="Evidence id (see `evidence list`).", min=1)]
FAIL_ON = ("dead", "changed")




@app.command("add")
def add_command(
    ctx: typer.Context,
    claim_id: ClaimId,
    url: Annotated[str, typer.Argument(help="An http(s) URL.")],
    stance: Annotated[str, typer.Option(help="supports, refutes or context.")],
    note: Annotated[str | None, typer.Option(help="A note for other reviewers.")] = None,
    no_fetch: NoFetch = False,
    allow_private: AllowPrivate = False,
    json: Json = False,
) -> None:
    """Attach evidence to a claim; the URL is fetched and its content captured.

    Example: claimtrack evidence add 3 https://stats.example.gov/2024 --stance refutes --note "table 2"
    """
    from claimtrack.cli.claims_cmd import evidence_line
    from claimtrack.review.evidence import add_evidence

    # with --no-fetch, `fetching` yields the address policy alone: the URL is still checked before storing
    with ctx.obj.fetching(allow_private=allow_private, wanted=not no_fetch) as fetcher:
        result = add_evidence(ctx.obj.store, fetcher, claim_id, url, stance, note=note, fetch_now=not no_fetch,
                              actor=ctx.obj.reviewer)
    if result.warning:
        render.warning(render.field(result.warning))
    if json:
        render.emit_json(result.evidence)
    else:
        render.echo(evidence_line(result.evidence))


@app.command("retract")
def retract_command(
    ctx: typer.Context,
    evidence_id: EvidenceId,
    reason: Annotated[str | None, typer.Option(help="Why (required): kept with the retraction.")] = None,
    json: Json = False,
) -> None:
    """Withdraw evidence you added: it no longer counts for the claim and is shown as retracted (kept).

    Example: claimtrack evidence retract 7 --reason "wrong table"
    """
    from claimtrack.review.evidence import retract_evidence
    from claimtrack.views.records import withdrawal

    view = withdrawal(retract_evidence(ctx.obj.store, evidence_id, reason or "", actor=ctx.obj.reviewer))
    if json:
        render.emit_json(view)
        return
    render.echo(f"evidence {evidence_id} on claim {view['claim_id']} retracted")


@app.command("check")
def check_command(
    ctx: typer.Context,
    claim: Annotated[int | None, typer.Option(help="Only the evidence of this claim.")] = None,
    allow_private: AllowPrivate = False,
    fail_on: Annotated[str | None, typer.Option(
        "--fail-on", help="Exit 1 when any link is in these states (comma-separated: dead,changed), for cron.")]
    = None,
    json: Json = False,
    no_header: NoHeader = False,
) -> None:
    """Re-fetch every evidence URL and report unchanged, changed (new sha256) or dead links.

    Example: claimtrack evidence check --fail-on dead,changed
    """
    from claimtrack.review.evidence import check_evidence

    failing = _fail_on(fail_on)
    with ctx.obj.fetching(allow_private=allow_private) as fetcher:
        report = check_evidence(ctx.obj.store, fetcher, claim_id=claim, actor=ctx.obj.reviewer,
                                concurrency=ctx.obj.settings.fetch_concurrency)
    failed = report.failing(failing)
    if json:
        render.emit_json({**report.as_dict(), "fail_on": list(failing), "failed": failed})
    else:
        if not render.quiet():
            render.rows(["id", "outcome", "url", "error"],
                        [[i["evidence_id"], i["outcome"], i["url"], i["capture"]["error"]] for i in report.items],
                        header=not no_header)
        for i in report.items:
            cap = i["capture"]
            render.detail(f"#{i['evidence_id']}: status {cap.get('status') or '-'}, final URL "
                          f"{render.field(cap.get('final_url')) or '-'}, sha256 {(cap.get('sha256') or '-')[:16]}")
        counts = report.counts
        render.note(f"checked {report.checked}: {counts['unchanged']} unchanged, {counts['changed']} changed, "
                    f"{counts['dead']} dead, {counts['ok']} captured for the first time")
        if failing:
            _summary_table(report.counts, report.since_verdict, failing)
    if failed:
        render.error(f"{failed} link(s) {' or '.join(failing)} (--fail-on {','.join(failing)})")
        raise typer.Exit(1)


def _fail_on(value: str | None) -> tuple[str, ...]:
    if value is None:
        return ()
    states = tuple(dict.fromkeys(s.strip().lower() for s in value.split(",") if s.strip()))
    unknown = [s for s in states if s not in FAIL_ON]
    if unknown or not states:
        from claimtrack.errors import InputError

        raise InputError(f"--fail-on takes {', '.join(FAIL_ON)} (comma-separated), not {value!r}")
    return states


def _summary_table(counts: dict[str, int], since: dict[str, int], failing: tuple[str, ...]) -> None:
    """The cron summary (stderr: stdout stays data): links per state, by this check and since the verdict."""
    render.note(f"{'state':<11} {'this check':>10} {'since verdict':>13}  fails")
    for state in ("unchanged", "changed", "dead", "ok", "new", "uncaptured"):
        now, then = counts.get(state, 0), since.get(state, 0)
        fails = "yes" if state in failing and (now or then) else ("no" if state in failing else "-")
        render.note(f"{state:<11} {now:>10} {then:>13}  {fails}")


@app.command("list")
def list_command(
    ctx: typer.Context,
    claim: Annotated[int | None, typer.Option(help="Only the evidence of this claim.")] = None,
    limit: Limit = None,
    offset: Offset = 0,
    json: Json = False,
    no_header: NoHeader = False,
) -> None:
    """List evidence with its newest capture and its state since the claim's verdict.

    Example: claimtrack evidence list --claim 3
    """
    from claimtrack.review.captures import list_evidence

    every = list_evidence(ctx.obj.store, claim)
    items = every[offset:None if limit is None else offset + limit]
    render.listed(len(items), len(every), "no evidence" + (f" for claim {claim}" if claim else " yet")
                  if not offset else "no evidence at this --offset", offset)
    if json:
        render.emit_json(items)
        return
    render.rows(["id", "claim", "stance", "state", "captures", "since_verdict", "url"],
                [[e["id"], e["claim_id"], e["stance"], "retracted" if e.get("retracted") else
                  (e["capture"] or {}).get("outcome") or "not fetched",
                  e["captures"], e["since_verdict"], e["url"]] for e in items], header=not no_header)


@app.command("show")
def show_command(
    ctx: typer.Context,
    evidence_id: EvidenceId,
    capture: Annotated[int | None, typer.Option(help="Capture number, 1 = oldest (default: the newest).",
                                                min=1)] = None,
    text: Annotated[bool, typer.Option("--text", help="Print what the page said (as `import` extracts it).")]
    = False,
    raw: Annotated[bool, typer.Option("--raw", help="Write the captured body, byte for byte, to stdout.")] = False,
    headers: Annotated[bool, typer.Option("--headers", help="Print the request and response headers.")] = False,
    json: Json = False,
) -> None:
    """Show one capture of an evidence URL: what came back, its headers, its text, or its raw body.

    Example: claimtrack evidence show 4 --capture 1 --text
    """
    import sys

    from claimtrack.review.captures import raw_body, show_capture

    if sum((text, raw, headers)) > 1:
        from claimtrack.errors import InputError

        raise InputError("choose one of --text, --raw, --headers")
    if raw:
        body = raw_body(ctx.obj.store, evidence_id, capture)
    else:
        view = show_capture(ctx.obj.store, evidence_id, capture, text=text)
    if raw:
        if sys.stdout.isatty():  # untrusted bytes never reach a terminal as they are
            from claimtrack.errors import InputError

            raise InputError("--raw writes the captured bytes as they are: redirect it to a file or a pipe")
        sys.stdout.buffer.write(body)
        sys.stdout.flush()
    elif json:
        render.emit_json(view)
    else:
        from claimtrack.cli.evidence_render import print_capture

        print_capture(view, text=text, headers=headers)


@app.command("diff")
def diff_command(
    ctx: typer.Context,
    evidence_id: EvidenceId,
    a: Annotated[int | None, typer.Argument(help="Capture number (default: the one the verdict relied on).")]
    = None,
    b: Annotated[int | None, typer.Argument(help="Capture number (default: the newest).")] = None,
    json: Json = False,
) -> None:
    """Diff the text of two captures of an evidence URL (default: relied on by the verdict vs the newest).

    Example: claimtrack evidence diff 4 1 3
    """
    from claimtrack.review.captures import diff_captures

    result = diff_captures(ctx.obj.store, evidence_id, a, b)
    if json:
        render.emit_json(result)
        return
    from claimtrack.cli.evidence_render import print_diff

    print_diff(result)


@app.command("export")
def export_command(
    ctx: typer.Context,
    out: Annotated[str, typer.Option("--out", help="The file to write (written atomically).")],
    format: Annotated[str, typer.Option("--format", help="warc (WARC 1.1, gzipped) or wacz.")] = "warc",
    claim: Annotated[int | None, typer.Option(help="Only the evidence of this claim.")] = None,
    since: Annotated[str | None, typer.Option(help="Only captures fetched at or after this date or time.")]
    = None,
    json: Json = False,
) -> None:
    """Export captures as WARC 1.1 records (request, response, metadata) or a WACZ package.

    Example: claimtrack evidence export --format wacz --claim 3 --out claim3.wacz
    """
    from claimtrack.report.warc import export_evidence

    result = export_evidence(ctx.obj.store, out, format=format, claim_id=claim, since=since,
                             actor=ctx.obj.reviewer)
    if json:
        render.emit_json(result)
    else:
        render.note(f"wrote {result['captures']} capture(s), {result['records']} WARC records to "
                    f"{result['path']} (sha256 {result['sha256'][:12]})")


@app.command("archive")
def archive_command(
    ctx: typer.Context,
    evidence_id: EvidenceId,
    json: Json = False,
) -> None:
    """Submit an evidence URL to the configured archive (Save Page Now shape); off unless [archive] is set.

    Example: claimtrack evidence archive 4
    """
    from claimtrack.review.archiving import submit

    with ctx.obj.fetching() as fetcher:
        result = submit(ctx.obj.store, ctx.obj.settings, evidence_id, actor=ctx.obj.reviewer,
                        client=fetcher.client, check=fetcher.check_url)
    if json:
        render.emit_json(result)
    else:
        render.echo(f"{result['evidence_id']}\t{result['outcome']}\t"
                    f"{render.field(result['archive_url'] or result['error'])}")
    if result["outcome"] != "ok":
        render.error(f"archive submission failed: {result['error']}")
        raise typer.Exit(1)
