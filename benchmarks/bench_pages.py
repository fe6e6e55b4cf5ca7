"""Real article pages: how well the import pipeline reads them (issue 16).

Runs claimtrack's own pipeline — `ingest.sources.load` (decode, extract, metadata) then `ingest.importer.analyze_with_repeats`
(the claims the importer would store) — on the pages of `../shared/data/pages` (see its README) and scores,
per page: token F1 of the main text against the gold text (`\\w+` words for English, one token per CJK
character for Chinese), the title, the date, the author, the canonical URL, and every must-not-contain
boilerplate string found in a claim.

A quarter of the pages (chosen by a hash of their id, so the split never moves) is HELD OUT: rules are not
tuned on them; both parts are printed. `python benchmarks/bench_pages.py [--root DIR] [--json] [--verbose]`.
The test `tests/importing/test_pages.py` asserts the targets below on all pages.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import unicodedata
from collections import Counter
from datetime import datetime
from pathlib import Path



def _find_root() -> Path:
    """`$CLAIMTRACK_PAGES`, else `shared/data/pages` beside the checkout or beside one of its parents."""
    import os

    if os.environ.get("CLAIMTRACK_PAGES"):
        return Path(os.environ["CLAIMTRACK_PAGES"])
    for parent in Path(__file__).resolve().parents[1].parents:
        if (parent / "shared" / "data" / "pages" / "gold").is_dir():
            return parent / "shared" / "data" / "pages"
    return Path(__file__).resolve().parents[1].parent / "shared" / "data" / "pages"


ROOT = _find_root()
TARGETS = {"f1_en": 0.96, "f1_zh": 0.94, "title": 0.95, "date_ok_or_empty": 0.90, "author_ok_or_empty": 0.90,
           "claims_with_boilerplate": 0}
CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"


def held_out(page_id: str) -> bool:
    """A fixed quarter of the pages, never used to tune the rules."""
    return hashlib.sha256(page_id.encode()).digest()[0] % 4 == 0


def tokens(text: str | None) -> list[str]:
    out: list[str] = []
    for w in re.findall(r"\w+", text or ""):
        out += re.findall(rf"[{CJK}]|[^{CJK}]+", w)
    return out


def f1(pred: str, gold: str) -> float:
    p, g = Counter(tokens(pred)), Counter(tokens(gold))
    tp = sum((p & g).values())
    return 0.0 if tp == 0 else 2 * tp / (sum(p.values()) + sum(g.values()))


def key(s: str | None) -> str:
    return re.sub(r"[\s\u200b-\u200d\u2060\ufeff]+", "", unicodedata.normalize("NFKC", s or "")).lower()


def date_right(pred: str | None, gold: str | None) -> bool:
    """Instants when both carry a time and an offset, else days (the data README's rule)."""
    if not pred or not gold:
        return not pred and not gold
    try:
        p, g = datetime.fromisoformat(pred.replace("Z", "+00:00")), datetime.fromisoformat(gold.replace("Z", "+00:00"))
    except ValueError:
        return pred[:10] == gold[:10]
    if p.tzinfo and g.tzinfo and "T" in pred and "T" in gold:
        return abs((p - g).total_seconds()) < 60
    return pred[:10] == gold[:10]


def _names(value: str | None) -> set[str]:
    value = re.sub(r"^(?:by|from)\s+", "", (value or "").strip(), flags=re.I)
    value = re.sub(r"\s+for\s+the\s+.*$", "", value, flags=re.I)  # "… For The Mail On Sunday": the outlet
    parts = re.split(r"\s*(?:,|;|、|/|&|\band\b|\s{2,}|\s(?=[\u4e00-\u9fff]))\s*", value, flags=re.I)
    return {key(p) for p in parts if key(p)}


def author_right(pred: str | None, gold: str | None) -> bool:
    if not pred or not gold:
        return not pred and not gold
    return _names(pred) == _names(gold)


def _url_right(pred: str | None, gold: dict) -> bool | None:
    want = gold.get("canonical_url_resolved") or gold.get("canonical_url")
    if not want:
        return None
    return (pred or "").rstrip("/").lower() == want.rstrip("/").lower()


def _leaks(boiler: str, claim: str) -> bool:
    """A claim carries a boilerplate string when the string is at least half of the claim, or the claim is a
    piece of the string: a tag such as "Dakota Access pipeline" (a must-not-contain nav link) inside a long
    sentence of the article is the article's, not a leak."""
    if not boiler or not claim:
        return False
    return (boiler in claim and len(boiler) >= 0.5 * len(claim)) or (len(claim) >= 8 and claim in boiler)


def evaluate_page(gold: dict, html: Path) -> dict:
    from claimtrack.config import Settings
    from claimtrack.ingest.importer import analyze_with_repeats
    from claimtrack.ingest.sources import Source, load

    try:
        doc = load(Source("file", str(html), html), Settings())
    except Exception as exc:  # noqa: BLE001 - a page that fails to import scores nothing
        return _failed(gold, f"{type(exc).__name__}: {exc}")
    analysis, repeats = analyze_with_repeats(doc.text, doc.language, Settings().detect_threshold, title=doc.title, headings=doc.headings,
                            links=doc.link_lines)
    claims = [s.sentence.text for s in analysis if s.check_worthy]
    leaks = [b for b in gold["must_not_contain"] if any(_leaks(key(b), key(c)) for c in claims)]
    alts = [gold["title"], *gold.get("title_alternatives", [])]
    row = {"id": gold["id"], "lang": "en" if gold["lang"] == "en" else "zh", "held_out": held_out(gold["id"]),
           "title": doc.title, "title_ok": key(doc.title) == key(gold["title"]),
           "title_lenient": any(key(doc.title) == key(a) for a in alts),
           "date": doc.published, "date_ok": bool(gold["published"]) and date_right(doc.published, gold["published"]),
           "date_ok_or_empty": not doc.published or date_right(doc.published, gold["published"]),
           "author": doc.author, "author_ok": bool(gold["author"]) and author_right(doc.author, gold["author"]),
           "author_ok_or_empty": not doc.author or author_right(doc.author, gold["author"]),
           "url": getattr(doc, "url", None), "url_ok": _url_right(getattr(doc, "url", None), gold),
           "claims": len(claims), "claims_with_boilerplate": len(leaks), "leaks": leaks,
           "text_leaks": sum(key(b) in key(doc.text) for b in gold["must_not_contain"]),
           "snippet_recall": sum(key(s) in key(doc.text) for s in gold["snippets"]) / max(1, len(gold["snippets"])),
           "repeats": len(repeats)}
    if gold.get("text"):
        row["f1"] = f1(doc.text, gold["text"])
    return row


def _failed(gold: dict, error: str) -> dict:
    row = {"id": gold["id"], "lang": "en" if gold["lang"] == "en" else "zh", "held_out": held_out(gold["id"]),
           "error": error, "title": None, "date": None, "author": None, "url": None, "leaks": [], "claims": 0,
           "claims_with_boilerplate": 0, "text_leaks": 0, "snippet_recall": 0.0, "repeats": 0}
    row.update(title_ok=False, title_lenient=False, date_ok=False, date_ok_or_empty=False, author_ok=False,
               author_ok_or_empty=False, url_ok=False if gold.get("canonical_url") else None)
    if gold.get("text"):
        row["f1"] = 0.0
    return row


def evaluate(root: Path = ROOT) -> list[dict]:
    rows = []
    for gf in sorted((root / "gold").glob("*.json")):
        gold = json.loads(gf.read_text(encoding="utf-8"))
        rows.append(evaluate_page(gold, root / "html" / f"{gold['id']}.html"))
    return rows


def summary(rows: list[dict]) -> dict:
    def mean(name, keep=lambda r: True):
        values = [float(r[name]) for r in rows if keep(r) and r.get(name) is not None]
        return round(sum(values) / len(values), 3) if values else None

    return {
        "pages": len(rows), "failed": sum(1 for r in rows if r.get("error")), "f1_en": mean("f1", lambda r: r["lang"] == "en"),
        "f1_zh": mean("f1", lambda r: r["lang"] == "zh"), "snippet_recall": mean("snippet_recall"),
        "title": mean("title_ok"), "title_lenient": mean("title_lenient"),
        "date_right": mean("date_ok"), "date_ok_or_empty": mean("date_ok_or_empty"),
        "author_right": mean("author_ok"), "author_ok_or_empty": mean("author_ok_or_empty"),
        "canonical_url": mean("url_ok"), "claims": sum(r["claims"] for r in rows),
        "claims_with_boilerplate": sum(r["claims_with_boilerplate"] for r in rows),
        "boilerplate_in_text": sum(r["text_leaks"] for r in rows), "repeat_warnings": sum(r["repeats"] for r in rows),
    }


def misses(result: dict) -> list[str]:
    """The targets a summary misses (empty: all met)."""
    out = []
    for name, target in TARGETS.items():
        value = result[name]
        if name == "claims_with_boilerplate":
            if value > target:
                out.append(f"{name} = {value} (target 0)")
        elif value is not None and value < target:
            out.append(f"{name} = {value} (target >= {target})")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=ROOT)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--verbose", action="store_true", help="one line per page that misses something")
    args = parser.parse_args(argv)
    if not (args.root / "gold").is_dir():
        print(f"skipped: no pages at {args.root}", file=sys.stderr)
        return 0
    rows = evaluate(args.root)
    parts = {"all": rows, "dev": [r for r in rows if not r["held_out"]], "held-out": [r for r in rows if r["held_out"]]}
    result = {name: summary(part) for name, part in parts.items()}
    if args.json:
        print(json.dumps({"summary": result, "pages": rows}, ensure_ascii=False, indent=1))
    else:
        names = list(result["all"])
        print("| figure | " + " | ".join(parts) + " | target |")
        print("|---|" + "---|" * (len(parts) + 1))
        for n in names:
            target = TARGETS.get(n, "")
            print(f"| {n} | " + " | ".join(str(result[p][n]) for p in parts) + f" | {target} |")
        for m in misses(result["all"]):
            print("MISSED:", m)
    if args.verbose:
        for r in rows:
            bad = [k for k in ("title_ok", "date_ok_or_empty", "author_ok_or_empty") if not r[k]]
            if bad or r["leaks"] or r.get("f1", 1) < 0.94 or r["url_ok"] is False:
                print(r["id"], "H" if r["held_out"] else "", bad, "f1=%s" % round(r.get("f1", -1), 3),
                      "title=%r date=%r author=%r url=%r" % (r["title"], r["date"], r["author"], r["url"]),
                      "leaks=%r" % r["leaks"], r.get("error", ""), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
