"""`claimtrack review`: the interactive queue (logic in `review.queue`, this is only its UI).

At a terminal the action is a single key press (no Enter) and the claim is drawn with rich; when stdin
is not a terminal (a pipe, a script, a test) every answer is one line of stdin, the claim is plain text
with the span between «…», and end of input quits cleanly. Claims go to stdout, prompts and messages to
stderr.
"""

from __future__ import annotations

import sys
from typing import Any

import typer

from claimtrack.cli import render
from claimtrack.cli.options import AllowPrivate, NoFetch



class StreamUI:
    """A ReviewUI over stdin/stdout/stderr; single key presses only when stdin is a terminal."""

    def __init__(self) -> None:
        self.tty = sys.stdin.isatty()

    def show(self, view: dict[str, Any]) -> None:
        from claimtrack.cli.claims_cmd import print_claim

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
) -> None:
    """Review claims one by one, highest score first: add evidence, rate, dismiss, skip, quit.

    Example: claimtrack --reviewer alice review
    """
    from claimtrack.review.queue import Review

    app_ctx = ctx.obj
    if not sys.stdin.isatty():
        render.note("stdin is not a terminal: reading one answer a line")
    review = Review(app_ctx.store, StreamUI(), app_ctx.reviewer, app_ctx.settings.review_ratings,
                    app_ctx.fetcher, fetch_now=not no_fetch)
    tally = review.run()
    render.note(f"review ended: {tally.summary()}")
