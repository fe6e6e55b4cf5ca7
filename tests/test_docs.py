"""Documentation is tested: every command has help text, and CI runs exactly the README's test command."""

from __future__ import annotations

import re

from claimtrack.cli.app import app
from conftest import REPO


def quickstart_commands() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    match = re.search(r"^#+\s*quick\s*start.*?$(.*?)^```(?:sh|bash)?\s*\n(.*?)^```", text, re.I | re.M | re.S)
    assert match, "README has no shell block under a Quickstart heading"
    return [line.strip() for line in match.group(2).splitlines() if line.strip() and not line.startswith("#")]


def test_quickstart_has_exactly_two_commands():
    commands = quickstart_commands()
    assert len(commands) == 2
    assert "claimtrack import" in commands[0] and "claimtrack report" in commands[0]
    assert "pytest" in commands[1]


def test_ci_runs_the_readme_test_command():
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert quickstart_commands()[1] in ci.splitlines()


def _commands(command, prefix=()):
    for name, sub in getattr(command, "commands", {}).items():
        yield (*prefix, name), sub
        yield from _commands(sub, (*prefix, name))


def test_every_command_has_help_text():
    from typer.main import get_command

    commands = list(_commands(get_command(app)))
    assert len(commands) >= 6
    missing = [" ".join(path) for path, command in commands if not (command.help or "").strip()]
    assert missing == []


def test_every_command_shows_an_example():
    from typer.main import get_command

    leaves = [(path, c) for path, c in _commands(get_command(app)) if not getattr(c, "commands", None)]
    assert [" ".join(path) for path, c in leaves if "Example:" not in (c.help or "")] == []
