"""Bundled dictionaries: the jieba user dictionary and the phrase lists the extractors share."""
from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from gongwen.pipeline import safe_yaml

DATA_DIR = Path(__file__).resolve().parent
USER_DICT = DATA_DIR / "userdict.txt"


@cache
def phrase_list(name: str) -> tuple[str, ...]:
    """The non-empty, non-comment lines of ``<name>.txt``."""
    lines = (DATA_DIR / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    return tuple(line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#"))


@cache
def yaml_data(name: str) -> Any:
    return safe_yaml.load((DATA_DIR / f"{name}.yaml").read_text(encoding="utf-8"))


def doc_types() -> tuple[str, ...]:
    """The 15 statutory 文种, then the meeting materials, then irregular written forms."""
    table = yaml_data("doc_types")
    return tuple(table["official"] + table["meeting_materials"] + table["irregular"])
