"""`claimtrack config …`: where the configuration file is, and the settings in effect."""

from __future__ import annotations

import typer

from claimtrack.cli import render
from claimtrack.cli.options import Json

app = typer.Typer(help="Configuration: file location and effective settings.", no_args_is_help=True)


@app.command("path")
def path(json: Json = False) -> None:
    """Print the configuration file's path (it need not exist).

    Example: $EDITOR "$(claimtrack config path)"
    """
    from claimtrack.config import config_path

    where = config_path()
    if json:
        render.emit_json({"path": str(where), "exists": where.is_file()})
        return
    render.echo(str(where))


@app.command("show")
def show(ctx: typer.Context, json: Json = False) -> None:
    """Print the settings in effect (defaults < file < environment < options).

    Example: CLAIMTRACK_FETCH_TIMEOUT=5 claimtrack config show --json
    """
    from claimtrack.config import as_dict

    values = as_dict(ctx.obj.settings)
    if json:
        render.emit_json(values)
        return
    for key, value in sorted(values.items()):
        render.echo(f"{key} = {value}")
