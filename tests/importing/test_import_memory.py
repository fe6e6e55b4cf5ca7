"""The importer's working set (issue 14, item 2): writing a version's mentions holds a batch of rows at a time,
not every mention of the article, and the analysis it keeps is the check-worthy sentences only."""

from __future__ import annotations

import tracemalloc

from sqlalchemy import func, select

from claimtrack.store import audit
from claimtrack.store.models import Mention


_REAL: dict = {}


def _mention_peak(monkeypatch, run_import, write, store, sentences: int) -> int:
    """Peak traced bytes allocated while `_add_mentions` writes an article of `sentences` mentions."""
    from claimtrack.ingest import importer

    monkeypatch.setattr(importer, "MENTION_BATCH", 100, raising=False)  # absent: all rows at once
    real = _REAL.setdefault("add_mentions", importer._add_mentions)
    peaks = []

    def traced(*args, **kwargs):
        tracemalloc.start()
        try:
            return real(*args, **kwargs)
        finally:
            peaks.append(tracemalloc.get_traced_memory()[1])
            tracemalloc.stop()

    monkeypatch.setattr(importer, "_add_mentions", traced)
    summary = run_import(write(f"tiny-{sentences}.txt", f"Sales rose {sentences}%. " * sentences))
    assert summary.results[0].status == "imported" and summary.results[0].mentions == sentences
    return peaks[0]


def test_writing_mentions_holds_a_batch_not_the_article(monkeypatch, run_import, write, store):
    """Twice the mentions may cost only their digests more (kept for the one `mention.create` event, and its
    JSON: ~450 bytes a mention); when every row was made, converted and inserted at once, each mention cost
    2.5 kB (SQLite) to 5.5 kB (PostgreSQL) of peak."""
    _mention_peak(monkeypatch, run_import, write, store, 100)  # first-use caches (statements, modules)
    small = _mention_peak(monkeypatch, run_import, write, store, 800)
    large = _mention_peak(monkeypatch, run_import, write, store, 1600)
    per_mention = (large - small) / 800
    assert per_mention < 1000, f"{small} -> {large}: {per_mention:.0f} bytes of peak per extra mention"
    with store.read() as session:
        assert session.scalar(select(func.count()).select_from(Mention)) == 2500
        assert audit.verify(session).ok


def test_the_analysis_an_import_keeps_is_the_check_worthy_sentences(write):
    from claimtrack.config import Settings
    from claimtrack.ingest import importer
    from claimtrack.ingest.sources import expand, load

    text = "The mayor thanked the staff. Unemployment fell to 4.2 percent in March. " * 50
    doc = load(expand([write("a.txt", text)]).sources[0], Settings())
    analysed = importer.analyse(doc, 0.5)
    full, _ = importer.analyze_with_repeats(doc.text, doc.language, 0.5)
    assert len(full) == 100 and len(analysed.analysis) == 50
    assert analysed.analysis == [s for s in full if s.check_worthy]
