"""Ingest (floor 5): sources in, article versions with their claim mentions out.

- `sources`: SOURCE arguments expanded (files, folders, URLs, stdin, lists) and loaded into a `Document`
  (fetched, decoded, main text extracted, canonicalized, provenance kept);
- `importer`: the import use case (`import_sources`, `import_document`, `preview` for `extract`): one
  version and all its mentions in one write, re-anchoring the previous version's mentions;
- `matching`: is an extracted sentence a claim we already track (fingerprint, LSH candidates, judgement);
- `manual`: `claims add`, a mention made by hand (spans by `text.spans`, the claim by `matching`).
- `folding`: gives the pure text core OpenCC's Traditional→Simplified converter (`text.fold`) before analysing.

Everything that reads, fetches and analyses runs before the write transaction; each public function owns
its transaction (or joins the caller's: `store.writing`). Ingest may use review (`review.status`) and
everything below; it knows neither Typer nor the terminal.
"""
