"""The import floor: the least work any importer of these files must do, with the standard library only.

The one idea: claimtrack's import time means little alone; divided by this floor it says how much the
real pipeline (provenance, hashing, scoring, quantities, matching, audit) costs over "read the files,
split sentences with one regular expression, insert everything with `executemany` in one transaction".
The issue's target is claimtrack ≤ 3× this floor for 2,000 articles into an empty SQLite database.

    python benchmarks/floor.py FOLDER DB
"""

from __future__ import annotations

import re
import sqlite3
import sys
from pathlib import Path

SENTENCE = re.compile(r"[^。！？!?.\n]+(?:[。！？!?.]+[”\"’']?|\n|$)")

SCHEMA = """
CREATE TABLE article (id INTEGER PRIMARY KEY, source TEXT UNIQUE NOT NULL, text TEXT NOT NULL);
CREATE TABLE sentence (id INTEGER PRIMARY KEY, article_id INTEGER NOT NULL REFERENCES article(id),
                       start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL);
"""


def load(folder: Path, db: Path) -> tuple[int, int]:
    """Import every .txt file under `folder` into a new database `db`; returns (articles, sentences)."""
    files = sorted(folder.rglob("*.txt"))
    conn = sqlite3.connect(db)
    conn.executescript(SCHEMA)
    articles, sentences = [], []
    for article_id, path in enumerate(files, start=1):
        text = path.read_text(encoding="utf-8")
        articles.append((article_id, str(path.resolve()), text))
        sentences.extend((article_id, m.start(), m.end(), m.group().strip())
                         for m in SENTENCE.finditer(text) if m.group().strip())
    with conn:
        conn.executemany("INSERT INTO article (id, source, text) VALUES (?, ?, ?)", articles)
        conn.executemany('INSERT INTO sentence (article_id, start, "end", text) VALUES (?, ?, ?, ?)', sentences)
    conn.close()
    return len(articles), len(sentences)


if __name__ == "__main__":
    print(load(Path(sys.argv[1]), Path(sys.argv[2])))
