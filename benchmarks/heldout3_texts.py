"""Rebuild the texts of the third held-out fact-check set (`data/factcheck_heldout3.tsv`) from public sources.

Like `heldout_texts.py` (whose helpers this reuses), the pairs file holds no third-party text: references, a
hash of each text, labels, and the fact-check sides written for the set. The texts come from two public
repositories read at pinned commits, neither used by the earlier sets:

- `ct22:tweet:<id>`, `ct22:vclaim:<id>`: CLEF-2022 CheckThat! task 2A (English), the 2022 test tweets and the
  Snopes verified claims (Alihoe/CLEFCheckThat2aSimBa, `data/TEST/test_TEST.tsv` and `data/vclaims/<id>.json`,
  the `vclaim` field). `|num` is that claim with its first figure changed, the rule of `heldout_texts.py`.
- `piyao:<id>`, `jiaozhen:<id>`, `dxy:<id>`: titles of COVID-19 rumour debunks (2020-2021) from three Chinese
  debunking sites — China's joint rumour-refutation platform (piyao.org.cn, id from the article address),
  Tencent's Jiaozhen and DXY — as scraped in Sakura-del/Rumors_of_COVID_19 (`data_source/data_from_creeper/`).

    python benchmarks/heldout3_texts.py --checkthat PATH --rumours PATH

PATH is a clone or a bare/mirror git directory of each repository. Writes `data/heldout/texts3.json`
(not committed), checking every text against the hash in the pairs file.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from heldout_texts import ROOT, blob, load, rebuild

PAIRS = ROOT / "data" / "factcheck_heldout3.tsv"
TEXTS = ROOT / "data" / "heldout" / "texts3.json"
CHECKTHAT = ("5d6917807a5a472e9f7c7867b09204899b08d721", "data/TEST/test_TEST.tsv", "data/vclaims/{}.json")
RUMOURS = "39d7222cdb9c11fdbb77f097e6b22bf49df6e2e3"
RUMOUR_FILES = {  # source -> (file under data_source/data_from_creeper/, the id of an item)
    "piyao": ("中国互联网联合辟谣.json", lambda item: re.search(r"c_\d+", item["link"]).group()),
    "jiaozhen": ("较真网谣言.json", lambda item: item["id"]),
    "dxy": ("丁香医生谣言.json", lambda item: str(item["id"])),
}


def rumour_titles(repo: Path) -> dict[str, str]:
    texts = {}
    for source, (name, item_id) in RUMOUR_FILES.items():
        for item in json.loads(blob(repo, RUMOURS, f"data_source/data_from_creeper/{name}")):
            texts[f"{source}:{item_id(item)}"] = item["title"]
    return texts


def checkthat_texts(repo: Path, vclaim_ids: set[str]) -> dict[str, str]:
    commit, tweets, vclaim_path = CHECKTHAT
    texts = {}
    for line in blob(repo, commit, tweets).decode("utf-8").splitlines():
        tweet_id, _, text = line.partition("\t")
        texts[f"ct22:tweet:{tweet_id}"] = text
    for vclaim_id in vclaim_ids:
        vclaim = json.loads(blob(repo, commit, vclaim_path.format(vclaim_id)))
        texts[f"ct22:vclaim:{vclaim_id}"] = vclaim["vclaim"]
    return texts


def source_texts(checkthat: Path, rumours: Path) -> dict[str, str]:
    """Every text the references can name (of the 14,000 verified claims, only those referenced)."""
    refs = {row[field].partition("|")[0] for row in load(PAIRS) for field in ("claim_ref", "factcheck_ref")}
    vclaim_ids = {ref.removeprefix("ct22:vclaim:") for ref in refs if ref.startswith("ct22:vclaim:")}
    return checkthat_texts(checkthat, vclaim_ids) | rumour_titles(rumours)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--checkthat", type=Path, required=True, help="Alihoe/CLEFCheckThat2aSimBa")
    parser.add_argument("--rumours", type=Path, required=True, help="Sakura-del/Rumors_of_COVID_19")
    args = parser.parse_args(argv)
    return rebuild(source_texts(args.checkthat, args.rumours), PAIRS, TEXTS)


if __name__ == "__main__":
    sys.exit(main())
