"""The project's Chinese labels join back to the passages in ../shared with every hash intact."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
import zh_data  # noqa: E402

pytestmark = pytest.mark.skipif(not zh_data.available(), reason="shared/data/checkworthy-zh not beside the checkout")


def test_labels_join_to_texts_and_splits_are_by_document():
    rows = zh_data.sentences()
    assert len(rows) >= 3000 and {s.label for s in rows} == {True, False}
    split_of = {}
    for s in rows:
        assert split_of.setdefault(s.passage, s.split) == s.split  # a passage never straddles splits
    extra = zh_data.extra_passages()
    first_import = {s.source for s in rows if s.passage not in extra}
    for split in zh_data.SPLITS:  # every source of the first import in every split
        assert {s.source for s in rows if s.split == split and s.passage not in extra} == first_import
    # sources cut later from other repositories (zh_extra_build.py) are train/dev only
    assert all(s.split in ("train", "dev") for s in rows if s.passage in extra)
    assert not {s.source for s in rows if s.passage in extra} & first_import
    qs = zh_data.quantities()
    assert len(qs) >= 300 and all(q.sentence[q.start:q.end] == q.surface for q in qs)
    segs = zh_data.gold_segments()
    added = {line.split()[0] for f in zh_data.DATA.glob("added_*.txt")
             for line in f.read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")}
    assert set(segs) == set(split_of) - added  # passages labelled later have no segmentation gold
    assert all(split_of[p] in ("train", "dev") for p in added & set(split_of))  # the test split's documents stay fixed
    k, n, _ = zh_data.kappa()
    assert n >= 100 and k > 0.6


def test_a_changed_passage_fails_loudly(monkeypatch):
    rows = zh_data.sentences()
    first = rows[0]
    zh_data.passage_text.cache_clear()
    zh_data._all_sentences.cache_clear()
    original = zh_data.passage_text.__wrapped__
    monkeypatch.setattr(zh_data, "passage_text", lambda p: "x" + original(p))
    with pytest.raises(zh_data.HashMismatch, match=first.passage):
        zh_data.sentences()
    monkeypatch.undo()
    zh_data._all_sentences.cache_clear()
