"""Views (floor 3): the one read model — record shapes of every row kind and the rules of merged claims.

Every reader (the CLI listings, `review`, every report format, `--json`) takes its plain records from here:

- `records`: the shape of each row kind (claim, mention, quantity, evidence, capture, verdict, approval,
  dismissal, article, version), built once; a published format only projects them onto its keys;
- `merges`: survivor, family (members) and who was merged away — what a reviewer's merge means to readers;
- `claims`: the one loader of a page of claims and the claim record built from it (list, show, history);
- `articles`: the article list and one article version with the mentions it holds.

Views read the store (floor 2) and the pure helpers (floor 1) and never write. A public view takes `db`: the
`Store` (it opens a read session of its own) or a `Session` (it reads inside the caller's transaction, as
the report's snapshot and the write use cases do).
"""
