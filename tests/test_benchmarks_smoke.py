"""The benchmark runner works end to end at its small size (times are reported, never asserted).

It takes about a minute, so the default run leaves it out (`-m 'not benchmark'` in pyproject.toml);
`python -m pytest -m benchmark` runs it.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

RUN = Path(__file__).resolve().parent.parent / "benchmarks" / "run.py"


@pytest.mark.benchmark
def test_quick_benchmarks_print_the_table(tmp_path):
    result = subprocess.run([sys.executable, str(RUN), "--quick", "--work", str(tmp_path / "work"),
                             "--out", str(tmp_path / "table.md")],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "| measurement | size | median | peak RSS | target | met? |" in result.stdout
    for row in ("`claimtrack --help`", "import floor", "text segment() vs pySBD"):
        assert row in result.stdout
    assert (tmp_path / "table.md").read_text(encoding="utf-8") in result.stdout
