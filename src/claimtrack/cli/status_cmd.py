"""`claimtrack status`: what needs me — approvals, my verdicts in review, changed evidence, new claims, suggestions.

A thin adapter over `review.desk.status` (which defines each section and "last session"): counts, the
first few items of each section, and the command that lists the rest. Every piece of stored text (claim
texts, reviewer names, URLs, publishers) passes through `render.field` before it is printed.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer

from claimtrack.cli import render
from claimtrack.cli.options import Json

TITLES = {
    "awaiting_approval": "verdicts awaiting your approval",
    "in_review": "your verdicts in review (not yet approved)",
    "evidence_changed": "evidence dead or changed since its verdict",
    "new_claims": "new claims above the threshold since your last session",
    "checked_elsewhere": "checked elsewhere, awaiting a decision",
}


def status_command(
    ctx: typer.Context,
    first: Annotated[int, typer.Option("--first", min=0, help="Items to show in each section.")] = 5,
    json: Json = False,
) -> None:
    """What needs you: verdicts to approve, your verdicts in review, changed evidence, new claims, suggestions.

    Example: claimtrack --reviewer alice status
    """
    from claimtrack.review.desk import SECTIONS, status

    app_ctx = ctx.obj
    view = status(app_ctx.reader, app_ctx.reviewer, threshold=app_ctx.settings.detect_threshold, first=first)
    if json:
        render.emit_json(view)
        return
    since = view["last_session"] or "never (no write of yours yet)"
    render.echo(f"status for {render.field(view['reviewer'])}: last session {since}, "
                f"threshold {view['threshold']:.2f}")
    for name in SECTIONS:
        section = view[name]
        plus = "+" if section["capped"] else ""  # counting stopped at review.desk.CAP
        render.echo(f"{TITLES[name]}: {section['count']:,}{plus}")
        for item in section["items"]:
            render.echo(f"  {_line(name, item)}")
        rest = section["count"] - len(section["items"])
        if rest > 0:
            render.echo(f"  … {rest:,}{plus} more: {render.field(section['more'])}")


def _line(section: str, item: dict[str, Any]) -> str:
    f = render.field
    if section in ("awaiting_approval", "in_review"):
        return (f"claim #{item['claim_id']} verdict #{item['verdict_id']} {f(item['rating'])} by {f(item['reviewer'])}"
                f" at {item['created_at']}: {_cut(item['text'])}")
    if section == "evidence_changed":
        return (f"claim #{item['claim_id']} evidence #{item['evidence_id']} {item['since_verdict'].upper()} since "
                f"verdict #{item['verdict_id']}: {f(item['url'])}")
    if section == "new_claims":
        return f"claim #{item['claim_id']} {item['score']:.2f}: {_cut(item['text'])}"
    from claimtrack.cli.factchecks_cmd import suggestion_line

    return suggestion_line(item)


def _cut(text: str | None, width: int = 100) -> str:
    one = render.field(text)
    return one if len(one) <= width else one[:width - 1] + "…"
