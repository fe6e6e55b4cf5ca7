"""Settings precedence (options > environment > file > defaults) and clear errors for bad files."""

from __future__ import annotations

import pytest

from claimtrack.config import DEFAULT_RATINGS, load_settings
from claimtrack.errors import ConfigError
from conftest import run_cli


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults(tmp_path):
    s = load_settings(path=tmp_path / "none.toml")
    assert s.db == "claims.db"
    assert s.review_ratings == DEFAULT_RATINGS
    assert s.fetch_max_redirects == 5


def test_file_then_env_then_overrides(tmp_path, monkeypatch):
    path = write(tmp_path / "c.toml", '[report]\norganisation = "Fact Desk"\n[detect]\nthreshold = 0.7\n'
                                      '[fetch]\ntimeout = 9\n')
    s = load_settings(path=path)
    assert (s.report_organisation, s.detect_threshold, s.fetch_timeout) == ("Fact Desk", 0.7, 9.0)
    monkeypatch.setenv("CLAIMTRACK_DETECT_THRESHOLD", "0.6")
    assert load_settings(path=path).detect_threshold == 0.6
    monkeypatch.setenv("CLAIMTRACK_DB", "env.db")
    assert load_settings({"db": "cli.db"}, path=path).db == "cli.db"
    assert load_settings(path=path).db == "env.db"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[fetch]\ntimeout = 'soon'\n", r"\[fetch\] timeout must be a number"),
        ("[fetch]\ntimeot = 3\n", r"unknown key \[fetch\] timeot"),
        ("[detect]\nthreshold = 2\n", r"\[detect\] threshold must be between 0 and 1"),
        ("[review]\nratings = ['true']\n", r"\[review\] ratings must list at least two"),
        ("[report]\nbase_url = 'ftp://x'\n", r"\[report\] base_url must be an http"),
        ("this is = not toml [", "not a valid TOML file"),
    ],
)
def test_invalid_file_names_the_key(tmp_path, text, message):
    with pytest.raises(ConfigError, match=message):
        load_settings(path=write(tmp_path / "c.toml", text))


def test_cli_reports_bad_config_in_one_line(tmp_path):
    path = write(tmp_path / "bad.toml", "[fetch]\nmax_bytes = -1\n")
    result = run_cli("config", "show", env={"CLAIMTRACK_CONFIG": str(path)})
    assert result.exit_code == 1
    assert result.stderr.strip().endswith("[fetch] max_bytes must be positive (got -1)")
    assert len(result.stderr.strip().splitlines()) == 1


def test_config_path_prefers_working_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("CLAIMTRACK_CONFIG")
    write(tmp_path / "claimtrack.toml", "[report]\norganisation = 'Local'\n")
    result = run_cli("config", "path", cwd=tmp_path, env={"CLAIMTRACK_CONFIG": ""})
    assert result.stdout.strip() == str(tmp_path / "claimtrack.toml")
    shown = run_cli("config", "show", "--json", cwd=tmp_path, env={"CLAIMTRACK_CONFIG": ""})
    assert '"report_organisation": "Local"' in shown.stdout
