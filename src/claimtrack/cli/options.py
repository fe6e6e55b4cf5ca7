"""Parameter types shared by several commands (`Annotated` aliases), declared once."""

from typing import Annotated

import typer

Json = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
ClaimId = Annotated[int, typer.Argument(help="Claim id (see `claims list`).", min=1)]
ArticleId = Annotated[int, typer.Argument(help="Article id (see `articles list`).", min=1)]
AllowPrivate = Annotated[bool, typer.Option(
    "--allow-private", help="Allow URLs on loopback and private networks (e.g. an intranet server).")]
NoFetch = Annotated[bool, typer.Option("--no-fetch", help="Store evidence URLs without fetching them.")]
ExpectCurrent = Annotated[str | None, typer.Option(
    "--expect-current", help="Refuse unless the current verdict is this id (or 'none').")]
