"""The per-document analysis budget ([import] seconds_per_mb): a pathological document becomes one
`Error:` line, exit 1, and nothing is stored; ordinary documents are untouched by the default."""

from __future__ import annotations

import dataclasses
import json

import pytest

from claimtrack.context import AppContext
from claimtrack.ingest import importer
from conftest import SEED, invoke


@pytest.fixture
def tight(settings, monkeypatch):
    monkeypatch.setattr(importer, "BUDGET_BASE_SECONDS", 0.0)
    ctx = AppContext(dataclasses.replace(settings, import_seconds_per_mb=0.001))
    yield ctx
    ctx.close()


def hostile(tmp_path):
    path = tmp_path / "hostile.txt"
    path.write_text("Sales rose " + "1," * 60_000 + "2 percent.\n" + "Sales rose 5%. " * 3000, encoding="utf-8")
    return path


def test_over_budget_import_is_one_error_line_and_stores_nothing(tight, tmp_path):
    result = invoke("import", str(hostile(tmp_path)), context=tight)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    errors = [line for line in lines if line.startswith("Error:")]
    assert len(errors) == 1 and "budget" in errors[0] and "[import] seconds_per_mb" in errors[0], result.stderr
    assert "Traceback" not in result.stderr
    listed = json.loads(invoke("articles", "list", "--json", context=tight).stdout)
    assert listed == [] or listed.get("articles", listed) == []


def test_over_budget_extract_is_one_error_line(tight, tmp_path):
    result = invoke("extract", str(hostile(tmp_path)), "--json", context=tight)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.count("Error:") == 1 and "budget" in result.stderr


def test_default_budget_leaves_ordinary_articles_alone(context):
    assert context.settings.import_seconds_per_mb == 5.0
    result = invoke("import", str(SEED), "--json", context=context)
    assert result.exit_code == 0, result.stderr


def test_budget_is_configurable_and_checked(tmp_path, monkeypatch):
    from claimtrack.config import load_settings
    from claimtrack.errors import ConfigError

    config = tmp_path / "claimtrack.toml"
    config.write_text("[import]\nseconds_per_mb = 12.5\n", encoding="utf-8")
    assert load_settings(path=config).import_seconds_per_mb == 12.5
    config.write_text("[import]\nseconds_per_mb = 0\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="seconds_per_mb"):
        load_settings(path=config)
