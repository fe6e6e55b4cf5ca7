"""Rendering to the terminal: JSON to stdout, messages to stderr, and escaping of untrusted text.

Text that came from an article or a fetched page is untrusted: `clean()` (from `text.sanitize`, so that the
report formats use the same rule without importing the CLI) strips ANSI escape sequences and control
characters before it reaches a terminal, so a hostile article cannot rewrite the reviewer's screen;
`field()` does the same for a single-line field (a name, a title, a URL) and also folds newlines, so a
newline in a reviewer's name cannot forge an output line.

Rich markup is never interpreted from data: the console `console()` hands out has markup and emoji codes
switched off, so `[link=…]`, `[/x]` or `:smile:` in an article print verbatim; where rich insists on a
markup string (a progress bar's description), `markup()` escapes it. Styled pieces are `rich.text.Text`.
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any

from claimtrack.text.sanitize import clean

__all__ = ["clean", "console", "echo", "emit_json", "error", "field", "interactive", "listed", "markup", "note"]


def field(text: str | None) -> str:
    """A single-line field (name, title, URL, note) made safe: `clean()`, and no newline or tab."""
    return clean(text, newlines=False)


def markup(text: str | None) -> str:
    """Untrusted text for the few rich APIs that take markup strings: cleaned, one line, markup escaped."""
    from rich.markup import escape

    return escape(field(text))


def emit_json(value: Any) -> None:
    """Write `value` as JSON to stdout (UTF-8, readable, stable key order)."""
    # Streamed: json.dumps with indent joins millions of small strings first (100k sentences of
    # `extract --json` cost hundreds of MB that way); written 4,096 chunks at a time, because json.dump's
    # one write a chunk took 40% of `extract` on a big article. Same bytes as json.dump.
    chunks: list[str] = []
    for chunk in json.JSONEncoder(ensure_ascii=False, indent=2, sort_keys=True, default=str).iterencode(value):
        if len(chunk) > 65536:  # the article's text: written as it is, not copied into a join
            sys.stdout.write("".join(chunks))
            chunks.clear()
            sys.stdout.write(chunk)
            continue
        chunks.append(chunk)
        if len(chunks) >= 4096:
            sys.stdout.write("".join(chunks))
            chunks.clear()
    sys.stdout.write("".join(chunks) + "\n")


def echo(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def note(text: str) -> None:
    """A message for the person at the terminal (stderr, so stdout stays data)."""
    sys.stderr.write(text + "\n")


def listed(shown: int, total: int | None, empty: str, offset: int = 0) -> None:
    """What a listing left out, on stderr (with or without --json): `empty` when nothing was listed,
    "50 of 1,644 shown (--limit)" when the page is cut (`total`: every match, None = not cut)."""
    if shown == 0:
        note(empty)
    elif total is not None and (offset or offset + shown < total):
        skipped = f", from {offset + 1:,} (--offset)" if offset else ""
        note(f"{shown:,} of {total:,} shown{skipped} (--limit)")


def error(message: str) -> None:
    """The one-line error format: `Error: <message>` on stderr."""
    first = clean(message, newlines=False).strip() or "unknown error"
    sys.stderr.write(f"Error: {first}\n")


def interactive() -> bool:
    """Whether stdout is a terminal (progress bars and colour only then)."""
    return sys.stdout.isatty() and sys.stderr.isatty() and not os.environ.get("CI")


def console(stderr: bool = False):
    """A rich console honouring NO_COLOR and pipes (imported only by commands that draw tables).

    Markup and emoji codes are off: everything printed through it is shown as it is (see the docstring)."""
    from rich.console import Console

    return Console(stderr=stderr, no_color=bool(os.environ.get("NO_COLOR")) or None, highlight=False,
                   soft_wrap=False, markup=False, emoji=False)
