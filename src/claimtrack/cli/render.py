"""Rendering to the terminal: JSON to stdout, messages to stderr, and escaping of untrusted text.

Text that came from an article or a fetched page is untrusted: `clean()` strips ANSI escape sequences and
control characters before it reaches a terminal, so a hostile article cannot rewrite the reviewer's screen.
"""

from __future__ import annotations

import json
import os
import re
import sys
from typing import Any

# CSI/OSC/other escape sequences, then any remaining C0/C1 control character except newline and tab.
_ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])|\x9b[0-?]*[ -/]*[@-~]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def clean(text: str | None, *, newlines: bool = True) -> str:
    """Untrusted text made safe for a terminal: no escape sequences, no control or bidi-override characters."""
    if not text:
        return ""
    text = _CONTROL.sub("", _ANSI.sub("", text))
    return text if newlines else text.replace("\n", " ").replace("\t", " ")


def emit_json(value: Any) -> None:
    """Write `value` as JSON to stdout (UTF-8, readable, stable key order)."""
    # json.dump streams the encoder's chunks: json.dumps with indent joins millions of small strings
    # first (100k sentences of `extract --json` cost hundreds of MB that way).
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2, sort_keys=True, default=str)
    sys.stdout.write("\n")


def echo(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def note(text: str) -> None:
    """A message for the person at the terminal (stderr, so stdout stays data)."""
    sys.stderr.write(text + "\n")


def error(message: str) -> None:
    """The one-line error format: `Error: <message>` on stderr."""
    first = clean(message, newlines=False).strip() or "unknown error"
    sys.stderr.write(f"Error: {first}\n")


def interactive() -> bool:
    """Whether stdout is a terminal (progress bars and colour only then)."""
    return sys.stdout.isatty() and sys.stderr.isatty() and not os.environ.get("CI")


def console(stderr: bool = False):
    """A rich console honouring NO_COLOR and pipes (imported only by commands that draw tables)."""
    from rich.console import Console

    return Console(stderr=stderr, no_color=bool(os.environ.get("NO_COLOR")) or None, highlight=False,
                   soft_wrap=False)
