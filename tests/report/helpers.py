"""Helpers shared by the report tests."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

from tests.conftest import invoke


def report(context, fmt: str, out: Path | str, *args: str):
    """Run `claimtrack report` in-process; the Result."""
    return invoke("report", "--format", fmt, "--out", str(out), *args, context=context)


def schema() -> dict:
    text = resources.files("claimtrack.report").joinpath("report.schema.json").read_text("utf-8")
    return json.loads(text)


def validate(document: dict) -> None:
    import jsonschema

    jsonschema.validate(document, schema(), cls=jsonschema.Draft202012Validator)


class _Collector:
    """Tags and attributes of an HTML document (stdlib html.parser, as a browser tokenises them)."""

    def __init__(self, text: str) -> None:
        from html.parser import HTMLParser

        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        collector = self

        class Parser(HTMLParser):
            def handle_starttag(self, tag, attrs):
                collector.tags.append((tag, attrs))

            handle_startendtag = handle_starttag

        parser = Parser(convert_charrefs=True)
        parser.feed(text)
        parser.close()


def active_content(html_text: str, *, allowed: set[str]) -> list[str]:
    """Everything in the document that could run code or load something: should be empty."""
    problems = []
    for tag, attrs in _Collector(html_text).tags:
        if tag not in allowed:
            problems.append(f"element <{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                problems.append(f"<{tag} {name}=…>")
            if name in ("href", "src", "action", "xlink:href", "formaction") and value is not None:
                if not value.startswith(("https:", "http:", "#")):
                    problems.append(f"<{tag} {name}={value!r}>")
    return problems
