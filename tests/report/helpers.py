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
    text = resources.files("claimtrack.services.report").joinpath("report.schema.json").read_text("utf-8")
    return json.loads(text)


def validate(document: dict) -> None:
    import jsonschema

    jsonschema.validate(document, schema(), cls=jsonschema.Draft202012Validator)
