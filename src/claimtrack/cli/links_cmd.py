"""`claimtrack claims merge A B` / `claims unlink A B`: a reviewer's decision on "similar to #N" links.

The `claims` group belongs to cli/claims_cmd.py; these two commands join it through `add_link_commands`
(called from cli/app.py after every group is registered, or by claims_cmd itself).
"""

from __future__ import annotations

import typer

from claimtrack.cli import render
from claimtrack.cli.options import ClaimId, Json


def register(app: typer.Typer) -> None:
    """Nothing at the top level: the commands live under `claims` (see `attach`)."""


def attach(app: typer.Typer) -> None:
    """Add merge/unlink to the root app's `claims` group (a bare one if claims_cmd is not installed)."""
    for group in app.registered_groups:
        if group.name == "claims" and group.typer_instance is not None:
            add_link_commands(group.typer_instance)
            return
    claims_app = typer.Typer(help="Claims: merge and unlink similar claims.", no_args_is_help=True)
    add_link_commands(claims_app)
    app.add_typer(claims_app, name="claims")


def add_link_commands(claims_app: typer.Typer) -> None:
    names = {command.name for command in claims_app.registered_commands}
    if "merge" not in names:
        claims_app.command("merge")(merge)
        claims_app.command("unlink")(unlink)


def merge(ctx: typer.Context, keep: ClaimId, other: ClaimId, json: Json = False) -> None:
    """Merge claim OTHER into claim KEEP: OTHER's mentions show under KEEP; nothing is deleted.

    Example: claimtrack claims merge 12 31
    """
    from claimtrack.review.links import merge as run_merge

    with ctx.obj.store.write() as session:
        decision = run_merge(session, keep, other, reviewer=ctx.obj.reviewer)
        result = {"decision": decision.decision, "survivor": keep, "merged": other, "link": decision.link_id}
    _emit(result, json, f"merged claim #{other} into #{keep}")


def unlink(ctx: typer.Context, a: ClaimId, b: ClaimId, json: Json = False) -> None:
    """Keep two linked claims apart (undoes a merge of them); recorded, never deleted.

    Example: claimtrack claims unlink 12 31
    """
    from claimtrack.review.links import unlink as run_unlink

    with ctx.obj.store.write() as session:
        decision = run_unlink(session, a, b, reviewer=ctx.obj.reviewer)
        result = {"decision": decision.decision, "claims": [a, b], "link": decision.link_id}
    _emit(result, json, f"unlinked claims #{a} and #{b}")


def _emit(result: dict, json: bool, line: str) -> None:
    if json:
        render.emit_json(result)
    else:
        render.echo(line)
