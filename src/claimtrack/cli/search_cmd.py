"""`claimtrack search QUERY`: full-text search over claims and articles (Chinese substrings work)."""

from __future__ import annotations

from typing import Annotated

import typer

from claimtrack.cli import render
from claimtrack.cli.options import Json



def search(
    ctx: typer.Context,
    query: Annotated[str, typer.Argument(help="Text to find: a word, a number, any Chinese substring.")],
    limit: Annotated[int, typer.Option("--limit", min=1, help="Most results to show.")] = 20,
    where: Annotated[str, typer.Option("--in", help="What to search: claims,articles,factchecks (comma-separated).")]
    = "claims,articles,factchecks",
    json: Json = False,
) -> None:
    """Find claims and articles that contain QUERY, best first, with snippets.

    Example: claimtrack search 企业 --limit 5
    """
    from claimtrack.review.search import CANDIDATES, search_capped

    hits, capped = search_capped(ctx.obj.store, query, limit=limit,
                                 kinds=tuple(k.strip() for k in where.split(",") if k.strip()))
    for kind in capped:  # stderr: stdout stays the hits
        render.note(f"more than {CANDIDATES:,} {kind} match: the newest {CANDIDATES:,} were ranked "
                    "(add words to narrow the search)")
    if json:
        render.emit_json([hit.as_dict() for hit in hits])
        return
    if not hits:
        render.note("no matches")
    for hit in hits:
        render.echo(f"{_label(hit)}  {render.field(hit.snippet)}")


def _label(hit) -> str:
    if hit.kind == "claim":
        return f"claim #{hit.id} [{hit.rating or hit.status}]"
    if hit.kind == "factcheck":
        publisher = render.field(hit.title or "unknown publisher")
        return f"fact-check #{hit.id} ({publisher}: {render.field(hit.rating or 'unrated')})"
    title = render.field(hit.title or "")
    return f"article #{hit.id}" + (f" ({title})" if title else "")
