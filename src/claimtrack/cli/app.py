"""The root command: global options, the application context, and error translation.

Every command is wired in the one list below (`COMMANDS`). Errors are translated in one place (`ClaimtrackGroup.invoke`):
a `ClaimtrackError` becomes one line `Error: …` and exit 1; anything unexpected the same, with the
traceback only under `--debug` / `CLAIMTRACK_DEBUG=1`. Heavy modules are imported inside commands, so
that `claimtrack --help` stays fast.
"""

from __future__ import annotations

import os
import sys
import traceback
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from claimtrack import __version__
from claimtrack.cli import render
from claimtrack.errors import ClaimtrackError

_state = {"debug": False}


def _debug() -> bool:
    return _state["debug"] or os.environ.get("CLAIMTRACK_DEBUG", "") not in ("", "0")


def report_failure(exc: BaseException) -> int:
    """Print one `Error:` line for `exc` (and the traceback when debugging); the exit code to use."""
    if _debug():
        traceback.print_exception(exc, file=sys.stderr)
    if isinstance(exc, ClaimtrackError):
        render.error(str(exc))
        return exc.exit_code
    from claimtrack.errors_map import describe

    render.error(describe(exc) + ("" if _debug() else " (run with --debug for details)"))
    return 1


def closed_pipe() -> int:
    """The reader of our stdout went away (`claimtrack claims list | head`): stop quietly, like a tool
    killed by SIGPIPE (exit 141), and keep Python from complaining while flushing at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass  # stdout has no file descriptor (in-process runner)
    return 141


class ClaimtrackGroup(TyperGroup):
    """The root group: exceptions become one-line errors instead of tracebacks; commands load lazily."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.commands = LazyCommands(COMMANDS, self.commands)

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.commands)  # the names, in `COMMANDS` order, without importing any command

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            raise typer.Exit(closed_pipe()) from None
        except Exception as exc:  # noqa: BLE001 - the one place errors meet the user
            if type(exc).__module__.startswith(("typer", "click")):
                raise  # usage errors, Exit and Abort: the framework prints and exits itself
            raise typer.Exit(report_failure(exc)) from None
        finally:
            context = ctx.obj
            if hasattr(context, "close") and ctx.parent is None:
                context.close()


app = typer.Typer(
    cls=ClaimtrackGroup,
    name="claimtrack",
    help="Track check-worthy claims from articles to verdicts, with provenance and an audit trail.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        render.echo(f"claimtrack {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    db: Annotated[str | None, typer.Option("--db", help="Database path or URL (env CLAIMTRACK_DB).",
                                           show_default="./claims.db")] = None,
    reviewer: Annotated[str | None, typer.Option("--reviewer", help="Who is acting (env CLAIMTRACK_REVIEWER).")] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks (env CLAIMTRACK_DEBUG=1).")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only errors and warnings: no progress, no "
                                                               "per-file lines, no hints (for cron).")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="More detail on stderr.")] = False,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """claimtrack: import articles, review claims, export audit reports."""
    _state["debug"] = debug
    if quiet and verbose:
        raise typer.BadParameter("choose one of --quiet and --verbose", param_hint="--quiet")
    render.set_verbosity(-1 if quiet else 1 if verbose else 0)
    if ctx.obj is None:
        from claimtrack.config import load_settings
        from claimtrack.context import AppContext

        ctx.obj = AppContext(load_settings({"db": db, "reviewer": reviewer}))
    elif db or reviewer:
        from dataclasses import replace

        ctx.obj.settings = replace(ctx.obj.settings, **{k: v for k, v in {"db": db, "reviewer": reviewer}.items() if v})


# Every command of claimtrack, in one visible list (weasel / `hf` style): groups, then single commands.
# A command module only declares its Typer app or function; nothing registers itself. Each entry names
# "module:attribute" and is imported only when that command runs (or `--help` lists them all), so that
# `claimtrack claims list` does not pay for building the other dozen command groups (issue 21).
COMMANDS = (  # (name, "module:attribute" of a Typer group `app` or a command function); --help: commands, then groups
    ("db", "db_cmd:app"), ("config", "config_cmd:app"),
    ("import", "import_cmd:import_command"), ("extract", "import_cmd:extract_command"),
    ("articles", "articles_cmd:app"), ("claims", "claims_cmd:app"), ("evidence", "evidence_cmd:app"),
    ("verdict", "verdict_cmd:app"), ("review", "review_cmd:review_command"), ("search", "search_cmd:search"),
    ("status", "status_cmd:status_command"),
    ("report", "report_cmd:report"), ("audit", "audit_cmd:app"), ("factchecks", "factchecks_cmd:app"),
)


def load_command(name: str, where: str):
    """The click command of one `COMMANDS` entry, imported and built by Typer on first use."""
    import importlib

    from typer.main import get_command_from_info, get_group_from_info
    from typer.models import CommandInfo, TyperInfo

    module, attribute = where.split(":")
    entry = getattr(importlib.import_module(f"claimtrack.cli.{module}"), attribute)
    if isinstance(entry, typer.Typer):
        return get_group_from_info(TyperInfo(entry, name=name), pretty_exceptions_short=app.pretty_exceptions_short,
                                   rich_markup_mode=app.rich_markup_mode,
                                   suggest_commands=getattr(app, "suggest_commands", True))
    return get_command_from_info(CommandInfo(name=name, callback=entry),
                                 pretty_exceptions_short=app.pretty_exceptions_short,
                                 rich_markup_mode=app.rich_markup_mode)


class LazyCommands(dict):
    """The root group's commands: every name is known up front; a command is built when it is looked up
    (`get`, `[]`, `items()`, `values()`), so that iterating the names (`list(...)`) imports nothing."""

    def __init__(self, entries, built=None) -> None:
        super().__init__(built or {})
        # Typer lists single commands before groups (a group's entry is a module's `app`): keep that order
        self._entries = dict(sorted(entries, key=lambda entry: entry[1].endswith(":app")))

    def _load(self, name: str):
        if not dict.__contains__(self, name) and name in self._entries:
            dict.__setitem__(self, name, load_command(name, self._entries[name]))
        return dict.get(self, name)

    def __iter__(self):
        return iter(list(self._entries) + [n for n in dict.keys(self) if n not in self._entries])

    def __len__(self) -> int:
        return len(list(iter(self)))

    def __contains__(self, name) -> bool:
        return name in self._entries or dict.__contains__(self, name)

    def keys(self):
        return list(iter(self))

    def get(self, name, default=None):
        found = self._load(name)
        return default if found is None else found

    def __getitem__(self, name):
        found = self._load(name)
        if found is None:
            raise KeyError(name)
        return found

    def items(self):
        return [(name, self[name]) for name in self]

    def values(self):
        return [self[name] for name in self]


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point."""
    try:
        app(args=argv, prog_name="claimtrack")
        sys.stdout.flush()
    except BrokenPipeError:
        sys.exit(closed_pipe())
    except OSError as exc:  # outside a command (an eager option writing to an unusable stdout)
        sys.exit(report_failure(exc))
    except KeyboardInterrupt:
        render.error("interrupted")
        sys.exit(130)
