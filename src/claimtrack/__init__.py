"""claimtrack: fact-claim verification and provenance tracker.

Rooms, one floor above another (each imports only its own room and lower floors; `tests/test_layers.py`):

6. `cli` — Typer commands: parse, call one use case, render;
5. `ingest` (sources, importer, matching, manual `claims add`), `admin` (db upgrade/current/check/backup,
   audit verify/log), `context` (the application context the CLI builds);
4. `review` (status, verdicts, evidence, dismissals, links, queue, search), `report` (scope, query, model,
   writer, formats) — the use cases, each owning its transaction;
3. `views` — the one read model: record shapes and the rules of merged claims;
2. `store` (models, engine, sessions, migrations glue, audit) and `fetch` (HTTP) — not each other;
1. `text` (pure text core: canonical text, segmentation, scoring, quantities, spans, similarity,
   sanitising), `clock`, `canonical_json`, `errors`, `errors_map`, `config`.
"""

__version__ = "0.1.0"
