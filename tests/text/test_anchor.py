from claimtrack.text import anchor

OLD = "前言。数据显示,企业近2000家。结尾。"


def sel(text, quote):
    s = text.index(quote)
    return dict(quote=quote, prefix=text[max(0, s - 10) : s], suffix=text[s + len(quote) : s + len(quote) + 10],
                start=s, end=s + len(quote))


def test_position_exact_context_fuzzy_and_orphan():
    quote = "数据显示,企业近2000家。"
    assert anchor(OLD, **sel(OLD, quote)).method == "position"
    moved = "新的一段导语。" + OLD
    a = anchor(moved, **sel(OLD, quote))
    assert (a.method, moved[a.start : a.end]) == ("exact", quote)
    edited = "前言。数据显示,企业近2100家。结尾。"
    a = anchor(edited, **sel(OLD, quote))
    assert a.method == "context" and edited[a.start : a.end] == "数据显示,企业近2100家。"
    long_old = "The economy grew 3.5 percent last year, the fastest pace since 2015, officials said."
    long_new = "Intro here. The economy grew 3.6 percent last year, the fastest pace since 2015, officials said!"
    a = anchor(long_new, quote=long_old, prefix="xxxx-none", suffix="yyyy-none", start=0, end=len(long_old))
    assert a.method == "fuzzy" and a.similarity >= 0.85
    assert anchor("完全不同的文本。", **sel(OLD, quote)) is None


def test_exact_prefers_matching_context_then_nearest():
    text = "A: 增长5%。 B: 增长5%。"
    second = text.rindex("增长5%。")
    a = anchor(text, quote="增长5%。", prefix="B: ", suffix="", start=0, end=1)
    assert a.start == second


def test_fast_on_100kb():
    import time

    text = ("这是一句普通的新闻句子,包含一些文字。" * 6000)[:100_000]
    t = time.perf_counter()
    assert anchor(text, quote="根本不存在的一句话在这里出现了吗", prefix="", suffix="", start=50_000, end=50_010) is None
    assert time.perf_counter() - t < 1.0
