"""Settings: defaults, overridden by a TOML file, then the environment, then the command line.

The one idea: every tunable lives in `Settings` (a frozen dataclass) and is named by a dotted key that is
the same in the file (`[fetch] timeout`), in the environment (`CLAIMTRACK_FETCH_TIMEOUT`) and in error
messages. The file is `claimtrack.toml` in the working folder, else `claimtrack.toml` in the user config
folder; `CLAIMTRACK_CONFIG` names another.

The rating scale is configuration too (`[review] ratings`): a list of slugs (best first), or one table per
rating (`[review.ratings.mostly-false] label = "Mostly false"  value = 2`) giving the label readers see and
the number the ClaimReview feed publishes; `rating_scale()` resolves either form into `RatingDef`s.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claimtrack.errors import ConfigError

CONFIG_NAME = "claimtrack.toml"
DEFAULT_RATINGS = ("true", "mostly-true", "half-true", "mostly-false", "false", "misleading", "unverifiable")
NON_ORDINAL = ("misleading", "unverifiable")  # off the true..false line: no ClaimReview number unless configured
DEFAULT_LABELS = {"true": "True", "mostly-true": "Mostly true", "half-true": "Half true",
                  "mostly-false": "Mostly false", "false": "False", "misleading": "Misleading",
                  "unverifiable": "Unverifiable"}


@dataclass(frozen=True)
class RatingDef:
    """One rating: the slug verdicts store, the label readers see, the ClaimReview number (None: no number)."""

    slug: str
    label: str
    value: int | None


@dataclass(frozen=True)
class Settings:
    """Effective settings. Field names are `section_key` of the TOML file's `[section] key`."""

    db: str = "claims.db"
    reviewer: str = ""
    report_organisation: str = ""
    report_organisation_url: str = ""
    report_base_url: str = ""
    report_timezone: str = "UTC"
    review_ratings: tuple[str, ...] = DEFAULT_RATINGS
    review_single_user: bool = False  # only then may --reviewer name someone other than the account
    review_allow_shared_values: bool = False
    rating_table: tuple[RatingDef, ...] = field(default=(), compare=False)  # from [review.ratings.SLUG] tables
    detect_threshold: float = 0.5
    fetch_timeout: float = 20.0
    fetch_connect_timeout: float = 5.0
    fetch_max_bytes: int = 20_000_000
    fetch_max_redirects: int = 5
    fetch_concurrency: int = 32
    fetch_allow_hosts: tuple[str, ...] = ()  # private hosts that may be fetched (exact names), e.g. an intranet
    import_max_bytes: int = 20_000_000
    import_seconds_per_mb: float = 5.0
    archive_endpoint: str = ""  # a Save Page Now-shaped endpoint; empty: `evidence archive` is off
    archive_auth: str = ""  # sent as the Authorization header (SPN2: "LOW accesskey:secret")
    archive_poll_seconds: float = 2.0
    archive_poll_max: int = 30
    source: str = field(default="defaults", compare=False)


_SECTIONS = ("report", "review", "detect", "fetch", "import", "archive")
_FIELDS = {f.name: f for f in dataclasses.fields(Settings) if f.name not in ("source", "rating_table")}
_RATING_KEYS = ("label", "value")


def config_path(cwd: Path | None = None) -> Path:
    """Where the configuration file is read from (it need not exist)."""
    if env := os.environ.get("CLAIMTRACK_CONFIG"):
        return Path(env)
    local = (cwd or Path.cwd()) / CONFIG_NAME
    if local.exists():
        return local
    from platformdirs import user_config_dir

    return Path(user_config_dir("claimtrack")) / CONFIG_NAME


def load_settings(overrides: Mapping[str, Any] | None = None, *, path: Path | None = None) -> Settings:
    """Build settings: defaults < file < environment < `overrides` (the command line)."""
    path = path or config_path()
    values: dict[str, Any] = {}
    values.update(_from_file(path))
    values.update(_from_env())
    values.update({k: v for k, v in (overrides or {}).items() if v is not None})
    checked = {name: raw if name == "rating_table" else _coerce(name, raw) for name, raw in values.items()}
    settings = Settings(**checked, source=str(path) if path.exists() else "defaults")
    _validate(settings)
    return settings


def _from_file(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: not a valid TOML file: {exc}") from None
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key == "db" or key == "reviewer":
            values[key] = value
        elif key in _SECTIONS and isinstance(value, dict):
            for sub, subvalue in value.items():
                name = f"{key}_{sub}"
                if name == "review_ratings" and isinstance(subvalue, dict):
                    values["rating_table"] = _rating_table(path, subvalue)
                    subvalue = list(subvalue)
                if name not in _FIELDS:
                    raise ConfigError(f"{path}: unknown key [{key}] {sub}")
                values[name] = subvalue
        else:
            raise ConfigError(f"{path}: unknown key {key}")
    return values


def _rating_table(path: Path, table: dict[str, Any]) -> tuple[RatingDef, ...]:
    """`[review.ratings.SLUG]` tables, in the order written (best first)."""
    defs = []
    for slug, spec in table.items():
        where = f"{path}: [review.ratings.{slug}]"
        if not isinstance(spec, dict):
            raise ConfigError(f"{where} must be a table with label and value")
        if unknown := sorted(set(spec) - set(_RATING_KEYS)):
            raise ConfigError(f"{where}: unknown key {unknown[0]} (use label and value)")
        label = spec.get("label", _default_label(slug))
        if not isinstance(label, str) or not label.strip() or len(label) > 80:
            raise ConfigError(f"{where} label must be a short text (got {label!r})")
        value = spec.get("value")
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            raise ConfigError(f"{where} value must be a whole number (got {value!r})")
        defs.append(RatingDef(slug, label.strip(), value))
    return tuple(defs)


def _default_label(slug: str) -> str:
    return DEFAULT_LABELS.get(slug) or slug.replace("-", " ").replace("_", " ").capitalize()


def rating_scale(settings: Settings) -> tuple[RatingDef, ...]:
    """The configured scale, best first. A slug with a `[review.ratings.SLUG]` table takes its label and
    value from it; a scale given as a plain list numbers its ratings from N (the first) down to 1, leaving
    out `misleading` and `unverifiable`, which get no number (so the default is true 5 ... false 1)."""
    table = {d.slug: d for d in settings.rating_table}
    ordinal = [s for s in settings.review_ratings if s not in NON_ORDINAL and s not in table]
    numbers = {slug: len(ordinal) - i for i, slug in enumerate(ordinal)}
    return tuple(table.get(slug) or RatingDef(slug, _default_label(slug), numbers.get(slug))
                 for slug in settings.review_ratings)


def _from_env() -> dict[str, str]:
    return {
        name: os.environ[f"CLAIMTRACK_{name.upper()}"]
        for name in _FIELDS
        if os.environ.get(f"CLAIMTRACK_{name.upper()}")
    }


def _coerce(name: str, raw: Any) -> Any:
    kind = _FIELDS[name].type
    label = _label(name)
    try:
        if kind == "tuple[str, ...]":
            items = raw.split(",") if isinstance(raw, str) else list(raw)
            return tuple(str(item).strip() for item in items if str(item).strip())
        if kind == "bool":
            if isinstance(raw, bool):
                return raw
            if isinstance(raw, str) and raw.strip().lower() in ("true", "false", "1", "0", "yes", "no"):
                return raw.strip().lower() in ("true", "1", "yes")
            raise ValueError(raw)
        if kind == "float" and not isinstance(raw, bool):
            return float(raw)
        if kind == "int" and not isinstance(raw, bool | float):
            return int(raw)
        if kind == "str" and isinstance(raw, str):
            return raw
    except (TypeError, ValueError):
        pass
    raise ConfigError(f"{label} must be {_kind_word(kind)} (got {raw!r})")


def _validate(s: Settings) -> None:
    positive = ("fetch_timeout", "fetch_connect_timeout", "fetch_max_bytes", "import_max_bytes",
                "fetch_concurrency", "import_seconds_per_mb")
    for name in positive:
        if getattr(s, name) <= 0:
            raise ConfigError(f"{_label(name)} must be positive (got {getattr(s, name)!r})")
    if not 0 <= s.detect_threshold <= 1:
        raise ConfigError(f"{_label('detect_threshold')} must be between 0 and 1 (got {s.detect_threshold!r})")
    if not 0 <= s.fetch_max_redirects <= 20:
        raise ConfigError(f"{_label('fetch_max_redirects')} must be between 0 and 20")
    if len(s.review_ratings) < 2 or len(set(s.review_ratings)) != len(s.review_ratings):
        raise ConfigError(f"{_label('review_ratings')} must list at least two distinct ratings")
    if any(len(r) > 40 or not r.replace("-", "").replace("_", "").isalnum() for r in s.review_ratings):
        raise ConfigError(f"{_label('review_ratings')}: a rating is a short word (letters, digits, '-')")
    if s.archive_endpoint and not s.archive_endpoint.startswith(("http://", "https://")):
        raise ConfigError(f"{_label('archive_endpoint')} must be an http(s) URL")
    if s.archive_poll_seconds < 0 or s.archive_poll_max < 0:
        raise ConfigError(f"{_label('archive_poll_seconds')} and {_label('archive_poll_max')} must not be negative")
    for name in ("report_base_url", "report_organisation_url"):
        if getattr(s, name) and not getattr(s, name).startswith(("http://", "https://")):
            raise ConfigError(f"{_label(name)} must be an http(s) URL")
    try:
        from zoneinfo import ZoneInfo

        ZoneInfo(s.report_timezone)
    except (ValueError, KeyError, OSError):
        raise ConfigError(f"{_label('report_timezone')} must be a time zone name like Europe/London or "
                          f"Asia/Shanghai (got {s.report_timezone!r})") from None
    _validate_scale(s)


def _validate_scale(s: Settings) -> None:
    """Distinct ratings never share a ClaimReview number, unless `[review] allow_shared_values = true`."""
    by_value: dict[int, str] = {}
    for rating in rating_scale(s):
        if rating.value is None:
            continue
        if rating.value in by_value and not s.review_allow_shared_values:
            raise ConfigError(f"[review.ratings] {by_value[rating.value]} and {rating.slug} share the value "
                              f"{rating.value}: give each its own, or set [review] allow_shared_values = true")
        by_value.setdefault(rating.value, rating.slug)


def _label(name: str) -> str:
    section, _, key = name.partition("_")
    return f"[{section}] {key}" if section in _SECTIONS else name


def _kind_word(kind: str) -> str:
    return {"bool": "true or false", "float": "a number", "int": "a whole number", "str": "a string",
            "tuple[str, ...]": "a list of strings"}[kind]


def as_dict(settings: Settings) -> dict[str, Any]:
    """The settings as plain data (for `config show --json`)."""
    data = dataclasses.asdict(settings)
    data["review_ratings"] = list(settings.review_ratings)
    data.pop("rating_table", None)
    data["rating_scale"] = [dataclasses.asdict(r) for r in rating_scale(settings)]
    if settings.archive_auth:
        data["archive_auth"] = "(set, not shown)"
    return data
