"""`claimtrack articles list|show|set`: what was imported, and an article's text with its claim spans marked.

Article text is untrusted: every piece goes through `render.clean` before it reaches the terminal. Spans
are marked `[[…]]#<claim id>`; on a terminal the marked text is also highlighted (rich), piped output is
plain, so `grep` and scripts see the same markers.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer

from claimtrack.cli import render
from claimtrack.cli.options import ArticleId, Json, Limit, NoHeader, Offset

app = typer.Typer(help="Imported articles and their versions.", no_args_is_help=True)

OPEN, CLOSE = "[[", "]]"



@app.command("list")
def list_command(ctx: typer.Context, limit: Limit = None, offset: Offset = 0, json: Json = False,
                 no_header: NoHeader = False) -> None:
    """List imported articles (newest first) with versions and claim counts.

    Example: claimtrack articles list --json
    """
    from claimtrack.views.articles import list_articles

    every = list_articles(ctx.obj.store)
    articles = every[offset:None if limit is None else offset + limit]
    render.listed(len(articles), len(every), "no articles yet: import some with `claimtrack import PATH`"
                  if not offset else "no articles at this --offset", offset)
    if json:
        render.emit_json(articles)
        return
    render.rows(["id", "version", "claims", "language", "title"],
                [[a["id"], a["latest_version"] or 0, a["claims"], a["language"], a["title"] or a["source"]]
                 for a in articles], header=not no_header)


@app.command("show")
def show_command(ctx: typer.Context, article_id: ArticleId,
                 version: Annotated[int | None, typer.Option("--version", min=1,
                                                             help="Version number (default: the latest).")] = None,
                 json: Json = False) -> None:
    """Show an article version's text with its claim spans marked, its versions and mentions.

    Example: claimtrack articles show 1 --version 2
    """
    from claimtrack.views.articles import show_article

    article = show_article(ctx.obj.store, article_id, version=version)
    if json:
        render.emit_json(article)
        return
    _header(article)
    _text(article)
    _footer(article)


@app.command("set")
def set_command(ctx: typer.Context, article_id: ArticleId,
                url: Annotated[str | None, typer.Option("--url", help="The article's public URL.")] = None,
                published: Annotated[str | None, typer.Option(
                    "--published", help="Publication date, ISO 8601 (2024-05-03, 2024-05-03T08:00+08:00).")] = None,
                author: Annotated[str | None, typer.Option("--author", help="Author(s), e.g. 'Jane Doe; Li Wei'.")] = None,
                outlet: Annotated[str | None, typer.Option("--outlet", help="The publishing outlet.")] = None,
                json: Json = False) -> None:
    """Correct an article's URL, date, author or outlet (audited; an empty value clears it).

    Example: claimtrack articles set 3 --published 2024-05-03 --author "Jane Doe"
    """
    from claimtrack.review.articles import set_article

    result = set_article(ctx.obj.store, article_id, actor=ctx.obj.reviewer, url=url, published=published,
                         author=author, outlet=outlet)
    if json:
        render.emit_json(result)
        return
    changed = ", ".join(result["changed"]) or "nothing (the values were already set)"
    render.echo(f"article {result['id']}: changed {render.clean(changed, newlines=False)}")


def _header(a: dict[str, Any]) -> None:
    v = next(v for v in a["versions"] if v["number"] == a["version"])
    render.echo(f"article {a['id']}: {render.field(a['title'])}")
    render.echo(f"source: {render.field(a['source'])}")
    render.echo(f"version {a['version']} of {len(a['versions'])}  fetched {v['fetched_at']}  "
                f"{v['content_type'] or '?'}  {v['encoding'] or '?'}  {v['extractor'] or '?'}  "
                f"sha256 {v['raw_sha256'][:16]}")
    render.echo("")


def marked_pieces(text: str, mentions: list[dict[str, Any]]) -> list[tuple[str, bool]]:
    """The text cut at every span boundary: (piece, inside a span); markers are pieces of their own."""
    spans = [m for m in mentions if not m["orphaned"]]
    opens: dict[int, int] = {}
    closes: dict[int, list[int]] = {}
    for m in spans:
        opens[m["start"]] = opens.get(m["start"], 0) + 1
        closes.setdefault(m["end"], []).append(m.get("survivor_id", m["claim_id"]))
    cuts = sorted({0, len(text), *opens, *closes})
    pieces: list[tuple[str, bool]] = []
    depth = 0
    for a, b in zip(cuts, cuts[1:] + [None], strict=True):
        for claim_id in closes.get(a, []):
            pieces.append((f"{CLOSE}#{claim_id}", False))
            depth -= 1
        if opens.get(a):
            pieces.append((OPEN * opens[a], False))
            depth += opens[a]
        if b is not None and b > a:
            pieces.append((render.clean(text[a:b]), depth > 0))
    return pieces


def _text(a: dict[str, Any]) -> None:
    pieces = marked_pieces(a["text"], a["mentions"])
    if not render.interactive():
        render.echo("".join(piece for piece, _ in pieces))
        return
    from rich.text import Text

    out = Text()
    for piece, inside in pieces:
        out.append(piece, style="bold yellow" if inside else ("dim" if piece.startswith(("[[", "]]")) else None))
    render.console().print(out)


def _footer(a: dict[str, Any]) -> None:
    orphaned = [m for m in a["mentions"] if m["orphaned"]]
    claims = {m["claim_id"] for m in a["mentions"] if not m["orphaned"]}
    render.echo("")
    render.echo(f"{len(claims)} claim(s), {len(a['mentions']) - len(orphaned)} mention(s), "
                f"{len(orphaned)} orphaned, {len(a['repeats'])} repeated block(s)")
    for m in orphaned:
        render.echo(f"  orphaned: claim {m['claim_id']}: {render.field(m['quote'])[:100]}")
    for r in a["repeats"]:
        render.echo(f"  repeat: [{r.get('start')}:{r.get('end')}] repeats [{r.get('first_start')}:{r.get('first_end')}]")
