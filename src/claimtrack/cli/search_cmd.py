"""`claimtrack search QUERY`: full-text search over claims and articles (Chinese substrings work)."""

from __future__ import annotations

from typing import Annotated

import typer

from claimtrack.cli import render
from claimtrack.cli.options import Json, NoHeader



def search(
    ctx: typer.Context,
    query: Annotated[str, typer.Argument(help="Text to find: a word, a number, any Chinese substring.")],
    limit: Annotated[int, typer.Option("--limit", min=1, help="Most results to show.")] = 20,
    where: Annotated[str, typer.Option("--in", help="What to search: claims,articles,factchecks (comma-separated).")]
    = "claims,articles,factchecks",
    json: Json = False,
    no_header: NoHeader = False,
) -> None:
    """Find claims and articles that contain QUERY, best first, with snippets.

    Example: claimtrack search 企业 --limit 5
    """
    from claimtrack.review.search import CANDIDATES, search_counted

    hits, capped, total = search_counted(ctx.obj.reader, query, limit=limit + 1,
                                         kinds=tuple(k.strip() for k in where.split(",") if k.strip()))
    cut = len(hits) > limit
    hits = hits[:limit]
    for kind in capped:  # stderr: stdout stays the hits
        render.note(f"more than {CANDIDATES:,} {kind} match: the newest {CANDIDATES:,} were ranked "
                    "(add words to narrow the search)")
    # the exact number of matches, unless a kind was capped (then only "more" is known)
    render.listed(len(hits), total if cut and not capped else None, "no matches", more=cut and bool(capped))
    if json:
        render.emit_json([hit.as_dict() for hit in hits])
        return
    render.rows(["kind", "id", "status", "title", "snippet"],
                [[hit.kind, hit.id, _status(hit), hit.title, hit.snippet] for hit in hits], header=not no_header)


def _status(hit) -> str | None:
    """A claim's rating (or status), a fact-check's rating; nothing for an article."""
    if hit.kind == "claim":
        return hit.rating or hit.status
    return hit.rating if hit.kind == "factcheck" else None
