"""`claimtrack report`: write an audit report (JSON, CSV, Markdown, HTML or schema.org ClaimReview)."""

from __future__ import annotations

from typing import Annotated

import typer

from claimtrack.cli import render
from claimtrack.cli.options import Json

FormatOpt = Annotated[str, typer.Option("--format", "-f", help="json, csv, md, html, claimreview (JSON-LD) or "
                                                                "claimreview-html (script blocks to embed).")]
OutOpt = Annotated[str, typer.Option("--out", "-o", help="File to write (atomically); - for stdout.")]
SinceOpt = Annotated[str | None, typer.Option(
    "--since", help="Start of the window: ISO 8601 date/time, an age like 24h or 7d, or 'last' (where the "
                    "previous export of this format ended). Default: everything.")]
UntilOpt = Annotated[str | None, typer.Option("--until", help="End of the window (exclusive), same forms.")]
GeneratedOpt = Annotated[str | None, typer.Option(
    "--generated-at", help="Generation time to stamp (ISO 8601); the same database, scope and time give a "
                           "byte-identical report. Default: now.")]
PerOpt = Annotated[str, typer.Option("--per", help="CSV: one row per claim or per mention.")]
BomOpt = Annotated[bool | None, typer.Option("--bom/--no-bom", help="CSV: start with a UTF-8 byte-order mark, "
                                                                    "so Excel reads UTF-8 (default: --bom).")]
UnapprovedOpt = Annotated[bool, typer.Option(
    "--include-unapproved", help="ClaimReview preview: show verdicts that await approval, marked as drafts "
                                 "(never publish this).")]


def report(ctx: typer.Context, format: FormatOpt, out: OutOpt, since: SinceOpt = None, until: UntilOpt = None,
           generated_at: GeneratedOpt = None, per: PerOpt = "claim", bom: BomOpt = None,
           include_unapproved: UnapprovedOpt = False, json: Json = False) -> None:
    """Write an audit report of the claims with activity in a window.

    Example: claimtrack report --format claimreview --out feed.json --since last
    """
    from claimtrack.report import write_report

    if json and out == "-":
        raise typer.BadParameter("--json prints the report's summary on stdout: write the report to a file",
                                 param_hint="--json")
    app_ctx = ctx.obj
    result = write_report(app_ctx.store, format.lower(), out, settings=app_ctx.settings, actor=app_ctx.reviewer,
                          since=since, until=until, generated_at=generated_at, per=per, bom=bom,
                          include_unapproved=include_unapproved)
    for warning in result.warnings:
        render.warning(render.clean(warning, newlines=False))
    scope = result.scope.as_dict()
    if json:
        from claimtrack.views.records import timestamp

        render.emit_json({"format": result.format, "path": str(result.path), "rows": result.rows, "per": per,
                          "size": result.size, "sha256": result.sha256, "export_id": result.export_id,
                          "generated_at": timestamp(result.generated_at), "scope": scope,
                          "warnings": list(result.warnings)})
        return
    render.detail(f"scope: {scope}")
    render.note(f"report {result.format}: {result.rows} {'mention' if per == 'mention' else 'claim'} row(s), "
                f"since {scope['since'] or 'the beginning'}, until {scope['until'] or 'now'} -> "
                f"{render.field(result.path)} (sha256 {result.sha256[:12]}, export {result.export_id})")

