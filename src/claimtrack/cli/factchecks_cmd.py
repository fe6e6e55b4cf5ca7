"""`claimtrack factchecks …`: import other organisations' published fact-checks, and decide suggestions.

Thin adapters over `ingest.factchecks` (import, matching) and `review.factchecks` (listing, deciding).
"""

from __future__ import annotations

from typing import Annotated, Any

import typer

from claimtrack.cli import render
from claimtrack.cli.options import Json, NoHeader

app = typer.Typer(help="Fact-checks published elsewhere: import ClaimReviews, confirm or reject suggestions.",
                  no_args_is_help=True)

Mapping = Annotated[list[str] | None, typer.Option(
    "--map", help="CSV column for a field, FIELD=COLUMN (fields: claim, rating, url, date, publisher, language, "
                  "claimant, review, licence); repeatable.")]
Default = Annotated[list[str] | None, typer.Option(
    "--set", help="Value for a field the source leaves out, FIELD=VALUE (e.g. publisher=Cofacts); repeatable.")]
MatchId = Annotated[int, typer.Argument(help="Suggestion id (see `factchecks suggestions`).", min=1)]


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="factchecks")


def _pairs(values: list[str] | None, option: str) -> dict[str, str]:
    from claimtrack.ingest.factcheck_formats import CSV_DEFAULTS

    pairs = {}
    for value in values or []:
        key, sep, rest = value.partition("=")
        key = key.strip().lower()
        if not sep or key not in CSV_DEFAULTS or not rest.strip():
            render.error(f"{option} takes FIELD=VALUE with FIELD one of {', '.join(CSV_DEFAULTS)}, not {value!r}")
            raise typer.Exit(2)
        pairs[key] = rest.strip()
    return pairs


@app.command("import")
def import_command(
    ctx: typer.Context,
    sources: Annotated[list[str], typer.Argument(help="Files or http(s):// URLs: HTML pages with ClaimReview "
                                                      "JSON-LD, JSON feeds, Fact Check API responses, CSV.")],
    mapping: Mapping = None,
    defaults: Default = None,
    json: Json = False,
) -> None:
    """Import published fact-checks and suggest them for the claims they resemble.

    Example: claimtrack factchecks import feed.json cofacts.csv --map claim=text --set publisher=Cofacts
    """
    from claimtrack.ingest.factchecks import import_factchecks

    outcomes = import_factchecks(ctx.obj.creating_store(), sources, actor=ctx.obj.reviewer, fetcher=ctx.obj.fetcher,
                                 max_bytes=ctx.obj.settings.import_max_bytes,
                                 mapping=_pairs(mapping, "--map"), defaults=_pairs(defaults, "--set"))
    failed = [o for o in outcomes if o.error]
    if json:
        render.emit_json({"sources": [o.as_dict() for o in outcomes],
                          "imported": sum(o.imported for o in outcomes),
                          "unchanged": sum(o.unchanged for o in outcomes),
                          "suggestions": sum(o.matched for o in outcomes)})
    elif not render.quiet():  # one line a source, as `import` prints
        for o in outcomes:
            if not o.error:
                render.echo(f"{render.field(o.source)}: {o.imported} imported, {o.unchanged} "
                            f"unchanged, {o.matched} suggestions, {len(o.problems)} bad records")
    for o in outcomes:
        for problem in o.problems:
            render.warning(f"{render.field(o.source)}: {problem['where']}: {problem['reason']}")
    for o in failed:
        render.error(f"{o.source}: {o.error}")
    if failed:
        raise typer.Exit(1)


@app.command("reindex")
def reindex_command(ctx: typer.Context, json: Json = False) -> None:
    """Rebuild the match keys of every article version and fact-check, and match every fact-check again.

    Run once on a database from before fact-checks looked up whole articles (migration 0012), so that the
    fact-checks already imported find messages and headlines from which no claim was extracted. Safe to run
    again: no suggestion is made twice, and rejected ones stay rejected.

    Example: claimtrack factchecks reindex --json
    """
    from claimtrack.ingest.factchecks import reindex

    result = reindex(ctx.obj.store, actor=ctx.obj.reviewer)
    if json:
        render.emit_json(result)
    elif not render.quiet():
        render.echo(f"{result['versions']:,} article versions indexed ({result['version_keys']:,} keys), "
                    f"{result['factchecks']:,} fact-checks matched again: {result['suggestions']:,} new suggestions")


@app.command("list")
def list_command(
    ctx: typer.Context,
    publisher: Annotated[str | None, typer.Option("--publisher", help="Only this publisher's fact-checks.")] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="Most rows to show.")] = 50,
    json: Json = False,
    no_header: NoHeader = False,
) -> None:
    """List imported fact-checks, newest first.

    Example: claimtrack factchecks list --publisher Cofacts --limit 20
    """
    from claimtrack.review.factchecks import list_factchecks

    rows, total = list_factchecks(ctx.obj.store, limit=limit, publisher=publisher)
    render.listed(len(rows), total, "no fact-checks match" if publisher else
                  "no fact-checks imported (claimtrack factchecks import FILE|URL)")
    if json:
        render.emit_json(rows)
        return
    render.rows(["id", "publisher", "rating", "published", "claim", "url"],
                [[r["id"], r["publisher"], r["rating"], r["published"], r["claim_text"], r["url"]] for r in rows],
                header=not no_header)


@app.command("show")
def show_command(ctx: typer.Context, factcheck_id: Annotated[int, typer.Argument(min=1, help="Fact-check id.")],
                 json: Json = False) -> None:
    """Show one fact-check, its source record and the suggestions made for it.

    Example: claimtrack factchecks show 3
    """
    from claimtrack.review.factchecks import show_factcheck

    view = show_factcheck(ctx.obj.store, factcheck_id)
    if json:
        render.emit_json(view)
        return
    render.echo(f"fact-check {view['id']}  {_c(view['publisher']) or '-'}  rating {_c(view['rating']) or '-'}  "
                f"published {view['published'] or '-'}")
    render.echo(f"  claim: {_c(view['claim_text'])}")
    for key in ("url", "claimant", "language", "licence", "source"):
        if view.get(key):
            render.echo(f"  {key}: {_c(view[key])}")
    for s in view["suggestions"]:
        render.echo("  " + suggestion_line(s))


@app.command("suggestions")
def suggestions_command(
    ctx: typer.Context,
    all_: Annotated[bool, typer.Option("--all", help="Include suggestions already decided.")] = False,
    limit: Annotated[int, typer.Option("--limit", min=1, help="Most rows to show.")] = 50,
    json: Json = False,
    no_header: NoHeader = False,
) -> None:
    """Suggestions awaiting a reviewer: our claims (or articles) that resemble a published fact-check.

    Example: claimtrack factchecks suggestions --limit 10
    """
    from claimtrack.review.factchecks import suggestions

    every = suggestions(ctx.obj.store, undecided=not all_, limit=None)
    rows = every[:limit]
    render.listed(len(rows), len(every), "no suggestions" + ("" if all_ else " awaiting a decision"))
    if json:
        render.emit_json(rows)
        return
    render.rows(["id", "claim", "article", "version_id", "publisher", "rating", "published", "state", "similarity",
                 "url"],
                [[s["id"], s["claim_id"], s.get("article_id"), s["version_id"], s["publisher"], s["rating"],
                  s["published"], s["decision"] or ("confident" if s["confident"] else "possible"),
                  f"{s['similarity']:.2f}", s["url"]] for s in rows], header=not no_header)


def _decide(ctx: typer.Context, match_id: int, decision: str, reason: str | None, json: bool) -> None:
    from claimtrack.review.factchecks import decide

    result = decide(ctx.obj.store, match_id, decision, reviewer=ctx.obj.reviewer, reason=reason)
    if json:
        render.emit_json(result)
    else:
        render.echo(f"suggestion #{match_id} {result['decision']}")


Reason = Annotated[str | None, typer.Option("--reason", help="Why (kept with the decision).")]


@app.command("confirm")
def confirm_command(ctx: typer.Context, match_id: MatchId, reason: Reason = None, json: Json = False) -> None:
    """Confirm a suggestion: the claim is the one the fact-check reviewed (audited).

    Example: claimtrack factchecks confirm 4
    """
    _decide(ctx, match_id, "confirm", reason, json)


@app.command("reject")
def reject_command(ctx: typer.Context, match_id: MatchId, reason: Reason = None, json: Json = False) -> None:
    """Reject a suggestion: a different claim; it stops showing (audited, never deleted).

    Example: claimtrack factchecks reject 4 --reason "different year"
    """
    _decide(ctx, match_id, "reject", reason, json)


def suggestion_line(s: dict[str, Any]) -> str:
    """"checked elsewhere: <publisher> <rating> <date> <url>", with what it was found for."""
    target = f"claim #{s['claim_id']}" if s["claim_id"] is not None else \
        f"article #{s.get('article_id') or '?'} (version id {s['version_id']})"
    state = s["decision"] or ("confident" if s["confident"] else "possible")
    return (f"#{s['id']} {target}: checked elsewhere: {_c(s['publisher']) or 'unknown publisher'} "
            f"{_c(s['rating']) or 'unrated'} {s['published'] or 'undated'} {_c(s['url']) or '(no URL)'}"
            f" [{state}, similarity {s['similarity']:.2f}]")


def _c(value: Any) -> str:
    return render.field(str(value)) if value else ""
