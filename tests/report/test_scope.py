"""Parsing --since/--until, and which claims the activity window selects."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from claimtrack.errors import InputError
from claimtrack.report.scope import parse_when
from tests.report.helpers import report

NOW = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize("text, expected", [
    ("2026-11-28", datetime(2026, 11, 28, tzinfo=UTC)),
    ("2026-11-28T06:30", datetime(2026, 11, 28, 6, 30, tzinfo=UTC)),
    ("2026-11-28T06:30:00+02:00", datetime(2026, 11, 28, 4, 30, tzinfo=UTC)),
    ("2026-11-28T06:30:00Z", datetime(2026, 11, 28, 6, 30, tzinfo=UTC)),
    ("24h", NOW - timedelta(hours=24)), ("7d", NOW - timedelta(days=7)), ("30m", NOW - timedelta(minutes=30)),
    ("2w", NOW - timedelta(weeks=2)), (" 90s ", NOW - timedelta(seconds=90)),
])
def test_parse_when(text, expected):
    assert parse_when(text, now=NOW) == expected


@pytest.mark.parametrize("text", ["yesterday", "24x", "2026-13-01", "", "-1d"])
def test_parse_when_rejects(text):
    with pytest.raises(InputError):
        parse_when(text, now=NOW)


def _ids(path) -> list[int]:
    return [c["id"] for c in json.loads(path.read_text())["claims"]]


def test_window_selects_claims_by_any_activity(context, make, tmp_path):
    version = make.article("Sales rose 10% in May. Costs fell 5% in June. Jobs grew 2% in July.")
    a = make.claim(version, "Sales rose 10% in May.")
    b = make.claim(version, "Costs fell 5% in June.")
    c = make.claim(version, "Jobs grew 2% in July.")
    make.clock.now = datetime(2026, 3, 1, tzinfo=UTC)
    make.evidence(b, "https://e.example/b")  # evidence + capture in March
    make.clock.now = datetime(2026, 5, 1, tzinfo=UTC)
    verdict = make.verdict(c, "true")
    make.clock.now = datetime(2026, 6, 1, tzinfo=UTC)
    make.approve(verdict)
    windows = {("2026-02-01", "2026-04-01"): [b.id], ("2026-04-01", "2026-05-15"): [c.id],
               ("2026-05-15", "2026-07-01"): [c.id], ("2025-12-01", "2026-01-02"): [a.id, b.id, c.id],
               ("2026-07-01", None): []}
    for (since, until), expected in windows.items():
        out = tmp_path / "r.json"
        args = ["--since", since] + (["--until", until] if until else [])
        assert report(context, "json", out, *args).exit_code == 0
        assert _ids(out) == expected, (since, until)
    # a claim in scope is reported whole: its March evidence shows in a window that selected it for January
    out = tmp_path / "all.json"
    assert report(context, "json", out, "--until", "2026-01-02").exit_code == 0
    assert json.loads(out.read_text())["claims"][1]["evidence"][0]["url"] == "https://e.example/b"


def test_relative_since_counts_back_from_generated_at(context, make, tmp_path):
    make.article()  # audit events only; no claims
    version = make.article("Prices doubled in 2025.", url="https://news.example/b")
    make.claim(version, "Prices doubled in 2025.")
    out = tmp_path / "r.json"
    assert report(context, "json", out, "--since", "24h", "--generated-at", "2026-01-01T12:00:00Z").exit_code == 0
    scope = json.loads(out.read_text())["about"]["scope"]
    assert scope["since"] == "2025-12-31T12:00:00.000000Z" and scope["mode"] == "date"
    assert len(_ids(out)) == 1
