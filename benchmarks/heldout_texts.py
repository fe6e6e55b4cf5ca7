"""Rebuild the texts of the held-out fact-check pairs (`data/factcheck_heldout.tsv`) from their public sources.

The pairs file holds no third-party text: only references, a hash of each text, labels and the fact-check
sides written for this project. The texts come from two public repositories, read at pinned commits:

- `readr:<judge_number>`: READr's table of Taiwanese court rulings on spreading false rumours
  (readr-media/readr-data, `fake_news/fake_news_all.csv`, the `misinformation_content` column; CC0 1.0);
- `clef20:tweet:<split>:<tweet_id>`, `clef20:vclaim:<vclaim_id>`: CLEF-2020 CheckThat! task 2, "detecting
  previously fact-checked claims" (sshaar/clef2020-factchecking-task2, `data/v3.zip`: tweets, and Snopes'
  verified claims; "free for general research use"). `clef20:vclaim:<id>|num` is that claim with its first
  figure changed (a year moved on by two, any other number tripled): a hard negative made by rule.

    python benchmarks/heldout_texts.py --readr PATH --clef PATH

PATH is a clone or a bare/mirror git directory of each repository. Writes `data/heldout/texts.json`
(not committed: see .gitignore), checking every text against the hash in the pairs file.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent
PAIRS = ROOT / "data" / "factcheck_heldout.tsv"
TEXTS = ROOT / "data" / "heldout" / "texts.json"
READR = ("e3c2b5f94dce5b33cbe67a1849e6c964b91e96ea", "fake_news/fake_news_all.csv")
CLEF = ("2bf12647d547c0c7d25f69c7e4e00014ebeb634a", "data/v3.zip")


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def blob(repo: Path, commit: str, path: str) -> bytes:
    git_dir = repo / ".git" if (repo / ".git").exists() else repo
    return subprocess.run(["git", "--git-dir", str(git_dir), "show", f"{commit}:{path}"], check=True,
                          capture_output=True).stdout


def source_texts(readr: Path, clef: Path) -> dict[str, str]:
    """Every text the references can name."""
    csv.field_size_limit(1 << 30)
    texts = {}
    rows = csv.DictReader(io.StringIO(blob(readr, *READR).decode("utf-8-sig")))
    for row in rows:
        texts[f"readr:{row['judge_number']}"] = row["misinformation_content"]
    with zipfile.ZipFile(io.BytesIO(blob(clef, *CLEF))) as z:
        def tsv(name):
            return csv.DictReader(io.StringIO(z.read(name).decode("utf-8")), delimiter="\t")
        for row in tsv("v3.0/verified_claims.docs.tsv"):
            texts[f"clef20:vclaim:{row['']}"] = row["vclaim"]
        for split in ("train", "dev"):
            for row in tsv(f"v3.0/{split}/tweets.queries.tsv"):
                texts[f"clef20:tweet:{split}:{row['']}"] = row["tweet_content"]
    return texts


def change_first_figure(text: str) -> str:
    """The rule behind `|num`: the first figure changed (a year + 2, any other number x 3)."""
    match = re.search(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?", text)
    if match is None:
        raise ValueError(f"no figure in {text!r}")
    raw = match.group()
    value = float(raw.replace(",", ""))
    new = str(int(value) + 2) if re.fullmatch(r"(19|20)\d\d", raw) else f"{value * 3:,.{len(raw.partition('.')[2])}f}"
    if "," not in raw:
        new = new.replace(",", "")
    return text[:match.start()] + new + text[match.end():]


def resolve(ref: str, texts: dict[str, str]) -> str:
    base, _, rule = ref.partition("|")
    text = texts[base]
    return change_first_figure(text) if rule == "num" else text


def load(path: Path = PAIRS) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t"))


def rebuild(texts: dict[str, str], pairs: Path = PAIRS, out_path: Path = TEXTS) -> int:
    """Write every text `pairs` references to `out_path`, each checked against its hash in `pairs`."""
    out, bad = {}, []
    for row in load(pairs):
        for ref_field, sha_field in (("claim_ref", "claim_sha"), ("factcheck_ref", "factcheck_sha")):
            ref = row[ref_field]
            if ref == "-":
                continue
            text = resolve(ref, texts)
            if digest(text) != row[sha_field]:
                bad.append(ref)
            out[ref] = text
    if bad:
        print(f"texts differ from the pairs file's hashes: {', '.join(sorted(set(bad))[:5])}", file=sys.stderr)
        return 1
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(json.dumps(out, ensure_ascii=False, indent=0, sort_keys=True), encoding="utf-8")
    print(f"{len(out)} texts written to {out_path}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--readr", type=Path, required=True, help="readr-media/readr-data (clone or git dir)")
    parser.add_argument("--clef", type=Path, required=True, help="sshaar/clef2020-factchecking-task2")
    args = parser.parse_args(argv)
    return rebuild(source_texts(args.readr, args.clef))


if __name__ == "__main__":
    sys.exit(main())
