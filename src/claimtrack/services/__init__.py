"""Use cases: plain functions over a `Store`, one transaction each; no Typer, no terminal formatting."""
