"""`claimtrack db …`: migrate, show the revision, check integrity, back up."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from claimtrack.cli import render
from claimtrack.cli.options import Json

app = typer.Typer(help="Database: migrate, check, back up.", no_args_is_help=True)


@app.command("upgrade")
def upgrade(ctx: typer.Context, json: Json = False) -> None:
    """Migrate the database to the newest schema (SQLite: a backup is taken first).

    Example: claimtrack --db postgresql://claims@db/claims db upgrade
    """
    from claimtrack.admin import upgrade as run_upgrade

    result = run_upgrade(ctx.obj.settings.db)
    if result.backup:
        render.note(f"backup of the previous revision: {result.backup}")
    if json:
        render.emit_json({"before": result.before, "after": result.after,
                          "backup": str(result.backup) if result.backup else None})
        return
    render.echo(f"{result.before or 'empty'} -> {result.after}")


@app.command("current")
def current(ctx: typer.Context, json: Json = False) -> None:
    """Print the database's schema revision.

    Example: claimtrack --db /srv/claims.db db current
    """
    from claimtrack.admin import current_revision

    revision = current_revision(ctx.obj.settings.db)
    if json:
        render.emit_json(revision)
    else:
        render.echo(f"{revision['revision'] or 'none'}{' (head)' if revision['is_head'] else ''}")


@app.command("check")
def check(ctx: typer.Context, json: Json = False) -> None:
    """Check integrity, foreign keys, every span and the audit chain; exit 1 if anything is wrong.

    Example: claimtrack db check --json
    """
    from claimtrack.admin import check as run_check

    report = run_check(ctx.obj.store)
    if json:
        render.emit_json(report.as_dict())
    else:
        for name, problems in report.sections.items():
            render.echo(f"{name}: {'ok' if not problems else f'{len(problems)} problem(s)'}")
            for problem in problems[:20]:
                render.echo(f"  - {render.field(problem)}")
    if not report.ok:
        render.error(f"db check found {report.count} problem(s): {report.first}")
        raise typer.Exit(1)


@app.command("backup")
def backup(ctx: typer.Context, path: Annotated[Path, typer.Argument(help="Where to write the copy.")],
           json: Json = False) -> None:
    """Copy the database while it is in use (SQLite online backup; PostgreSQL: use pg_dump).

    Example: claimtrack db backup /backups/claims-2026-11-29.db
    """
    from claimtrack.admin import backup as run_backup

    target = run_backup(ctx.obj.store, path)
    if json:
        render.emit_json({"path": str(target), "size": Path(target).stat().st_size})
        return
    render.echo(str(target))
