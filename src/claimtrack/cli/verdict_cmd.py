"""`claimtrack verdict …`: rate a claim (appended, never overwritten), approve it, show the history.

`--expect-current ID|none` makes `set` (and `approve`) refuse with a conflict, exit 1, unless the
claim's current verdict is the one named: the guard against two reviewers overwriting each other.
"""

from __future__ import annotations

from typing import Annotated

import typer

from claimtrack.cli import render
from claimtrack.cli.options import ClaimId, ExpectCurrent, Json, NoHeader

app = typer.Typer(help="Verdicts: rate claims, approve ratings, show history.", no_args_is_help=True)




@app.command("set")
def set_command(
    ctx: typer.Context,
    claim_id: ClaimId,
    rating: Annotated[str, typer.Argument(help="A rating of the configured scale (see `config show`).")],
    rationale: Annotated[str | None, typer.Option(help="Why (required).")] = None,
    expect_current: ExpectCurrent = None,
    json: Json = False,
) -> None:
    """Rate a claim; the new verdict supersedes the current one (history keeps both).

    Example: claimtrack verdict set 3 misleading --rationale "counts branches as firms" --expect-current none
    """
    from claimtrack.review.verdicts import parse_expect_current, set_verdict
    from claimtrack.views.records import verdict

    given = set_verdict(ctx.obj.store, claim_id, rating, rationale or "", actor=ctx.obj.reviewer,
                        ratings=ctx.obj.settings.review_ratings, expect_current=parse_expect_current(expect_current))
    view = verdict(given, None, current=True)
    if json:
        render.emit_json(view)
    else:
        superseded = f" (supersedes verdict {view['supersedes']})" if view["supersedes"] else ""
        render.echo(f"verdict {view['id']}: claim {claim_id} rated {rating}{superseded}")


@app.command("approve")
def approve_command(ctx: typer.Context, claim_id: ClaimId, expect_current: ExpectCurrent = None,
                    json: Json = False) -> None:
    """Approve a claim's current verdict (a second reviewer, not its author).

    Example: claimtrack --reviewer bob verdict approve 3
    """
    from claimtrack.review.verdicts import approve, parse_expect_current

    approval = approve(ctx.obj.store, claim_id, actor=ctx.obj.reviewer,
                       expect_current=parse_expect_current(expect_current))
    if json:
        from claimtrack.views.records import approval as record

        render.emit_json({**record(approval), "claim_id": claim_id})
        return
    render.echo(f"verdict {approval.verdict_id} on claim {claim_id} approved by {render.field(approval.reviewer)}")


Reason = Annotated[str | None, typer.Option(help="Why (required): kept with the retraction.")]


@app.command("retract")
def retract_command(ctx: typer.Context, claim_id: ClaimId, reason: Reason = None,
                    expect_current: ExpectCurrent = None, json: Json = False) -> None:
    """Withdraw your own current verdict on a claim (not approved); nothing is deleted.

    The verdict before it is reinstated by a new verdict; a claim's first verdict is withdrawn by a
    retraction, leaving the claim with no verdict until it is rated again.

    Example: claimtrack verdict retract 3 --reason "rated the wrong claim"
    """
    from claimtrack.review.verdicts import parse_expect_current, retract_current

    view = retract_current(ctx.obj.store, claim_id, reason or "", actor=ctx.obj.reviewer,
                           ratings=ctx.obj.settings.review_ratings, expect_current=parse_expect_current(expect_current))
    verdict_id = view["target_id"]
    if json:
        render.emit_json(view)
    elif view["reinstated_by"] is None:
        render.echo(f"verdict {verdict_id} on claim {claim_id} retracted: the claim has no verdict until rated again")
    else:
        render.echo(f"verdict {verdict_id} on claim {claim_id} retracted: verdict {view['reinstated_by']} "
                    f"reinstates {render.field(view['rating'])}")


@app.command("unapprove")
def unapprove_command(ctx: typer.Context, claim_id: ClaimId, reason: Reason = None, json: Json = False) -> None:
    """Retract your approval of a claim's current verdict: it is unapproved (and unpublished) again.

    Example: claimtrack --reviewer bob verdict unapprove 3 --reason "approved too fast"
    """
    from claimtrack.review.verdicts import approval_of, retract_approval
    from claimtrack.views.records import withdrawal

    retraction = retract_approval(ctx.obj.store, approval_of(ctx.obj.store, claim_id), reason or "",
                                  actor=ctx.obj.reviewer)
    view = withdrawal(retraction)
    if json:
        render.emit_json(view)
        return
    render.echo(f"approval {view['target_id']} on claim {claim_id} retracted: the verdict awaits approval again")


@app.command("history")
def history_command(ctx: typer.Context, claim_id: ClaimId, json: Json = False, no_header: NoHeader = False) -> None:
    """Show every verdict of a claim, oldest first.

    Example: claimtrack verdict history 3 --json
    """
    from claimtrack.views.claims import verdict_history

    verdicts = verdict_history(ctx.obj.store, claim_id)
    render.listed(len(verdicts), None, f"claim {claim_id} has no verdict yet")
    if json:
        render.emit_json(verdicts)
        return
    render.rows(["id", "rating", "reviewer", "created_at", "supersedes", "approved_by", "current", "rationale"],
                [[v["id"], v["rating"], v["reviewer"], v["created_at"], v["supersedes"], v["approved_by"],
                  "yes" if v.get("current") else "retracted" if v.get("retracted") else "no", v["rationale"]]
                 for v in verdicts], header=not no_header)
