"""The command line: Typer apps, one module per command group. Commands parse, call one service, render."""
