"""Review (floor 4): what reviewers do to claims — status, verdicts, evidence, dismissals, links, the queue.

- `status`: the cached status/rating of a claim, derived from its review rows (and `db check`'s recheck);
- `verdicts`: set (appended, superseding), approve (a second reviewer);
- `evidence`: attach a URL (fetched outside the transaction, captured), re-check captures;
- `dismissals`: a claim is not check-worthy (who and why);
- `links`: merge two claims or keep them apart (what a merge means to readers is `views.merges`);
- `queue`: the interactive review loop, calling the same use cases as the CLI;
- `search`: full-text search over claims and articles.

Each public function takes `db` (the `Store`, so it owns its transaction, or a `Session` to join the
caller's: `store.writing`/`store.reading`) and reads through `views`; nothing here knows Typer or the terminal.
"""
