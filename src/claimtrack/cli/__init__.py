"""CLI (floor 6): Typer apps, one module per command group, wired in the one list of `app.COMMANDS`.

A command is a signature, a one-line docstring with an example, one call of a use case (`ingest`, `review`,
`report`, `admin`) or a read of `views`, and rendering (`render`: JSON to stdout, messages to stderr,
untrusted text cleaned). Shared options are declared once (`options`); errors become one `Error:` line in
one place (`app.ClaimtrackGroup`). No transaction, SQL or HTTP here (`tests/test_layers.py` checks).
"""
