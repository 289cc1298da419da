"""Configuration discovery: `gongwen.toml`, or `[tool.gongwen]` in `pyproject.toml`.

The nearest file upward from the checked path wins; command-line options override it. Paths in a
config file (roster, a pack file) are relative to that file.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from gongwen.pipeline.errors import ConfigError

FAIL_LEVELS = ("error", "warning", "never")
CONFIG_KEYS = {"pack", "roster", "fail_on", "suppress"}


@dataclass(frozen=True)
class Suppression:
    """Silences `rule` for paths matching `path` (a glob) and, when given, only where the finding's
    excerpt contains `text`. A suppression that matches nothing is reported as unused."""

    rule: str
    path: str = "*"
    text: str | None = None
    reason: str | None = None


@dataclass(frozen=True)
class Config:
    source: Path | None = None
    pack: str | None = None
    roster: str | None = None
    fail_on: str | None = None
    suppressions: tuple[Suppression, ...] = field(default_factory=tuple)


def discover(start: Path) -> Config:
    """Find the nearest gongwen.toml (or pyproject.toml with [tool.gongwen]) at or above `start`."""
    start = start.resolve()
    directory = start if start.is_dir() else start.parent
    for folder in (directory, *directory.parents):
        candidate = folder / "gongwen.toml"
        if candidate.is_file():
            return load(candidate)
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            table = _read_toml(pyproject).get("tool", {}).get("gongwen")
            if table is not None:
                return _from_table(table, pyproject)
    return Config()


def load(path: Path) -> Config:
    return _from_table(_read_toml(path), path)


def _read_toml(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"无法读取配置文件“{path}”：{error}") from error
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"配置文件“{path}”格式有误：{error}") from error


def _from_table(table: dict, path: Path) -> Config:
    unknown = set(table) - CONFIG_KEYS
    if unknown:
        raise ConfigError(f"配置文件“{path}”中有无法识别的配置项：{'、'.join(sorted(unknown))}"
                          f"（可用：{'、'.join(sorted(CONFIG_KEYS))}）。")
    fail_on = table.get("fail_on")
    if fail_on is not None and fail_on not in FAIL_LEVELS:
        raise ConfigError(f"配置文件“{path}”中 fail_on 的值“{fail_on}”无效，应为 error、warning 或 never。")
    return Config(
        source=path,
        pack=_relative(table.get("pack"), path, only_files=True),
        roster=_relative(table.get("roster"), path),
        fail_on=fail_on,
        suppressions=tuple(_suppression(entry, path) for entry in table.get("suppress", [])),
    )


def _relative(value: str | None, config_path: Path, only_files: bool = False) -> str | None:
    """Resolve a path value against the config's folder; a bare pack name stays a name."""
    if value is None:
        return None
    if only_files and not value.endswith((".yaml", ".yml")):
        return value
    return str((config_path.parent / value).resolve())


def _suppression(entry: object, path: Path) -> Suppression:
    if not isinstance(entry, dict) or "rule" not in entry:
        raise ConfigError(f"配置文件“{path}”中的 suppress 条目须为带 rule 键的表，例如 "
                          '{rule = "length.limit", path = "草案/*.docx"}。')
    extra = set(entry) - {"rule", "path", "text", "reason"}
    if extra:
        raise ConfigError(f"配置文件“{path}”中的 suppress 条目含有无法识别的键：{'、'.join(sorted(extra))}。")
    return Suppression(rule=entry["rule"], path=entry.get("path", "*"), text=entry.get("text"),
                       reason=entry.get("reason"))
