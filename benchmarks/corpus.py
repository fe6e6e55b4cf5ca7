"""A seeded synthetic news corpus: Chinese, English and mixed articles, written as .txt files.

The one idea: every article is built from a seeded `random.Random`, so the same (seed, count) always
yields byte-identical files on every machine; the sentence templates exercise what claimtrack parses
(counts with units 家/台/人次, percentages, 万元/亿元 amounts, fractions 四分之一/三成, `$48.5 million`,
years, quotes with attribution) next to what it must leave alone (opinions, slogans, headlines).
A small pool of "travelling" claims recurs across articles, as figures do between outlets, so that
matching finds something to match.

    python benchmarks/corpus.py OUT_DIR [--count 2000] [--seed 8]
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Callable
from pathlib import Path

TARGET_BYTES = 2500

ZH_PLACES = ["北京", "上海", "深圳", "杭州", "成都", "武汉", "海淀", "浦东", "苏州", "广州"]
ZH_ORGS = ["国家统计局", "市经信局", "中关村管委会", "工信部", "市商务局", "行业协会", "区政府", "市发改委"]
ZH_PEOPLE = ["张伟", "李娜", "王强", "刘洋", "陈静", "杨帆", "赵磊", "黄敏"]
ZH_TOPICS = ["人工智能", "新能源汽车", "集成电路", "生物医药", "机器人", "数字经济", "低空经济", "文化旅游"]
ZH_UNITS = [("家", "企业"), ("台", "机器人"), ("人次", "游客"), ("个", "项目"), ("辆", "新能源车")]
ZH_FRACTIONS = ["四分之一", "三分之一", "三成", "五成", "两成", "近一半"]
ZH_QUALIFIERS = ["近", "约", "超过", "逾", "不到", ""]
EN_PLACES = ["Shanghai", "Beijing", "Shenzhen", "the Bay Area", "Hangzhou", "Berlin", "Ohio", "Texas"]
EN_ORGS = ["the statistics bureau", "the ministry", "the city council", "the industry association",
           "the central bank", "the port authority"]
EN_PEOPLE = ["Maria Chen", "John Smith", "Li Wei", "Anna Kowalski", "David Park", "Sara Ahmed"]
EN_TOPICS = ["artificial intelligence", "electric vehicles", "chip manufacturing", "biotech", "robotics",
             "renewable energy"]


def _zh_figure(r: random.Random) -> str:
    place, org, topic = r.choice(ZH_PLACES), r.choice(ZH_ORGS), r.choice(ZH_TOPICS)
    unit, noun = r.choice(ZH_UNITS)
    year = r.randint(2015, 2025)
    pick = r.randrange(6)
    if pick == 0:
        return f"截至{year}年底，{place}{topic}{noun}已达{r.choice(ZH_QUALIFIERS)}{r.randint(12, 9800)}{unit}。"
    if pick == 1:
        return f"{org}数据显示，{year}年{place}{topic}产业规模同比增长{r.randint(2, 60)}.{r.randint(0, 9)}%。"
    if pick == 2:
        return f"{place}设立{r.randint(2, 90)}亿元{topic}基金，单个项目最高支持{r.randint(100, 4000)}万元。"
    if pick == 3:
        return f"{topic}企业的研发投入占营收的{r.choice(ZH_FRACTIONS)}，较{year}年提高{r.randint(1, 15)}个百分点。"
    if pick == 4:
        return f"{year}年一季度，{place}接待{noun}{r.randint(100, 5000)}万{unit}，收入{r.randint(10, 900)}亿元。"
    return f"全市{topic}相关岗位超过{r.randint(1, 60)}万个，其中{r.randint(10, 70)}%集中在{place}。"


def _zh_quote(r: random.Random) -> str:
    person, org = r.choice(ZH_PEOPLE), r.choice(ZH_ORGS)
    return (f"“今年我们新增{r.randint(3, 400)}家合作伙伴，订单增长了{r.randint(5, 90)}%。”"
            f"{org}负责人{person}说。")


def _zh_opinion(r: random.Random) -> str:
    return r.choice([
        f"我们认为，{r.choice(ZH_TOPICS)}的发展前景十分广阔。",
        f"这座城市的{r.choice(ZH_TOPICS)}生态令人印象深刻，也让人充满期待。",
        "看似独立的事件，背后是同一条主线。",
        f"专家建议，应进一步优化{r.choice(ZH_TOPICS)}的营商环境。",
        "这不仅是一次技术的跃升，更是一种思维方式的转变。",
    ])


def _zh_slogan(r: random.Random) -> str:
    return r.choice(["创新驱动发展，科技引领未来！", "以人为本，服务至上。", "撸起袖子加油干！",
                     f"打造{r.choice(ZH_TOPICS)}的“强磁场”。"])


def _en_figure(r: random.Random) -> str:
    place, org, topic = r.choice(EN_PLACES), r.choice(EN_ORGS), r.choice(EN_TOPICS)
    year = r.randint(2015, 2025)
    pick = r.randrange(5)
    if pick == 0:
        return f"The number of {topic} companies in {place} rose to {r.randint(120, 9800):,} in {year}."
    if pick == 1:
        return f"According to {org}, {topic} output grew {r.randint(2, 60)}.{r.randint(0, 9)}% last year."
    if pick == 2:
        return f"{place} raised ${r.randint(2, 900)}.{r.randint(1, 9)} million for {topic} projects in {year}."
    if pick == 3:
        return f"About a quarter of {topic} jobs, nearly {r.randint(2, 90)},000 positions, are in {place}."
    return f"Exports of {topic} equipment reached ${r.randint(1, 40)}.{r.randint(1, 9)} billion, {org} said."


def _en_quote(r: random.Random) -> str:
    return (f"\"We hired {r.randint(20, 900)} engineers this year and doubled our orders,\" said "
            f"{r.choice(EN_PEOPLE)}, who leads {r.choice(EN_ORGS)}.")


def _en_opinion(r: random.Random) -> str:
    return r.choice([
        f"Many believe {r.choice(EN_TOPICS)} will reshape the local economy.",
        "It is a remarkable moment for the industry, and a hopeful one.",
        f"Critics say the {r.choice(EN_TOPICS)} push should slow down.",
        "The city feels different this year.",
        "Dr. Smith, who visited the U.S. in Jan. 2024, called it a turning point.",
    ])


def _mixed_figure(r: random.Random) -> str:
    pick = r.randrange(3)
    if pick == 0:
        return f"{r.choice(ZH_PLACES)}的AI企业去年融资{r.randint(2, 90)}亿元，相当于${r.randint(1, 12)}.{r.randint(1, 9)} billion。"
    if pick == 1:
        return f"据Reuters报道，{r.choice(ZH_TOPICS)}出口增长{r.randint(3, 70)}%，达到{r.randint(100, 9000)}台。"
    return f"GPU出货量在{r.randint(2018, 2025)}年突破{r.randint(10, 900)}万台，约占全球的{r.choice(ZH_FRACTIONS)}。"


# Claims that travel: the same figure repeated by several outlets (what matching should find).
_TRAVELLING = random.Random(0)
TRAVELLING_ZH = [_zh_figure(_TRAVELLING) for _ in range(40)]
TRAVELLING_EN = [_en_figure(_TRAVELLING) for _ in range(40)]

Kind = Callable[[random.Random], str]
MIXES: dict[str, list[tuple[Kind, int]]] = {
    "zh": [(_zh_figure, 5), (_zh_quote, 2), (_zh_opinion, 3), (_zh_slogan, 1)],
    "en": [(_en_figure, 5), (_en_quote, 2), (_en_opinion, 3)],
    "mixed": [(_zh_figure, 3), (_mixed_figure, 3), (_en_figure, 1), (_zh_quote, 1), (_zh_opinion, 2)],
}


def _sentence(r: random.Random, language: str) -> str:
    if r.random() < 0.05:
        return r.choice(TRAVELLING_EN if language == "en" else TRAVELLING_ZH)
    kinds, weights = zip(*MIXES[language], strict=True)
    return r.choices(kinds, weights)[0](r)


def _headline(r: random.Random, language: str) -> str:
    if language == "en":
        return f"{r.choice(EN_PLACES)} bets on {r.choice(EN_TOPICS)}: {r.randint(2, 90)} new projects"
    return f"{r.choice(ZH_PLACES)}{r.choice(ZH_TOPICS)}跑出加速度：{r.randint(2, 90)}个新项目落地"


def article(seed: int, index: int) -> tuple[str, str]:
    """Article number `index` of the corpus `seed`: (language, text of about TARGET_BYTES UTF-8 bytes)."""
    r = random.Random(seed * 1_000_003 + index)
    language = ("zh", "en", "mixed")[index % 3]
    joiner = " " if language == "en" else ""
    lines, size = [_headline(r, language)], 0
    while size < TARGET_BYTES:
        paragraph = joiner.join(_sentence(r, language) for _ in range(r.randint(2, 5)))
        lines.append(paragraph)
        size = len("\n".join(lines).encode("utf-8"))
    return language, "\n".join(lines) + "\n"


def write_corpus(folder: Path, count: int, seed: int = 8) -> dict[str, int]:
    """Write `count` articles to `folder` (created); returns {"files", "bytes", "zh", "en", "mixed"}."""
    folder.mkdir(parents=True, exist_ok=True)
    stats = {"files": 0, "bytes": 0, "zh": 0, "en": 0, "mixed": 0}
    for i in range(count):
        language, text = article(seed, i)
        data = text.encode("utf-8")
        (folder / f"{i:06d}_{language}.txt").write_bytes(data)
        stats["files"] += 1
        stats["bytes"] += len(data)
        stats[language] += 1
    return stats


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=8)
    args = parser.parse_args()
    print(write_corpus(args.out, args.count, args.seed))


if __name__ == "__main__":
    main()
