"""Emitters: each turns the same list of DocResults into one output format (ruff's render model)."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from gongwen.pipeline.model import DocResult
from gongwen.validators.packs import Pack


@dataclass(frozen=True)
class ReportContext:
    command: str  # "extract" | "check"
    tool_version: str
    pack: Pack | None = None  # when rules ran
    color: bool = False
    extra: dict = field(default_factory=dict)


Emitter = Callable[[Sequence[DocResult], ReportContext], str]

EMITTERS: dict[str, Emitter] = {}


def emitter(name: str) -> Callable[[Emitter], Emitter]:
    def register(func: Emitter) -> Emitter:
        EMITTERS[name] = func
        return func

    return register


def load_builtins() -> dict[str, Emitter]:
    """Import the built-in emitter modules, which register themselves by format name."""
    from gongwen.reports import github, html_report, json_report, junit, markdown_report, sarif, text_report  # noqa: F401

    return EMITTERS
