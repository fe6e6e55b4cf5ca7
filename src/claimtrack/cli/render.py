"""Rendering to the terminal: JSON to stdout, messages to stderr, and escaping of untrusted text.

Text that came from an article or a fetched page is untrusted: `clean()` (from `text.sanitize`, so that the
report formats use the same rule without importing the CLI) strips ANSI escape sequences and control
characters before it reaches a terminal, so a hostile article cannot rewrite the reviewer's screen;
`field()` does the same for a single-line field (a name, a title, a URL) and also folds newlines, so a
newline in a reviewer's name cannot forge an output line.

Rich markup is never interpreted from data: the console `console()` hands out has markup and emoji codes
switched off, so `[link=…]`, `[/x]` or `:smile:` in an article print verbatim; where rich insists on a
markup string (a progress bar's description), `markup()` escapes it. Styled pieces are `rich.text.Text`.

Verbosity (`-q`/`-v`, set once by the root callback): `note()` (progress, hints, summaries on stderr) is
silent under `--quiet`; `warning()` and `error()` always print; `detail()` prints only under `--verbose`.

Listings go through `rows()`: at a terminal a rich table, one line a row cut to the terminal's width;
piped, TSV with a header row (unless `--no-header`), every cell escaped by `tsv()` (backslash, tab and
newline as `\\`, `\\t`, `\\n`), so a tab or newline in an article never breaks a row.
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any

from claimtrack.text.sanitize import clean

__all__ = ["clean", "console", "detail", "echo", "emit_json", "error", "field", "interactive", "listed", "markup",
           "note", "quiet", "rows", "set_verbosity", "tsv", "verbose", "warning"]

_verbosity = {"level": 0}  # -1 quiet, 0 normal, 1 verbose


def set_verbosity(level: int) -> None:
    _verbosity["level"] = level


def quiet() -> bool:
    return _verbosity["level"] < 0


def verbose() -> bool:
    return _verbosity["level"] > 0


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


def echo(text: str = "", *, flush: bool = False) -> None:
    sys.stdout.write(text + "\n")
    if flush:
        sys.stdout.flush()


def note(text: str) -> None:
    """A message for the person at the terminal (stderr, so stdout stays data); silent under --quiet."""
    if not quiet():
        sys.stderr.write(text + "\n")


def warning(text: str) -> None:
    """`Warning: <text>` on stderr, also under --quiet (a cron job should hear about it)."""
    sys.stderr.write(f"Warning: {text}\n")


def detail(text: str) -> None:
    """More detail on stderr, only under --verbose."""
    if verbose():
        sys.stderr.write(text + "\n")


def tsv(value: Any) -> str:
    """One TSV cell: None is `-`; control characters removed; backslash, tab, newline escaped."""
    if value is None:
        return "-"
    text = clean(str(value))
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def rows(columns: list[str], table: list[list[Any]], *, header: bool = True) -> None:
    """A listing: a rich table at a terminal (one line a row, cut to the width, the last column takes what
    is left), else TSV (a header row unless `header=False`). Nothing at all for no rows (`listed()` says so)."""
    if not table:
        return
    if interactive():
        _table(columns, [["-" if v is None else field(str(v)) for v in row] for row in table], header)
        return
    out = sys.stdout
    if header:
        out.write("\t".join(columns) + "\n")
    for row in table:
        out.write("\t".join(tsv(v) for v in row) + "\n")


def _table(columns: list[str], cells: list[list[str]], header: bool) -> None:
    """One line a row at the terminal's width: when the rows do not fit, every column but the last is as
    wide as its widest cell up to 40, and the last one gets what is left, cut with an ellipsis (CJK
    characters count two cells)."""
    from rich.cells import cell_len
    from rich.table import Table

    out = console()
    natural = [max([cell_len(columns[i]) if header else 0] + [cell_len(row[i]) for row in cells])
               for i in range(len(columns))]
    gaps = len(columns) - 1
    widths: list[int | None] = [None] * len(columns)
    if sum(natural) + gaps > out.width:
        widths = [min(40, w) for w in natural[:-1]]
        widths.append(max(10, out.width - sum(widths) - gaps))
    grid = Table(box=None, show_header=header, pad_edge=False, padding=(0, 1, 0, 0))
    for name, width in zip(columns, widths, strict=True):
        grid.add_column(name, no_wrap=True, overflow="ellipsis", width=width)
    for row in cells:
        grid.add_row(*row)
    out.print(grid)


def listed(shown: int, total: int | None, empty: str, offset: int = 0, *, more: bool = False,
           capped: bool = False) -> None:
    """What a listing left out, on stderr (with or without --json): `empty` when nothing was listed,
    "50 of 1,644 shown (--limit)" when the page is cut (`total`: every match, None = not cut), "20 of more
    than 10,000 shown (--limit)" when counting stopped at `total` (`capped`), or "20 shown, more match
    (--limit)" when the total is not counted (`more`)."""
    if shown == 0:
        note(empty)
    elif more:
        note(f"{shown:,} shown, more match (--limit)")
    elif total is not None and (offset or offset + shown < total or capped):
        skipped = f", from {offset + 1:,} (--offset)" if offset else ""
        note(f"{shown:,} of {'more than ' if capped else ''}{total:,} shown{skipped} (--limit)")


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
