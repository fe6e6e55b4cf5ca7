"""`claimtrack evidence …`: attach a URL to a claim (fetched and captured), re-check captured URLs.

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
from claimtrack.cli.options import AllowPrivate, ClaimId, Json, NoFetch

app = typer.Typer(help="Evidence: attach URLs to claims, capture them, re-check them.", no_args_is_help=True)




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
        render.note(f"Warning: {render.field(result.warning)}")
    if json:
        render.emit_json(result.evidence)
    else:
        render.echo(evidence_line(result.evidence))


@app.command("check")
def check_command(
    ctx: typer.Context,
    claim: Annotated[int | None, typer.Option(help="Only the evidence of this claim.")] = None,
    allow_private: AllowPrivate = False,
    json: Json = False,
) -> None:
    """Re-fetch every evidence URL and report unchanged, changed (new sha256) or dead links.

    Example: claimtrack evidence check --claim 3
    """
    from claimtrack.review.evidence import check_evidence

    with ctx.obj.fetching(allow_private=allow_private) as fetcher:
        report = check_evidence(ctx.obj.store, fetcher, claim_id=claim, actor=ctx.obj.reviewer,
                                concurrency=ctx.obj.settings.fetch_concurrency)
    if json:
        render.emit_json(report.as_dict())
        return
    for item in report.items:
        error = item["capture"]["error"]
        render.echo(f"{item['evidence_id']}\t{item['outcome']}\t{render.field(item['url'])}"
                    + (f"\t{render.field(error)}" if error else ""))
    counts = report.counts
    render.note(f"checked {report.checked}: {counts['unchanged']} unchanged, {counts['changed']} changed, "
                f"{counts['dead']} dead, {counts['ok']} captured for the first time")
