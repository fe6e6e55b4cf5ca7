"""`claimtrack audit …`: verify the tamper-evident event chain, read the log.

`verify` prints the number of events and the head hash (the value to keep somewhere else: a report
stamps it too), and exits 1 naming the first bad event when a row was edited, deleted or inserted.
"""

from __future__ import annotations

from typing import Annotated

import typer

from claimtrack.cli import render
from claimtrack.cli.options import Json

app = typer.Typer(help="Audit trail: verify the hash chain, show events.", no_args_is_help=True)



@app.command("verify")
def verify_command(ctx: typer.Context, json: Json = False) -> None:
    """Recompute the event chain and the rows it recorded; exit 1 at the first bad event.

    Example: claimtrack audit verify
    """
    from claimtrack.admin import verify_audit

    report = verify_audit(ctx.obj.store)
    if json:
        render.emit_json(report.as_dict())
    else:
        render.echo(f"events: {report.events}")
        render.echo(f"head: {report.head}")
    if not report.ok:
        render.error(f"audit chain broken at event {report.bad_event}: {report.problem}")
        raise typer.Exit(1)


@app.command("log")
def log_command(
    ctx: typer.Context,
    claim: Annotated[int | None, typer.Option(help="Only events about this claim and its rows.")] = None,
    limit: Annotated[int, typer.Option(min=1, help="At most the newest N events (all, with --claim).")] = 100,
    json: Json = False,
) -> None:
    """Show audit events, oldest first.

    Example: claimtrack audit log --claim 3
    """
    from claimtrack.admin import audit_events

    views = audit_events(ctx.obj.store, claim_id=claim, limit=limit)
    render.listed(len(views), None, "no audit events" + (f" about claim {claim}" if claim else ""))
    if json:
        render.emit_json(views)
        return
    for v in views:
        render.echo(f"{v['id']}\t{v['created_at']}\t{render.clean(v['actor'], newlines=False)}\t{v['action']}\t"
                    f"{v['entity']} {v['entity_id'] if v['entity_id'] is not None else '-'}\t{v['hash'][:16]}")
