"""A whole sentence of context either side of a mention, from the window the report query loads."""

from __future__ import annotations

from claimtrack.report.sentences import around

TEXT = "First one. The second says 40% closed. Third here. Fourth."


def _span(text: str, quote: str) -> tuple[int, int]:
    start = text.index(quote)
    return start, start + len(quote)


def test_one_sentence_either_side():
    start, end = _span(TEXT, "The second says 40% closed.")
    assert around((0, TEXT), start, end, "en") == {"before": "First one. ", "after": " Third here."}


def test_chinese_sentences():
    text = "今天天气很好。全国有近2000家企业倒闭。专家表示担忧。后来如何。"
    start, end = _span(text, "全国有近2000家企业倒闭。")
    assert around((0, text), start, end, "zh") == {"before": "今天天气很好。", "after": "专家表示担忧。"}


def test_a_window_cut_mid_sentence_is_marked():
    offset = 5  # the window starts inside "First one."
    start, end = _span(TEXT, "The second says 40% closed.")
    result = around((offset, TEXT[offset:]), start, end, "en", reach=10)
    assert result["before"] == "…one. "
    assert result["after"] == " Third here."


def test_first_sentence_of_the_text_has_nothing_before():
    start, end = _span(TEXT, "First one.")
    assert around((0, TEXT), start, end, "en") == {"before": "", "after": " The second says 40% closed."}


def test_falls_back_to_the_stored_affixes():
    assert around(None, 3, 9, "en", "pre", "suf") == {"before": "pre", "after": "suf"}
    assert around((0, "short"), None, None, "en", "p", "s") == {"before": "p", "after": "s"}
    assert around((100, "text"), 3, 9, "en", "p", "s") == {"before": "p", "after": "s"}  # span outside the window
