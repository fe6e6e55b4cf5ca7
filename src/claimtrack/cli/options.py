"""Parameter types shared by several commands (`Annotated` aliases)."""

from typing import Annotated

import typer

Json = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
ClaimId = Annotated[int, typer.Argument(help="Claim id (see `claims list`).", min=1)]
ArticleId = Annotated[int, typer.Argument(help="Article id (see `articles list`).", min=1)]
