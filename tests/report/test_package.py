"""The wheel ships the report's template, stylesheet and JSON Schema (package data under src/claimtrack)."""

from __future__ import annotations

import subprocess
import sys
import zipfile

import pytest

from tests.conftest import REPO


@pytest.mark.slow
def test_wheel_ships_report_templates_and_schema(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w",
                    str(tmp_path), str(REPO)], check=True, capture_output=True)
    (wheel,) = tmp_path.glob("claimtrack-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in ("templates/report.html.j2", "templates/report.css", "report.schema.json"):
        assert f"claimtrack/report/{name}" in names
