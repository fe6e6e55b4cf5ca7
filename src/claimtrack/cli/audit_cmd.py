"""`claimtrack audit …`: verify the tamper-evident event chain, read the log.

`verify` prints the number of events and the head hash (the value to keep somewhere else: `anchor` appends
it to a witness file, a report stamps it too), and exits 1 naming the first bad row or event when a row
was edited, deleted or inserted, an event is missing, or a witnessed head is no longer on the chain.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from claimtrack.cli import render
from claimtrack.cli.options import Json, NoHeader

app = typer.Typer(help="Audit trail: verify the hash chain, show events.", no_args_is_help=True)



@app.command("verify")
def verify_command(
    ctx: typer.Context,
    witness: Annotated[Path | None, typer.Option(help="A witness file (`audit anchor --witness`): every head "
                                                      "in it must still be on the chain.")] = None,
    public_key: Annotated[Path | None, typer.Option("--public-key", help="Ed25519 public (or private) key "
                                                    "PEM: every witnessed head must be signed by it.")] = None,
    json: Json = False,
) -> None:
    """Recompute the event chain, prove every audited row against it; exit 1 naming the first bad row or event.

    Example: claimtrack audit verify --witness /mnt/witness/claims.heads
    """
    from claimtrack.admin import verify_audit
    from claimtrack.store import witness as witnesses

    if public_key is not None and witness is None:
        raise typer.BadParameter("--public-key needs --witness", param_hint="--public-key")
    heads = witnesses.load(witness, public_key) if witness is not None else []
    report = verify_audit(ctx.obj.store, heads)
    if json:
        render.emit_json(report.as_dict())
    else:
        render.echo(f"events: {report.events}")
        render.echo(f"head: {report.head}")
        if witness is not None:
            render.echo(f"witnessed heads: {report.witnessed}")
        if report.unchecked_text:
            render.echo(f"rows not provable (text by another extractor version, legacy quantities): "
                        f"{report.unchecked_text}")
        for approval_id in report.self_approved:
            render.echo(f"warning: approval {approval_id} was written by the account that wrote its verdict")
        for problem in report.problems[1:]:
            render.echo(f"  - {render.clean(problem, newlines=False)}")
    if not report.ok:
        where = f"event {report.bad_event}" if report.bad_event is not None else report.bad_row or "the end"
        render.error(f"audit chain broken at {where}: {report.problem}")
        raise typer.Exit(1)


@app.command("anchor")
def anchor_command(
    ctx: typer.Context,
    witness: Annotated[Path | None, typer.Option(help="Append the head to this file (keep it outside the "
                                                      "database: another machine, a repository).")] = None,
    key: Annotated[Path | None, typer.Option(help="Sign the head with this Ed25519 private key (PEM, e.g. "
                                                  "`openssl genpkey -algorithm ed25519`), kept outside the "
                                                  "database.")] = None,
    json: Json = False,
) -> None:
    """Print the chain's head (sequence, hash, time), or append it to a witness file, optionally signed.

    Example: claimtrack audit anchor --witness /mnt/witness/claims.heads --key ~/.newsroom/ed25519.pem
    """
    from claimtrack.admin import anchor_head

    head = anchor_head(ctx.obj.store, key, witness)
    if json:
        render.emit_json(head.as_dict())
    else:
        render.echo(f"sequence: {head.sequence}")
        render.echo(f"head: {head.hash}")
        render.echo(f"time: {head.time or '-'}")
        if head.signature:
            render.echo(f"signature: {head.signature}")
        if witness is not None:
            render.echo(f"appended to: {render.clean(str(witness), newlines=False)}")


@app.command("log")
def log_command(
    ctx: typer.Context,
    claim: Annotated[int | None, typer.Option(help="Only events about this claim and its rows.")] = None,
    limit: Annotated[int, typer.Option(min=1, help="At most the newest N events (all, with --claim).")] = 100,
    json: Json = False,
    no_header: NoHeader = False,
) -> None:
    """Show audit events, oldest first.

    Example: claimtrack audit log --claim 3
    """
    from claimtrack.admin import audit_events, audit_total

    views = audit_events(ctx.obj.store, claim_id=claim, limit=limit + 1)
    cut = claim is None and len(views) > limit
    views = views[1:] if cut else views  # the newest `limit`, oldest first
    render.listed(len(views), audit_total(ctx.obj.store) if cut else None,
                  "no audit events" + (f" about claim {claim}" if claim else ""))
    if json:
        render.emit_json(views)
        return
    render.rows(["id", "created_at", "actor", "action", "entity", "entity_id", "hash"],
                [[v["id"], v["created_at"], v["actor"], v["action"], v["entity"], v["entity_id"], v["hash"][:16]]
                 for v in views], header=not no_header)
