"""Markdown to article text: what a reader sees, without the markup, plus the headings.

The one idea: parse with a CommonMark parser (markdown-it-py) and keep only the text of the inline tokens, so
`**bold**`, `*By Jane*`, `[links](url)`, `# headings`, code fences and HTML blocks never reach the stored
text (and so never a claim, a quote or its context). Each block becomes a paragraph (blank line between);
list items become `- item` lines; headings are returned apart so that they are stored as the title and never
scored as claims.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["MarkdownText", "markdown_text", "looks_like_markdown"]


@dataclass(frozen=True)
class MarkdownText:
    text: str
    title: str | None
    headings: tuple[str, ...]


_MD_SIGNS = re.compile(r"^(?:#{1,6}\s+\S|\s{0,3}(?:[-*+]|\d{1,3}[.)])\s+\S|>\s|```|={3,}\s*$|-{3,}\s*$)|"
                       r"\[[^\]\n]+\]\([^)\s]+\)|\*\*[^*\n]+\*\*|__[^_\n]+__", re.M)


def looks_like_markdown(text: str) -> bool:
    """Markdown, rather than plain text: a `#` heading, or at least three other Markdown signs."""
    head = text[:20000]
    if re.search(r"^#{1,6}\s+\S", head, re.M):
        return True
    return len(_MD_SIGNS.findall(head)) >= 3


def markdown_text(source: str) -> MarkdownText:
    """The plain text of a Markdown document, its first heading (the title) and every heading."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").parse(source)
    blocks: list[str] = []
    headings: list[str] = []
    title: str | None = None
    in_item = 0
    for i, tok in enumerate(tokens):
        if tok.type == "list_item_open":
            in_item += 1
        elif tok.type == "list_item_close":
            in_item -= 1
        elif tok.type in ("fence", "code_block"):
            continue  # code is not article prose
        elif tok.type == "inline":
            line = _inline_text(tok)
            if not line:
                continue
            opener = tokens[i - 1].type if i else ""
            if opener == "heading_open":
                headings.append(line)
                title = title or line
            blocks.append(f"- {line}" if in_item else line)
    return MarkdownText("\n\n".join(_join_items(blocks)), title, tuple(headings))


def _inline_text(tok) -> str:
    parts: list[str] = []
    for child in tok.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak",):
            parts.append("\n")
        elif child.type == "hardbreak":
            parts.append("\n")
        elif child.type == "image":
            parts.append(child.content or "")
    return "".join(parts).strip()


def _join_items(blocks: list[str]) -> list[str]:
    """Consecutive list items stay one block (one item a line)."""
    out: list[str] = []
    for b in blocks:
        if out and b.startswith("- ") and out[-1].split("\n")[-1].startswith("- "):
            out[-1] += "\n" + b
        else:
            out.append(b)
    return out
