"""Parameter types shared by several commands (`Annotated` aliases), declared once."""

from typing import Annotated

import typer

Json = Annotated[bool, typer.Option("--json", help="Print JSON instead of text (shape: cli/schemas/).")]
NoHeader = Annotated[bool, typer.Option("--no-header", help="Piped (TSV) output: leave out the header row.")]
Limit = Annotated[int | None, typer.Option("--limit", min=1, help="At most this many rows (default: all).")]
Offset = Annotated[int, typer.Option("--offset", min=0, help="Skip this many (paging).")]
ClaimId = Annotated[int, typer.Argument(help="Claim id (see `claims list`).", min=1)]
ArticleId = Annotated[int, typer.Argument(help="Article id (see `articles list`).", min=1)]
NoFetch = Annotated[bool, typer.Option("--no-fetch", help="Store evidence URLs without fetching them.")]
ExpectCurrent = Annotated[str | None, typer.Option(
    "--expect-current", help="Refuse unless the current verdict is this id (or 'none').")]


def _allow_private_alias(value: bool) -> bool:
    if value:
        from claimtrack.cli import render

        render.warning("--allow-private is deprecated and allows nothing by itself: a private host is "
                       "fetched only when it is listed in [fetch] allow_hosts")
    return value


# Deprecated: kept so that old scripts still parse; private hosts come only from `[fetch] allow_hosts`.
AllowPrivate = Annotated[bool, typer.Option("--allow-private", hidden=True, callback=_allow_private_alias,
                                            help="Deprecated: list private hosts in [fetch] allow_hosts.")]
