"""Benchmark: import/match time per article as the archive grows (issue 7).

For each size N, a fresh database gets N synthetic claims (Chinese and English templates with random
subjects and figures) inserted in bulk through the models, with their LSH keys and the search index kept by
the triggers; then a few articles are imported with the real importer — half of their sentences reword
claims already stored, half are new — and the time per article is reported. Candidate retrieval reads a
few LSH buckets, so the time should stay roughly flat from 10k to 200k claims, not grow 20×.

    python benchmarks/bench_matching.py                      # SQLite, 10k and 200k claims
    python benchmarks/bench_matching.py --sizes 1000,10000 --db postgresql+psycopg://postgres@127.0.0.1/test
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from datetime import UTC, datetime
from multiprocessing import Pool
from pathlib import Path

from sqlalchemy import insert, text

CJK = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]
ZH = ["{a}辖区内聚集了{b}相关企业近{n}家,形成了国内最密集的产业集群之一。",
      "数据显示,{a}去年{b}收入同比增长{p}%,达到{n}亿元。",
      "{a}的{b}全球累计出货量已近{n}台,海外市场占比超{p}%。"]
EN = ["{a} reported revenue of ${n} million for {b}, up {p}% from a year earlier.",
      "Nearly {n} {b} companies are based in {a}, according to official data."]


def word(rng: random.Random, cjk: bool) -> str:
    if cjk:
        return "".join(rng.choice(CJK) for _ in range(rng.randint(2, 4)))
    return "".join(rng.choice("bcdfghklmnprstvz") + rng.choice("aeiou") for _ in range(rng.randint(2, 4))).title()


def make_claim(i: int) -> dict:
    from claimtrack.text.similarity import claim_keys
    from claimtrack.text import fingerprint, normalize

    rng = random.Random(i)
    cjk = i % 3 != 0
    template = rng.choice(ZH if cjk else EN)
    body = template.format(a=word(rng, cjk), b=word(rng, cjk), n=rng.randint(10, 99999), p=rng.randint(1, 99))
    normalized = normalize(body)
    return {"id": i, "fingerprint": fingerprint(body), "text": body, "normalized": normalized,
            "keys": claim_keys(normalized)}


def fill(store, size: int) -> None:
    from claimtrack.store.models import Claim, ClaimKey

    now = datetime.now(UTC)
    with Pool(2) as pool:
        for start in range(1, size + 1, 10_000):
            rows = pool.map(make_claim, range(start, min(start + 10_000, size + 1)), chunksize=500)
            keys = [{"key": k, "claim_id": r["id"]} for r in rows for k in r.pop("keys")]
            claims = [{**r, "language": "zh", "score": 0.8, "reasons": [], "origin": "extracted",
                       "status": "unreviewed", "created_at": now, "created_by": "bench"} for r in rows]
            with store.write() as session:
                session.execute(insert(Claim), claims)
                session.execute(insert(ClaimKey), keys)


def article(size: int, n: int) -> str:
    """Half rewordings of stored claims (据统计 / drop of a filler), half new claims."""
    rng = random.Random(1000 + n)
    lines = [f"第{n}篇报道的导语。"]
    for _ in range(4):
        lines.append("据统计," + make_claim(rng.randint(1, size))["text"])
        lines.append(make_claim(size + 1000 * n + rng.randint(1, 999))["text"])
    return "\n".join(lines) + "\n"


def run(db: str, size: int, articles: int) -> dict:
    from claimtrack.config import Settings
    from claimtrack.ingest.importer import import_document
    from claimtrack.ingest.sources import Document
    from claimtrack.store.db import open_store

    store = open_store(db)
    t0 = time.perf_counter()
    fill(store, size)
    filled = time.perf_counter() - t0
    timings, matched = [], 0
    for n in range(articles):
        body = article(size, n)
        raw = body.encode()
        doc = Document(source=f"/bench/{size}/{n}.txt", given=f"{n}.txt", raw=raw, text=body,
                       content_type="text/plain", encoding="utf-8", extractor="plain", extractor_version="0",
                       fetched_at=datetime.now(UTC), language="zh")
        t = time.perf_counter()
        result = import_document(store, doc, actor="bench", threshold=Settings().detect_threshold)
        timings.append(time.perf_counter() - t)
        matched += result.claims_matched
    with store.read() as session:
        claims = session.execute(text("SELECT count(*) FROM claim")).scalar()
        keys = session.execute(text("SELECT count(*) FROM claim_key")).scalar()
    store.dispose()
    return {"size": size, "claims": claims, "keys": keys, "fill_s": filled, "matched": matched,
            "median_ms": statistics.median(timings) * 1000, "max_ms": max(timings) * 1000}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,200000")
    parser.add_argument("--articles", type=int, default=7)
    parser.add_argument("--db", help="a PostgreSQL URL whose database is empty (default: SQLite files in a temp dir)")
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in (int(s) for s in args.sizes.split(",")):
            db = args.db or str(Path(tmp) / f"bench-{size}.db")
            if args.db:
                _reset_pg(args.db)
            results.append(run(db, size, args.articles))
            r = results[-1]
            print(f"{r['size']:>8} claims ({r['keys']} keys, filled in {r['fill_s']:.0f}s): import per article "
                  f"median {r['median_ms']:.1f} ms, max {r['max_ms']:.1f} ms; {r['matched']} claims matched", flush=True)
    if len(results) >= 2:
        a, b = results[0], results[-1]
        print(f"claims x{b['size'] / a['size']:.0f} -> time per article x{b['median_ms'] / a['median_ms']:.2f}")


def _reset_pg(url: str) -> None:
    from sqlalchemy import create_engine

    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


if __name__ == "__main__":
    main()
