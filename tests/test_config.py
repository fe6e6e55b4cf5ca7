"""Settings precedence (options > environment > file > defaults) and clear errors for bad files."""

from __future__ import annotations

from pathlib import Path

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


def test_rating_tables_give_labels_and_numbers(tmp_path):
    from claimtrack.config import RatingDef, rating_scale

    path = write(tmp_path / "c.toml", '[review.ratings.correct]\nlabel = "Correct"\nvalue = 3\n'
                                      '[review.ratings.mostly-false]\nlabel = "Mostly false"\nvalue = 2\n'
                                      '[review.ratings.wrong]\nvalue = 1\n[review.ratings.unproven]\nlabel = "Unproven"\n')
    s = load_settings(path=path)
    assert s.review_ratings == ("correct", "mostly-false", "wrong", "unproven")
    assert rating_scale(s) == (RatingDef("correct", "Correct", 3), RatingDef("mostly-false", "Mostly false", 2),
                               RatingDef("wrong", "Wrong", 1), RatingDef("unproven", "Unproven", None))


def test_default_scale_is_documented_and_distinct(tmp_path):
    from claimtrack.config import rating_scale

    scale = {r.slug: (r.label, r.value) for r in rating_scale(load_settings(path=tmp_path / "none.toml"))}
    assert scale == {"true": ("True", 5), "mostly-true": ("Mostly true", 4), "half-true": ("Half true", 3),
                     "mostly-false": ("Mostly false", 2), "false": ("False", 1), "misleading": ("Misleading", None),
                     "unverifiable": ("Unverifiable", None)}
    numbers = [v for _, v in scale.values() if v is not None]
    assert len(numbers) == len(set(numbers))
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text("utf-8")
    for slug, (label, value) in scale.items():  # the README's table says the same
        assert f"| `{slug}` | {label} | {value if value is not None else '—'} |" in readme


@pytest.mark.parametrize(("text", "message"), [
    ('[review.ratings.a]\nvalue = 2\n[review.ratings.b]\nvalue = 2\n', r"a and b share the value 2"),
    ('[review.ratings.a]\nvalue = "two"\n[review.ratings.b]\nvalue = 1\n', r"\[review.ratings.a\] value must be a whole"),
    ('[review.ratings.a]\ncolour = "red"\n[review.ratings.b]\nvalue = 1\n', r"\[review.ratings.a\]: unknown key colour"),
    ('[report]\ntimezone = "Mars/Olympus"\n', r"\[report\] timezone must be a time zone name"),
    ('[report]\norganisation_url = "example.org"\n', r"\[report\] organisation_url must be an http"),
])
def test_invalid_rating_and_report_keys(tmp_path, text, message):
    with pytest.raises(ConfigError, match=message):
        load_settings(path=write(tmp_path / "c.toml", text))


def test_shared_values_when_configured_so(tmp_path):
    path = write(tmp_path / "c.toml", '[review]\nallow_shared_values = true\n'
                                      '[review.ratings.a]\nvalue = 2\n[review.ratings.b]\nvalue = 2\n')
    assert load_settings(path=path).review_ratings == ("a", "b")
