"""Configuration discovery: `gongwen.toml`, or `[tool.gongwen]` in `pyproject.toml`.

The nearest file upward from the checked path wins; command-line options override it. Paths in a
config file (roster, a pack file) are relative to that file. Every file a user writes to configure
gongwen (config, roster, rule pack) is read through ``read_user_file``, which caps its size.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from gongwen.pipeline.errors import ConfigError
from gongwen.pipeline.safe_read import os_reason, quoted, read_capped_text

FAIL_LEVELS = ("error", "warning", "never")
CONFIG_KEYS = {"pack", "roster", "fail_on", "suppress", "timeout", "memory_mb"}
LIMIT_MINIMUMS = {"timeout": 1.0, "memory_mb": 64}  # seconds per document; MB per document
SUPPRESS_KEYS = ("rule", "path", "text", "reason")


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
    timeout: float | None = None  # seconds per document
    memory_mb: int | None = None  # memory per document
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
            tool = _read_toml(pyproject).get("tool")
            table = tool.get("gongwen") if isinstance(tool, dict) else None
            if table is not None:
                return _from_table(table, pyproject)
    return Config()


def read_user_file(path: Path, what: str) -> str:
    """The text of a file a user wrote to configure gongwen; ``what`` names it in messages
    (配置文件, 人员名单文件, 规则包文件). Over the size cap (checked before it is read: a link to
    /dev/zero included), not UTF-8 or unreadable: ``ConfigError``."""
    try:
        return read_capped_text(path)
    except FileNotFoundError:
        raise ConfigError(f"找不到{what}“{path}”，请检查路径。") from None
    except OSError as error:
        raise ConfigError(f"无法读取{what}“{path}”：{os_reason(error)}。") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{what}“{path}”不是 UTF-8 编码，请另存为 UTF-8 后再试。") from None


def load(path: Path) -> Config:
    return _from_table(_read_toml(path), path)


def _read_toml(path: Path) -> dict:
    import tomllib  # only when a config file is found: most folders of documents have none

    text = read_user_file(path, "配置文件")
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        where = re.search(r"at line (\d+), column (\d+)", str(error))
        at = f"（第 {where[1]} 行第 {where[2]} 列附近）" if where else ""
        raise ConfigError(f"配置文件“{path}”格式有误{at}，请按 TOML 格式修改（例如 fail_on = \"error\"）。") from None


def _from_table(table: object, path: Path) -> Config:
    if not isinstance(table, dict):
        raise ConfigError(f"配置文件“{path}”中 [tool.gongwen] 应为一个表（pack、roster、fail_on、suppress）。")
    unknown = set(table) - CONFIG_KEYS
    if unknown:
        raise ConfigError(f"配置文件“{path}”中有无法识别的配置项：{'、'.join(sorted(unknown))}"
                          f"（可用：{'、'.join(sorted(CONFIG_KEYS))}）。")
    for key in ("pack", "roster", "fail_on"):
        _require_text(table, key, path)
    fail_on = table.get("fail_on")
    if fail_on is not None and fail_on not in FAIL_LEVELS:
        raise ConfigError(f"配置文件“{path}”中 fail_on 的值“{fail_on}”无效，应为 error、warning 或 never。")
    suppress = table.get("suppress", [])
    if not isinstance(suppress, list):
        raise ConfigError(f"配置文件“{path}”中 suppress 应写作一个或多个 [[suppress]] 表，"
                          f"实际为{_shown(suppress)}。")
    return Config(
        source=path,
        pack=_relative(table.get("pack"), path, only_files=True),
        roster=_relative(table.get("roster"), path),
        fail_on=fail_on,
        timeout=_limit(table, "timeout", path),
        memory_mb=_limit(table, "memory_mb", path),
        suppressions=tuple(_suppression(entry, path) for entry in suppress),
    )


def _require_text(table: dict, key: str, path: Path, where: str = "") -> None:
    value = table.get(key)
    if value is not None and not (isinstance(value, str) and value.strip()):
        raise ConfigError(f"配置文件“{path}”中{where} {key} 的值应为非空文字（用引号括起），实际为{_shown(value)}。")


def _limit(table: dict, key: str, path: Path) -> float | None:
    """A per-document limit: a finite number no smaller than its minimum."""
    value = table.get(key)
    if value is None:
        return None
    minimum = LIMIT_MINIMUMS[key]
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value < minimum:
        unit = "秒" if key == "timeout" else " MB"
        raise ConfigError(f"配置文件“{path}”中 {key} 的值应为不小于 {minimum:g}{unit} 的数字，实际为{_shown(value)}。")
    return int(value) if key == "memory_mb" else float(value)


def _shown(value: object) -> str:
    """A TOML value as a message quotes it: its kind, then the value cut short."""
    if isinstance(value, bool):
        kind = "真假值"
    elif isinstance(value, (int, float)):
        kind = "数字"
    elif isinstance(value, list):
        kind = "列表"
    elif isinstance(value, dict):
        kind = "表"
    else:
        kind = "文字" if isinstance(value, str) else "日期时间"
    return f"{kind}“{quoted(value)}”"


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
    extra = set(entry) - set(SUPPRESS_KEYS)
    if extra:
        raise ConfigError(f"配置文件“{path}”中的 suppress 条目含有无法识别的键：{'、'.join(sorted(extra))}。")
    for key in SUPPRESS_KEYS:
        _require_text(entry, key, path, where=" suppress 条目的")
    return Suppression(rule=entry["rule"], path=entry.get("path", "*"), text=entry.get("text"),
                       reason=entry.get("reason"))
