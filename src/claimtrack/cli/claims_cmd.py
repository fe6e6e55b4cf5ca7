"""`claimtrack claims …`: list, show in context, add one the extractor missed, dismiss, restore, merge, unlink, set.

Thin adapters: reading through the read model (`views.claims`), writing through one use case each
(`ingest.manual.add_claim`, `review.dismissals.dismiss_claim`/`restore_claim`, `review.links.merge`/`unlink`,
`review.details.set_details`). On a terminal listings are rich tables and the claim's span is
highlighted; piped, output is plain text (TSV with a header row; the span between «…»). Every piece of
article, page or reviewer text passes through `render.clean` before it is printed.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer

from claimtrack.cli import render
from claimtrack.cli.options import ArticleId, ClaimId, Json, NoHeader

COUNT_CAP = 10_000  # `claims list` counts at most this many claims past the offset for "20 of 1,644 shown"

app = typer.Typer(help="Claims: list, show in context, add by hand, dismiss, merge similar ones.",
                  no_args_is_help=True)


@app.command("list")
def list_command(
    ctx: typer.Context,
    status: Annotated[str | None, typer.Option(help="unreviewed, in_review, rated, approved or dismissed.")] = None,
    article: Annotated[int | None, typer.Option(help="Only claims mentioned in this article.")] = None,
    min_score: Annotated[float | None, typer.Option("--min-score", help="Minimum check-worthiness (0-1).")] = None,
    rating: Annotated[str | None, typer.Option(help="Only claims whose current rating is this.")] = None,
    reviewer: Annotated[str | None, typer.Option(help="Only claims this reviewer rated, dismissed or added evidence to.")] = None,
    sort: Annotated[str, typer.Option(help="score (highest first) or newest.")] = "score",
    limit: Annotated[int, typer.Option(min=1, help="At most this many claims.")] = 50,
    offset: Annotated[int, typer.Option(min=0, help="Skip this many (paging).")] = 0,
    json: Json = False,
    no_header: NoHeader = False,
) -> None:
    """List claims, highest score first.

    Example: claimtrack claims list --status unreviewed --min-score 0.7 --limit 20
    """
    from claimtrack.views.quick import ClaimFilter, count_claims, list_claims  # DB-API, no SQLAlchemy (issue 21)

    wanted = ClaimFilter(status, article, min_score, rating, reviewer, sort, limit, offset)
    db = ctx.obj.reader
    claims = list_claims(db, wanted)
    full = len(claims) == limit  # only a full page can have been cut: count then, not on every listing
    cap = offset + COUNT_CAP  # counting stops there: "20 of more than 10,000 shown"
    total = count_claims(db, wanted, cap=cap) if full or offset else None
    render.listed(len(claims), min(total, cap) if total is not None else None,
                  "no claims match" if any(x is not None for x in (status, article, min_score, rating, reviewer))
                  or offset else "no claims yet: import articles with `claimtrack import PATH`", offset,
                  capped=total is not None and total > cap)
    if json:
        render.emit_json(claims)
        return
    render.rows(["id", "score", "status", "rating", "claim"],
                [[c["id"], f"{c['score']:.2f}", c["status"], c["rating"], c["text"]] for c in claims],
                header=not no_header)


@app.command("show")
def show_command(ctx: typer.Context, claim_id: ClaimId, json: Json = False) -> None:
    """Show a claim in context, with quantities, mentions, evidence and verdict history.

    Example: claimtrack claims show 3
    """
    from claimtrack.views.quick import show_claim

    view = show_claim(ctx.obj.reader, claim_id)
    if json:
        render.emit_json(view)
    else:
        print_claim(view)


def print_claim(view: dict[str, Any]) -> None:
    """The human form of `claims show` (also used by `review`)."""
    tty = render.interactive()
    out = render.console() if tty else None
    line = (lambda text: out.print(text, markup=False, highlight=False)) if out else render.echo
    line(f"claim {view['id']}  score {view['score']:.2f}  status {view['status']}  "
         f"rating {view['rating'] or '-'}  ({', '.join(view['reasons']) or 'no reasons'})")
    if view.get("merged_into"):
        line(f"merged into claim {view['merged_into']} (its appearances are reviewed there)")
    context = view.get("context")
    if context:
        title = render.field(context["title"]) or "untitled"
        title = title if len(title) <= 60 else title[:59] + "…"
        line(f"in article {context['article_id']} ({title}), version id {context['version_id']}:")
        _print_context(context, out)
    else:
        line(render.field(view["text"]))
    for title, rows in _sections(view):
        if rows:
            line(f"{title}:")
            for row in rows:
                line(f"  {row}")


def _print_context(context: dict[str, Any], out) -> None:
    text, start, end = context["text"], context["start"], context["end"]
    before, span, after = (render.clean(part) for part in (text[:start], text[start:end], text[end:]))
    if out is None:
        render.echo(f"  {before}«{span}»{after}")
        return
    from rich.text import Text

    out.print(Text.assemble("  ", before, (span, "bold reverse"), after))


def _sections(view: dict[str, Any]) -> list[tuple[str, list[str]]]:
    f = render.field
    quantities = [f"{f(q['text'])}  value={_num(q['value'])} low={_num(q['low'])} "
                  f"high={_num(q['high'])} qualifier={q['qualifier'] or '-'} unit={f(q['unit']) or '-'}"
                  for q in view["quantities"]]
    mentions = [f"#{m['id']} article {m['article_id']} version id {m['version_id']} "
                + ("orphaned" if m["orphaned"] else f"[{m['start']}:{m['end']}]") + f" ({m['anchor']})"
                + (f" via claim {m['via_claim']}" if m.get("via_claim") else "")
                for m in view["mentions"]]
    evidence = [evidence_line(e) for e in view.get("evidence", [])]
    verdicts = [verdict_line(v) for v in view.get("verdicts", [])]
    similar = [link_line(link) for link in view.get("links", [])]
    dismissals = [dismissal_line(d) for d in view.get("dismissals", [])]
    from claimtrack.cli.factchecks_cmd import suggestion_line

    elsewhere = [suggestion_line(s) for s in view.get("checked_elsewhere", [])]
    return [("quantities", quantities), ("mentions", mentions), ("similar to", similar), ("evidence", evidence),
            ("verdicts", verdicts), ("dismissals", dismissals), ("checked elsewhere", elsewhere)]


def dismissal_line(d: dict[str, Any]) -> str:
    """`#4 by alice at …: opinion; restored by bob at …: a figure after all` — who, when and why."""
    c = render.clean
    line = f"#{d['id']} by {c(d['reviewer'])} at {d['created_at']}: {c(d['reason'], newlines=False)}"
    r = d.get("restored")
    return line + (f"; restored by {c(r['reviewer'])} at {r['created_at']}: {c(r['reason'], newlines=False)}"
                   if r else "")


def link_line(link: dict[str, Any]) -> str:
    """`#31 (similarity 0.87, lsh): linked` — a "similar to" link and the reviewers' decision on it."""
    score = "-" if link["similarity"] is None else f"{link['similarity']:.2f}"
    return f"#{link['claim_id']} (similarity {score}, {link['method']}): {link['state']}"


def _num(value: float | None) -> str:
    return "-" if value is None else (str(int(value)) if value == int(value) else str(value))


def evidence_line(e: dict[str, Any]) -> str:
    f = render.field
    capture = e.get("capture")
    if capture is None:
        fetched = "not fetched"
    elif capture["error"]:
        fetched = f"{capture['outcome']}: {f(capture['error'])}"
    else:
        fetched = (f"{capture['outcome']} {capture['status']} {f(capture['title']) or '(no title)'}"
                   f" sha256 {capture['sha256'][:12]} {capture['size']} bytes")
    note = f" — {f(e['note'])}" if e.get("note") else ""
    flag = f" {e['since_verdict'].upper()} SINCE THE VERDICT" if e.get("since_verdict") in ("changed", "dead") else ""
    return f"#{e['id']} {e['stance']} {f(e['url'])} by {f(e['added_by'])} [{fetched}]{flag}{note}{retracted(e)}"


def retracted(row: dict[str, Any]) -> str:
    """" — RETRACTED by … at …: reason" for a withdrawn evidence item or verdict ("" when in force)."""
    r = row.get("retracted")
    return f" — RETRACTED by {render.field(r['reviewer'])} at {r['created_at']}: {render.field(r['reason'])}" \
        if r else ""


def verdict_line(v: dict[str, Any]) -> str:
    f = render.field
    parts = [f"#{v['id']} {v['rating']} by {f(v['reviewer'])} at {v['created_at']}"]
    if v.get("supersedes"):
        parts.append(f"supersedes #{v['supersedes']}")
    for a in v.get("retracted_approvals") or []:
        parts.append(f"approved by {f(a['approved_by'])} (approval retracted at {a['retracted']['created_at']})")
    if v.get("approved_by"):
        parts.append(f"approved by {f(v['approved_by'])}")
    if v.get("current"):
        parts.append("(current)")
    return " ".join(parts) + f": {f(v['rationale'])}{retracted(v)}"


@app.command("add")
def add_command(
    ctx: typer.Context,
    article_id: ArticleId,
    quote: Annotated[str | None, typer.Option(help="The claim's exact words (must occur once in the article).")] = None,
    start: Annotated[int | None, typer.Option(help="Start offset in the article's latest text.")] = None,
    end: Annotated[int | None, typer.Option(help="End offset (exclusive).")] = None,
    json: Json = False,
) -> None:
    """Add a claim the extractor missed, by quote or by offsets in the article's latest version.

    Example: claimtrack claims add 1 --quote "近2000家人工智能企业"
    """
    from claimtrack.ingest.manual import add_claim

    added = add_claim(ctx.obj.store, article_id, quote=quote, start=start, end=end, actor=ctx.obj.reviewer)
    mention = added.mention
    if json:
        render.emit_json({**added.record, "created": added.created, "mention_id": mention.id})
        return
    what = "new claim" if added.created else "existing claim"
    render.echo(f"{what} {added.claim.id}: mention {mention.id} [{mention.start}:{mention.end}] "
                f"{render.field(mention.quote)}")


@app.command("dismiss")
def dismiss_command(
    ctx: typer.Context,
    claim_id: ClaimId,
    reason: Annotated[str | None, typer.Option(help="Why the claim is not check-worthy (required).")] = None,
    json: Json = False,
) -> None:
    """Dismiss a claim as not check-worthy (kept, with who and why).

    Example: claimtrack claims dismiss 4 --reason "opinion, not a factual claim"
    """
    from claimtrack.review.dismissals import dismiss_claim

    dismissal = dismiss_claim(ctx.obj.store, claim_id, reason or "", actor=ctx.obj.reviewer)
    if json:
        from claimtrack.views.records import dismissal as record

        render.emit_json(record(dismissal))
        return
    render.echo(f"claim {claim_id} dismissed (dismissal {dismissal.id})")


@app.command("restore")
def restore_command(
    ctx: typer.Context,
    claim_id: ClaimId,
    reason: Annotated[str | None, typer.Option(help="Why the claim is check-worthy after all (required).")] = None,
    json: Json = False,
) -> None:
    """Restore a dismissed claim (the dismissal is kept; the restoration records who and why).

    Example: claimtrack claims restore 4 --reason "states a figure after all"
    """
    from claimtrack.review.dismissals import restore_claim

    restoration = restore_claim(ctx.obj.store, claim_id, reason or "", actor=ctx.obj.reviewer)
    if json:
        from claimtrack.views.records import timestamp

        render.emit_json({"id": restoration.id, "claim_id": claim_id, "dismissal_id": restoration.dismissal_id,
                          "reviewer": restoration.reviewer, "reason": restoration.reason,
                          "created_at": timestamp(restoration.created_at)})
        return
    render.echo(f"claim {claim_id} restored (dismissal {restoration.dismissal_id} undone)")


@app.command("merge")
def merge_command(ctx: typer.Context, keep: ClaimId, other: ClaimId, json: Json = False) -> None:
    """Merge claim OTHER into claim KEEP: OTHER's mentions show under KEEP; nothing is deleted.

    Example: claimtrack claims merge 12 31
    """
    from claimtrack.review.links import merge

    decision = merge(ctx.obj.store, keep, other, reviewer=ctx.obj.reviewer)
    result = {"decision": decision.decision, "survivor": keep, "merged": other, "link": decision.link_id}
    render.emit_json(result) if json else render.echo(f"merged claim #{other} into #{keep}")


@app.command("unlink")
def unlink_command(ctx: typer.Context, a: ClaimId, b: ClaimId, json: Json = False) -> None:
    """Keep two linked claims apart (undoes a merge of them); recorded, never deleted.

    Example: claimtrack claims unlink 12 31
    """
    from claimtrack.review.links import unlink

    decision = unlink(ctx.obj.store, a, b, reviewer=ctx.obj.reviewer)
    result = {"decision": decision.decision, "claims": [a, b], "link": decision.link_id}
    render.emit_json(result) if json else render.echo(f"unlinked claims #{a} and #{b}")


@app.command("set")
def set_command(
    ctx: typer.Context,
    claim_id: ClaimId,
    summary: Annotated[str | None, typer.Option(
        help="A short summary of the claim for the ClaimReview feed (claimReviewed; under 75 characters "
             "reads best). An empty text clears it.")] = None,
    claimant: Annotated[str | None, typer.Option(help="Who made the claim (itemReviewed.author).")] = None,
    claimant_type: Annotated[str | None, typer.Option(
        "--claimant-type", help="person or organization (default: person).")] = None,
    appearance: Annotated[list[str] | None, typer.Option(
        help="A public http(s) URL where the claim was made (repeat for several).")] = None,
    json: Json = False,
) -> None:
    """Set a claim's publishing details: summary, claimant, further appearances (audited, history kept).

    Example: claimtrack claims set 12 --summary "2,000 firms closed in 2025" --claimant "City council" --claimant-type organization
    """
    from claimtrack.review.details import set_details

    kind = claimant_type.strip().lower() if claimant_type else claimant_type
    view = set_details(ctx.obj.store, claim_id, actor=ctx.obj.reviewer, summary=summary, claimant=claimant,
                       claimant_type=kind, appearances=tuple(appearance or ()))
    if json:
        render.emit_json(view)
        return
    c = render.clean
    render.echo(f"claim {claim_id}: summary {c(view['summary'], newlines=False) or '-'}; claimant "
                f"{c(view['claimant'], newlines=False) or '-'} ({view['claimant_type'] or '-'}); "
                f"{len(view['appearances'])} appearance URL(s)")
