"""Peak memory (max RSS) of `claimtrack extract` and `claimtrack import` on big and hostile articles.

Each run is a fresh child process (the command line in-process via runpy); its peak RSS is the
``ru_maxrss`` that ``os.wait4`` reports for that child alone (stdout goes to a file, so a big
``--json`` output is written as the command would write it to a pipe or file); the database is a new
SQLite file in a temporary folder.  Cases:

* ``prose-20MB``: a 20 MB English article of ordinary news sentences (about a third check-worthy);
* ``zh-prose-20MB``: a 20 MB Chinese article made of the real passages in ../shared (when present);
* ``tiny-100k``: 100,000 tiny check-worthy sentences (``Sales rose 5%.``), the case of issue 14;
* ``one-sentence-20MB``: one 20 MB sentence without a terminator;
* ``html-20MB``: a 20 MB HTML page (navigation, link lists, paragraphs of the English prose).

Target (issue 14): under 500 MB for extract and import of a 20 MB article.  The runs set
[import] seconds_per_mb high (``--seconds-per-mb``) so that the whole analysis is measured; with the
default budget the slow cases end in one ``Error:`` line instead (their peak is then reported as well).

``--src DIR`` measures another tree's code (e.g. ``git archive <rev> src | tar -x -C /tmp/before``), so a
before/after table is two runs of the same cases.

Usage:  PYTHONPATH=src python benchmarks/bench_memory.py [--mb 20] [--cases prose-20MB,tiny-100k] [--skip-import]
        [--src /tmp/before/src]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_PROSE = ("The council approved the budget on Tuesday after a long debate. "
          "Officials said the new plan would cost $48.5 million over five years. "
          "Residents who spoke at the meeting were divided. "
          "Unemployment fell to 4.2 percent in March, the lowest level since 2019. "
          "Some members asked for more time to read the proposal. "
          "More than 3,000 homes will be connected to the network by next year. "
          "The mayor thanked the staff for their work. ")

_RUNNER = ("import runpy, sys\n"
           "sys.argv = ['claimtrack'] + sys.argv[1:]\n"
           "runpy.run_module('claimtrack', run_name='__main__')\n")


def _html(size: int) -> str:
    """A news page: head, navigation and a story list around paragraphs of the prose, `size` characters."""
    nav = "".join(f'<li><a href="/section/{i}">Section {i}</a></li>' for i in range(30))
    head = (f"<!doctype html><html><head><meta charset=utf-8><title>Council budget</title></head><body>"
            f"<header><nav><ul>{nav}</ul></nav></header><main><article><h1>Council approves budget</h1>")
    tail = "</article></main><footer><p>Copyright 2026 The Example Times.</p></footer></body></html>"
    block = (f"<p>{_PROSE}</p>\n<p>{_PROSE[:200]}<a href=\"/story/1\">related story</a> {_PROSE[200:]}</p>\n"
             f"<aside><ul>{nav[:400]}</ul></aside>\n")
    body = (block * ((size - len(head) - len(tail)) // len(block) + 1))
    body = body[:size - len(head) - len(tail)]
    return head + body[:body.rfind("\n") + 1] + tail


def make_cases(mb: float) -> dict[str, str]:
    size = int(mb * 1_000_000) - 1000
    cases = {
        f"prose-{mb:g}MB": (_PROSE * (size // len(_PROSE) + 1))[:size],
        "tiny-100k": "Sales rose 5%. " * 100_000,
        f"one-sentence-{mb:g}MB": ("word " * (size // 5))[:size],
        f"html-{mb:g}MB": _html(size),
    }
    shared = ROOT.parent / "shared" / "data" / "checkworthy-zh" / "passages"
    if shared.is_dir():
        passages = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(shared.glob("*/*.txt")))
        raw = passages.encode("utf-8")
        text = (raw * (size // len(raw) + 1))[:size].decode("utf-8", "ignore")
        cases[f"zh-prose-{mb:g}MB"] = text
    return cases


def run(args: list[str], env: dict[str, str], tmp: Path) -> tuple[int, float, float, str]:
    """Exit code, peak RSS in MB (os.wait4's ru_maxrss of the child, in KiB on Linux), wall seconds, first error."""
    out, err = tmp / "stdout", tmp / "stderr"
    with out.open("wb") as o, err.open("wb") as e:
        start = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-c", _RUNNER, *args], stdout=o, stderr=e, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
    errors = [line for line in err.read_text(errors="replace").splitlines() if line.startswith("Error")]
    return proc.returncode, usage.ru_maxrss / 1024, seconds, errors[0][:100] if errors else ""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=20)
    ap.add_argument("--cases", default="")
    ap.add_argument("--skip-import", action="store_true")
    ap.add_argument("--skip-extract", action="store_true")
    ap.add_argument("--src", default=str(ROOT / "src"), help="the code to measure (default: this tree's src)")
    ap.add_argument("--seconds-per-mb", default="1000",
                    help="[import] seconds_per_mb for the runs (high by default, so the whole analysis is measured)")
    args = ap.parse_args(argv)
    cases = make_cases(args.mb)
    wanted = [c for c in args.cases.split(",") if c] or list(cases)
    env = {**os.environ, "PYTHONPATH": args.src, "CLAIMTRACK_IMPORT_SECONDS_PER_MB": args.seconds_per_mb}
    print(f"{'case':<22} {'command':<8} {'exit':>4} {'max RSS MB':>10} {'seconds':>8}  note")
    with tempfile.TemporaryDirectory() as tmp:
        for name in wanted:
            path = Path(tmp) / f"{name}.{'html' if name.startswith('html') else 'txt'}"
            path.write_text(cases[name], encoding="utf-8")
            db = Path(tmp) / f"{name}.db"
            env["CLAIMTRACK_DB"] = str(db)
            commands = [] if args.skip_extract else [("extract", ["extract", str(path), "--json"])]
            if not args.skip_import:
                commands.append(("import", ["import", str(path), "--json"]))
            for label, cmd in commands:
                code, rss, seconds, error = run(cmd, env, Path(tmp))
                print(f"{name:<22} {label:<8} {code:>4} {rss:>10.0f} {seconds:>8.1f}  {error}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
