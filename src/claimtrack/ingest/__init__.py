"""Ingest (floor 5): sources in, article versions with their claim mentions out.

Sources and their expansion (`sources`), the import use case (`importer`), claim matching (`matching`).
Everything that reads, fetches and analyses runs before the write transaction; each public function owns
its transaction.
"""
