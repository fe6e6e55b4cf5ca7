"""Review (floor 4): what reviewers do to claims — status, verdicts, evidence, dismissals, links, the queue.

Each public function owns its transaction (`store.read()` / `store.write()`); nothing here knows Typer or the
terminal.
"""
