"""Rebuild the extra Chinese passages (weak genres) into ``benchmarks/data/zh/extra/`` (git-ignored).

Issue 15's three weakest genres (commentary, Taiwan charity stories, government reports) had no unlabelled
passages left in ``shared/data/checkworthy-zh/``.  This script cuts more passages of those genres from public
GitHub repositories, at fixed commits, with the same cleaning and length rules as shared/README.md, and
writes ``extra/passages/<source>/<NNN>.txt`` and ``extra/PASSAGES.tsv``.  Only the labels
(``added_L6.txt`` → ``sentences.tsv``, keyed by offsets and hash) and the manifest ``extra_sources.tsv``
(repo, commit, path, sha256 of the blob, licence) are committed; the texts never are.

| source key | genre | script | repository | what |
|---|---|---|---|---|
| ``apple_charity_more`` | tw_news_human_interest | Hant | joanne3634/appledaily | 蘋果基金會 charity stories not used in shared/ |
| ``stand_opinion_more`` | commentary | Hant | john-walks-slow/StandOlds | columns and 立場人語 features not used in shared/ |
| ``cpc19_report`` | gov_report | Hans | Judenpech/Catching-a-Python | 2017 report to the 19th CPC congress (review part) |

Passages are drawn with ``random.Random(20261203)`` from documents that shared/ does not use (its
PASSAGES.tsv ``files`` column), and no sentence of a new passage may hash-equal a labelled sentence of
``sentences.tsv`` (checked by hash only, so no test sentence is read).  All of them go to train or dev.

The repositories are read from git mirrors: ``$CLAIMTRACK_MIRRORS`` (default ``/work/.mirror``), one
``<owner>+<name>/repo`` git directory each (bare or not).

Usage:  PYTHONPATH=src python benchmarks/zh_extra_build.py
"""

from __future__ import annotations

import csv
import hashlib
import html
import json
import os
import random
import re
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import zh_data  # noqa: E402

OUT = zh_data.DATA / "extra"
MANIFEST = zh_data.DATA / "extra_sources.tsv"
MIRRORS = Path(os.environ.get("CLAIMTRACK_MIRRORS", "/work/.mirror"))
SEED = 20261203

APPLE = ("joanne3634/appledaily", "3826761f41d520f9f233233c7a67248d0cf0a7db", "unstated")
STAND = ("john-walks-slow/StandOlds", "73eeb7b925acfc4b8041d962a83a0e21442f6852",
         "none (about page: 僅供研究、學習使用。版權歸原作者所有。)")
CPC = ("Judenpech/Catching-a-Python", "1a8495bfc35f4a98d061783c65d84bfe415c3f13", "unstated")
CPC_PATH = "Exercises/w7/新时代中国特色社会主义.txt"
COUNTS = {"apple_charity_more": 12, "stand_opinion_more": 17, "cpc19_report": 4}
NEWS_AUTHORS = {"立場報道", "全文轉載", "轉載文章", "讀者投稿"}


def _git(repo: str, *args: str) -> bytes:
    gitdir = MIRRORS / repo.replace("/", "+") / "repo"
    if (gitdir / ".git").is_dir():
        gitdir = gitdir / ".git"
    return subprocess.run(["git", "--git-dir", str(gitdir), "-c", "core.quotepath=false", *args],
                          check=True, capture_output=True).stdout


def _ls(repo: str, commit: str, under: str) -> list[str]:
    return sorted(_git(repo, "ls-tree", "-r", "--name-only", commit, under).decode("utf-8").splitlines())


def _blob(repo: str, commit: str, path: str) -> bytes:
    return _git(repo, "show", f"{commit}:{path}")


def _cut(paragraphs: list[str], limit: int) -> str:
    """Paragraphs joined by blank lines, cut at the last paragraph (or sentence) end before ``limit``."""
    out: list[str] = []
    size = 0
    for p in paragraphs:
        if size + len(p) > limit and out:
            if size < 300:
                m = list(re.finditer(r"[。！？]」?", p[: limit - size]))
                if m:
                    out.append(p[: m[-1].end()])
            break
        out.append(p)
        size += len(p) + 2
    return "\n\n".join(out)


def apple_passage(raw: bytes) -> tuple[str, dict] | None:
    t = html.unescape(raw.decode("utf-8", "replace"))
    h1 = re.search(r'<h1 id="h1">(.*?)</h1>', t, re.S)
    date = re.search(r"<time[^>]*>(.*?)</time>", t)
    if not h1:
        return None
    title = re.sub(r"^A\d+\s*", "", re.sub(r"<[^>]+>", "", h1.group(1))).strip()
    paras = [title]
    blocks = r'<h2 id="h2">(.*?)</h2>|<p id="(?:introid|bcontent)">(.*?)</p>|<h2 id="bhead">(.*?)</h2>'
    for m in re.finditer(blocks, t, re.S):
        chunk = next(g for g in m.groups() if g is not None)
        for piece in re.split(r"<br\s*/?>", chunk):
            piece = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", piece)).strip()
            if piece:
                paras.append(piece)
    text = _cut(paras, 1400)
    return (text, {"date": date.group(1) if date else "", "title": title}) if len(text) >= 300 else None


def stand_passage(raw: bytes) -> tuple[str, dict] | None:
    t = raw.decode("utf-8", "replace")
    m = re.match(r"---\n(.*?)\n---\n(.*)", t, re.S)
    if not m:
        return None
    head, body = m.groups()
    meta = {k: v.strip().strip('"') for k, v in re.findall(r'^(title|author|date): (.*)$', head, re.M)}
    cats = re.findall(r'^\s+- "(.*)"$', head.split("tags:")[0], re.M)
    paras = [meta.get("title", "")]
    after_image = False
    for line in body.splitlines():
        line = line.strip()
        if not line:
            continue
        if line.startswith("!["):
            after_image = True
            continue
        if after_image and line.startswith(">"):
            continue
        after_image = False
        line = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line)
        line = re.sub(r"\*\*|__|^#+\s*|^>\s*", "", line).replace("\\", "").strip()
        if not line or "http" in line or line.startswith("相關報道"):
            continue
        paras.append(line)
    text = _cut(paras, 1300)
    return (text, {**meta, "categories": cats}) if len(text) >= 300 else None


def cpc_passages(raw: bytes) -> list[str]:
    t = raw.decode("utf-8-sig", "replace")
    paras = [re.sub(r"\s+", "", p) for p in t.splitlines()]
    paras = [p for p in paras if p]
    start = next(i for i, p in enumerate(paras) if p.startswith("一、过去五年"))
    chunks, cur = [], []
    for p in paras[start:]:
        if cur and sum(len(x) + 2 for x in cur) + len(p) > 1900:
            chunks.append("\n\n".join(cur))
            cur = []
        cur.append(p)
    return chunks


def used_files() -> set[tuple[str, str]]:
    used = set()
    with (zh_data.shared_dir() / "PASSAGES.tsv").open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh, delimiter="\t"):
            for f in r["files"].split(";"):
                used.add((r["repo"], f.strip()))
    return used


def main() -> None:
    from claimtrack.text import segment

    rng = random.Random(SEED)
    used = used_files()
    with (zh_data.DATA / "sentences.tsv").open(encoding="utf-8", newline="") as fh:  # the other sources' labels
        labelled = {r["sha"] for r in csv.DictReader(fh, delimiter="\t") if r["source"] not in COUNTS}
    rows, manifest = [], []

    def add(source, genre, script, repo, commit, licence, path, blob, text, meta):
        pieces = segment(text, "zh")
        if sum(s.end - s.start < 10 for s in pieces) > 0.3 * len(pieces):
            return False  # an infographic's labels and lists (names, ages, times), not prose
        if any(zh_data._sha(text[s.start:s.end]) in labelled for s in pieces):
            return False
        n = sum(1 for r in rows if r[1] == source) + 1
        name = f"{source}/{n:03d}"
        dest = OUT / "passages" / f"{name}.txt"
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(text, encoding="utf-8")
        rows.append([f"passages/{name}.txt", source, genre, script, len(text), len(pieces), repo, commit, path,
                     json.dumps(meta, ensure_ascii=False)])
        manifest.append([name, source, repo, commit, path, hashlib.sha256(blob).hexdigest(), licence, genre, script])
        return True

    def take(source, genre, script, origin, folder, suffix, passage, keep=lambda meta: True):
        """The first COUNTS[source] files of `folder` (shuffled, shared/'s own left out) that give a passage."""
        repo, commit, licence = origin
        files = [f for f in _ls(repo, commit, folder) if f.endswith(suffix) and (repo, f) not in used]
        rng.shuffle(files)
        taken = 0
        for f in files:
            if taken == COUNTS[source]:
                break
            blob = _blob(repo, commit, f)
            got = passage(blob)
            if got and keep(got[1]) and add(source, genre, script, repo, commit, licence, f, blob, *got):
                taken += 1

    take("apple_charity_more", "tw_news_human_interest", "Hant", APPLE,
         "start_charity_dev/db_articles", ".htm", apple_passage)
    take("stand_opinion_more", "commentary", "Hant", STAND, "content/articles", ".md", stand_passage,
         keep=lambda meta: bool(meta.get("author")) and meta["author"] not in NEWS_AUTHORS)

    repo, commit, licence = CPC
    blob = _blob(repo, commit, CPC_PATH)
    for k, text in enumerate(cpc_passages(blob)[: COUNTS["cpc19_report"]]):
        add("cpc19_report", "gov_report", "Hans", repo, commit, licence, CPC_PATH, blob, text,
            {"chunk": k, "title": "决胜全面建成小康社会 夺取新时代中国特色社会主义伟大胜利（2017-10-18）"})

    header = ["passage", "source", "genre", "script", "chars", "sentences", "repo", "commit", "files", "meta"]
    with (OUT / "PASSAGES.tsv").open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, delimiter="\t", lineterminator="\n").writerows([header, *rows])
    with MANIFEST.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, delimiter="\t", lineterminator="\n").writerows(
            [["passage", "source", "repo", "commit", "path", "sha256", "licence", "genre", "script"], *manifest])
    print(f"wrote {len(rows)} passages ({sum(r[5] for r in rows)} pieces) to {OUT}")


if __name__ == "__main__":
    main()
