"""Settings: defaults, overridden by a TOML file, then the environment, then the command line.

The one idea: every tunable lives in `Settings` (a frozen dataclass) and is named by a dotted key that is
the same in the file (`[fetch] timeout`), in the environment (`CLAIMTRACK_FETCH_TIMEOUT`) and in error
messages. The file is `claimtrack.toml` in the working folder, else `claimtrack.toml` in the user config
folder; `CLAIMTRACK_CONFIG` names another.
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


@dataclass(frozen=True)
class Settings:
    """Effective settings. Field names are `section_key` of the TOML file's `[section] key`."""

    db: str = "claims.db"
    reviewer: str = ""
    report_organisation: str = "claimtrack"
    report_base_url: str = "https://factcheck.example.org/claims/"
    review_ratings: tuple[str, ...] = DEFAULT_RATINGS
    review_single_user: bool = False  # only then may --reviewer name someone other than the account
    detect_threshold: float = 0.5
    fetch_timeout: float = 20.0
    fetch_connect_timeout: float = 5.0
    fetch_max_bytes: int = 20_000_000
    fetch_max_redirects: int = 5
    fetch_concurrency: int = 32
    fetch_allow_hosts: tuple[str, ...] = ()  # private hosts that may be fetched (exact names), e.g. an intranet
    import_max_bytes: int = 20_000_000
    import_seconds_per_mb: float = 5.0
    source: str = field(default="defaults", compare=False)


_SECTIONS = ("report", "review", "detect", "fetch", "import")
_FIELDS = {f.name: f for f in dataclasses.fields(Settings) if f.name != "source"}


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
    checked = {name: _coerce(name, raw) for name, raw in values.items()}
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
                if name not in _FIELDS:
                    raise ConfigError(f"{path}: unknown key [{key}] {sub}")
                values[name] = subvalue
        else:
            raise ConfigError(f"{path}: unknown key {key}")
    return values


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
    if not s.report_base_url.startswith(("http://", "https://")):
        raise ConfigError(f"{_label('report_base_url')} must be an http(s) URL")


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
    return data
