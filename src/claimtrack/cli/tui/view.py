"""A claim record (`views.claims.show_claim`) as `rich.text.Text` pieces for the review screen.

Nothing here builds a markup string: article text, notes, names and titles go into `Text` objects as
plain strings (cleaned of control characters by `render.clean`), so `[b]` or `[link=…]` in an article is
shown verbatim. The section lines are the ones `claims show` prints.
"""

from __future__ import annotations

from typing import Any

from rich.console import Group
from rich.padding import Padding
from rich.text import Text

from claimtrack.cli import render

SPAN_STYLE = "bold reverse"


def header(view: dict[str, Any], position: int, total: int, filters: str, approve: bool) -> Text:
    """`claim 12 · 3 of 52 · score 0.90 · in_review · rating -` and the filters in force."""
    text = Text()
    text.append(f"{'approve ' if approve else ''}{position} of {total}", style="bold")
    text.append(f" · claim {view['id']} · score {view['score']:.2f} · {view['status']}"
                f" · rating {render.field(view['rating']) or '-'}")
    if view.get("language"):
        text.append(f" · {render.field(view['language'])}")
    if filters:
        text.append(f"  ({filters})", style="dim")
    return text


def context(view: dict[str, Any]) -> Text:
    """The claim in its article: the title line, then the surrounding sentences with the span highlighted."""
    ctx = view.get("context")
    if not ctx:
        return Text.assemble(("(no anchored mention: the claim's own text)\n", "dim"), render.clean(view["text"]))
    title = render.field(ctx["title"]) or "untitled"
    text, start, end = ctx["text"], ctx["start"], ctx["end"]
    out = Text()
    out.append(f"article {ctx['article_id']} · {title}\n", style="italic")
    out.append(render.clean(text[:start]))
    out.append(render.clean(text[start:end]), style=SPAN_STYLE)
    out.append(render.clean(text[end:]))
    if view.get("merged_into"):
        out.append(f"\nmerged into claim {view['merged_into']} (its appearances are reviewed there)", style="bold")
    return out


def quantities(view: dict[str, Any]) -> Text:
    f = render.field
    lines = [f"{f(q['text'])}  value={_num(q['value'])} low={_num(q['low'])} high={_num(q['high'])} "
             f"qualifier={q['qualifier'] or '-'} unit={f(q['unit']) or '-'}" for q in view["quantities"]]
    return Text("\n".join(lines) or "none")


def _num(value: float | None) -> str:
    """A number as `claims show` prints it: `-` for none, integers without `.0`."""
    return "-" if value is None else (str(int(value)) if value == int(value) else str(value))


def sections(view: dict[str, Any]) -> Group:
    """Evidence (with capture status), verdict history, dismissals, similar claims, checked elsewhere."""
    from claimtrack.cli.claims_cmd import dismissal_line, evidence_line, link_line, verdict_line
    from claimtrack.cli.factchecks_cmd import suggestion_line

    parts = [("evidence", [evidence_line(e) for e in view.get("evidence", [])], "none yet"),
             ("verdicts", [verdict_line(v) for v in view.get("verdicts", [])], "none yet"),
             ("dismissals", [dismissal_line(d) for d in view.get("dismissals", [])], None),
             ("similar claims", [link_line(link) for link in view.get("links", [])], None),
             ("checked elsewhere", [suggestion_line(s) for s in view.get("checked_elsewhere", [])], None)]
    blocks: list[Any] = []
    for title, rows, empty in parts:
        if not rows and empty is None:
            continue
        alert = title == "checked elsewhere"
        blocks.append(Text(f"{title.upper() if alert else title}:", style="bold reverse" if alert else "bold"))
        for row in rows or [empty]:  # wrapped lines keep the indent
            blocks.append(Padding(Text(render.clean(row), style="" if rows else "dim"), (0, 0, 0, 2)))
    return Group(*blocks)


def queue_line(row: dict[str, Any], current: bool, width: int = 60) -> Text:
    """One claim of the queue pane: marker, id, score and the start of its text (one line)."""
    text = render.field(row["text"])
    line = Text(f"{'▶' if current else ' '} #{row['id']} {row['score']:.2f} ", style="bold" if current else "")
    line.append(text)
    line.truncate(width, overflow="ellipsis")
    line.no_wrap = True
    return line
