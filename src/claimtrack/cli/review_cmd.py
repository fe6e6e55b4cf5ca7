"""`claimtrack review`: the interactive queue (logic in `review.queue`, this is only its UI).

When stdin and stdout (and stderr, where Textual draws) are a terminal, the review is the full-screen application of `cli.tui`
(Textual, imported only here and only then); otherwise it is the line mode below. Both take the same
queue filters and print the same session summary on stderr when they end.

In the line mode, at a terminal the action is a single key press (no Enter) and the claim is drawn with rich; when stdin
is not a terminal (a pipe, a script, a test) every answer is one line of stdin, the claim is plain text
with the span between «…», and end of input quits cleanly. Claims go to stdout, prompts and messages to
stderr.
"""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer

from claimtrack.cli import render
from claimtrack.cli.options import AllowPrivate, Json, NoFetch


class StreamUI:
    """A ReviewUI over stdin/stdout/stderr; single key presses only when stdin is a terminal."""

    def __init__(self, *, claims_to_stderr: bool = False) -> None:
        self.tty = sys.stdin.isatty()
        self.claims_to_stderr = claims_to_stderr  # under --json stdout holds the one JSON document

    def show(self, view: dict[str, Any]) -> None:
        from contextlib import nullcontext, redirect_stdout

        from claimtrack.cli.claims_cmd import print_claim

        with redirect_stdout(sys.stderr) if self.claims_to_stderr else nullcontext():
            render.echo()
            print_claim(view)
            sys.stdout.flush()

    def ask(self, prompt: str, *, key: bool = False) -> str | None:
        sys.stderr.write(f"{prompt}{'' if key and self.tty else ': '}" + (" " if key else ""))
        sys.stderr.flush()
        if key and self.tty:
            return _read_key()
        line = sys.stdin.readline()
        answer = None if line == "" else line.rstrip("\r\n")
        sys.stderr.write(("(end of input)" if answer is None else render.field(answer)) + "\n")
        return answer

    def say(self, text: str) -> None:
        render.note(render.field(text))


def _read_key() -> str | None:
    """One key press from the terminal, without waiting for Enter (Ctrl-D/Ctrl-C quit)."""
    import termios
    import tty

    fd = sys.stdin.fileno()
    saved = termios.tcgetattr(fd)
    try:
        tty.setcbreak(fd)
        char = sys.stdin.read(1)
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)
    sys.stderr.write(char + "\n")
    return None if char in ("", "\x04", "\x03") else char


def review_command(
    ctx: typer.Context,
    no_fetch: NoFetch = False,
    allow_private: AllowPrivate = False,
    article: Annotated[int | None, typer.Option("--article", help="Only claims of this article.", min=1)] = None,
    lang: Annotated[str | None, typer.Option("--lang", help="Only claims in this language (en, zh, ...).")] = None,
    min_score: Annotated[float | None, typer.Option("--min-score", help="Only claims scoring at least this.")] = None,
    status: Annotated[str | None, typer.Option(
        "--status", help="Only claims with this status (default: unreviewed and in review, and rated claims "
                         "whose evidence went dead or changed).")] = None,
    since: Annotated[str | None, typer.Option(
        "--since", help="Only claims created at or after this date or time, or this age ago (24h, 7d).")] = None,
    sort: Annotated[str, typer.Option("--sort", help="score (highest first) or age (oldest first).")] = "score",
    approve: Annotated[bool, typer.Option(
        "--approve", help="The approver's queue: verdicts awaiting your approval (never your own).")] = False,
    json: Json = False,
) -> None:
    """Review claims one by one, highest score first: add evidence, rate, dismiss, skip, quit.

    Full screen at a terminal (? shows the keys), one answer a line otherwise. With --json it is always the
    line mode, claims go to stderr and the session summary is one JSON document on stdout.

    Example: claimtrack --reviewer alice review --min-score 0.6
    """
    from claimtrack.clock import utcnow
    from claimtrack.report.scope import parse_when
    from claimtrack.review.queue import QueueFilter, Review

    app_ctx = ctx.obj
    queue = QueueFilter(article_id=article, language=lang, min_score=min_score, status=status, sort=sort,
                        approve=approve, since=parse_when(since, now=utcnow()) if since else None)
    queue.check()  # a bad filter is an error before anything is shown
    if not json and sys.stdin.isatty() and sys.stdout.isatty() and sys.stderr.isatty():  # Textual draws on stderr
        tally = _full_screen(app_ctx, queue, fetch_now=not no_fetch)
    else:
        if not sys.stdin.isatty():
            render.note("stdin is not a terminal: reading one answer a line")
        review = Review(app_ctx.store, StreamUI(claims_to_stderr=json), app_ctx.reviewer,
                        app_ctx.settings.review_ratings, app_ctx.fetcher, fetch_now=not no_fetch, queue=queue)
        tally = review.run()
    if json:
        from dataclasses import asdict

        render.emit_json({"reviewer": app_ctx.reviewer, "approve_queue": approve, **asdict(tally)})
    else:
        render.note(f"review ended: {tally.summary()}")


def _full_screen(app_ctx: Any, queue: Any, *, fetch_now: bool):
    """Run the Textual application; it hands back the session's tally (also after Ctrl-C)."""
    import os

    from claimtrack.cli.tui.app import ReviewApp

    no_color = os.environ.get("NO_COLOR")  # Textual takes NO_COLOR out of the environment; put it back
    app = ReviewApp(app_ctx.store, app_ctx.reviewer, app_ctx.settings.review_ratings, queue,
                    fetcher=app_ctx.fetcher, fetch_now=fetch_now)
    try:
        result = app.run()
    finally:
        if no_color is not None:
            os.environ["NO_COLOR"] = no_color
    return result if result is not None else app.tally
