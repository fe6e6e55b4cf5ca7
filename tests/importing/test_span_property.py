"""Property: for every mention of every imported version, `articles show --version N` text[start:end] == quote.

Articles are generated from claim-like sentences (Chinese and English, some repeated, some junk), imported,
edited at random (paragraph inserted, sentence changed or dropped, text repeated) and imported again as a
new version, so re-anchored and orphaned mentions are covered as well as extracted ones.
"""

from __future__ import annotations

import io
import itertools
import json

from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

from claimtrack.config import Settings
from claimtrack.context import AppContext
from claimtrack.admin import span_problems
from claimtrack.ingest.importer import import_document
from claimtrack.ingest.sources import Source, load
from conftest import invoke

CLAIMS = [
    "数据显示，仅海淀辖区内就聚集了人工智能相关企业近2000家。",
    "全球累计出货量已近1000台，海外市场占比超40%。",
    "合作导演反馈影视制作成本可降至传统方法四分之一，制作时间缩短约60%。",
    "政策包抛出最高4000万元红包，线上线下订单已达数千台。",
    "Nearly 2,000 AI companies are based in the district, officials said.",
    "Shipments reached almost 1,000 units, with more than 40% sold overseas.",
    "Subsidies of up to 40 million yuan are available, the ministry said.",
    "Costs fell to a quarter and production time was cut by about 60%.",
]
OTHER = ["号角长鸣！", "The future belongs to the bold.", "海淀已经起跑，北京正在加速。", "It was a quiet day."]
junk = st.text(alphabet="abc 中文，。.!?\n\u3000\t0123456789%", min_size=1, max_size=40)
sentence = st.one_of(st.sampled_from(CLAIMS), st.sampled_from(OTHER), junk)
paragraph = st.lists(sentence, min_size=1, max_size=4).map(lambda parts: "".join(parts))
article = st.lists(paragraph, min_size=1, max_size=6).map(lambda paras: "\n\n".join(paras))


@st.composite
def edit(draw, text: str) -> str:
    kind = draw(st.sampled_from(["insert", "change", "drop", "repeat", "numbers"]))
    if kind == "insert":
        return draw(paragraph) + "\n\n" + text
    if kind == "change":
        return text.replace(draw(st.sampled_from(CLAIMS)), draw(sentence), 1)
    if kind == "drop":
        return text.replace(draw(st.sampled_from(CLAIMS)), "", 1) or "号角长鸣！"
    if kind == "repeat":
        return text + "\n" + text
    return text.replace("2000", "2100").replace("40%", "45%")


counter = itertools.count()


def check_every_mention(context: AppContext, article_id: int) -> None:
    shown = json.loads(invoke("articles", "show", str(article_id), "--json", context=context).stdout)
    for version in shown["versions"]:
        data = json.loads(invoke("articles", "show", str(article_id), "--version", str(version["number"]),
                                 "--json", context=context).stdout)
        for m in data["mentions"]:
            if m["orphaned"]:
                assert m["start"] is None and m["end"] is None
            else:
                assert data["text"][m["start"]:m["end"]] == m["quote"]


def import_text(context: AppContext, text: str, title: str):
    doc = load(Source("stdin", "-"), context.settings, stdin=io.BytesIO(text.encode()), title=title)
    return import_document(context.creating_store(), doc, actor="prop", threshold=context.settings.detect_threshold)


@hsettings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), text=article)
def test_every_mention_quotes_its_version(data, text, sqlite_url):
    if not text.strip():
        return
    context = AppContext(Settings(db=sqlite_url, reviewer="prop", review_single_user=True))
    title = f"generated {next(counter)}"
    first = import_text(context, text, title)
    edited = data.draw(edit(text))
    if edited.strip():
        import_text(context, edited, title)
    check_every_mention(context, first.article_id)
    with context.store.read() as session:
        assert span_problems(session) == []
    context.close()
