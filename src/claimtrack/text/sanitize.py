"""Sanitising untrusted text for a terminal or a one-line report field (pure, floor 1).

Text that came from an article, a fetched page or a reviewer is untrusted: `clean()` strips ANSI escape
sequences and control or bidi-override characters, so a hostile article cannot rewrite the reviewer's
screen nor smuggle direction overrides into a report. The CLI (`cli.render`) and the Markdown and HTML
reports use this one rule.
"""

from __future__ import annotations

import re

__all__ = ["clean"]

# CSI/OSC/other escape sequences, then any remaining C0/C1 control character except newline and tab.
_ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])|\x9b[0-?]*[ -/]*[@-~]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def clean(text: str | None, *, newlines: bool = True) -> str:
    """Untrusted text made safe for a terminal: no escape sequences, no control or bidi-override characters."""
    if not text:
        return ""
    text = _CONTROL.sub("", _ANSI.sub("", text))
    return text if newlines else text.replace("\n", " ").replace("\t", " ")
