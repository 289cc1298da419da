"""Emitters: each turns the same list of DocResults into one output format (ruff's render model)."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import import_module

from gongwen.pipeline.model import DocResult
from gongwen.validators.packs import Pack


@dataclass(frozen=True)
class ReportContext:
    command: str  # "extract" | "check"
    tool_version: str
    pack: Pack | None = None  # when rules ran
    color: bool = False
    fail_on: str = "error"  # the gate's level (check --fail-on): findings below it do not fail a CI report
    extra: dict = field(default_factory=dict)


Emitter = Callable[[Sequence[DocResult], ReportContext], str]

EMITTERS: dict[str, Emitter] = {}


def emitter(name: str) -> Callable[[Emitter], Emitter]:
    def register(func: Emitter) -> Emitter:
        EMITTERS[name] = func
        return func

    return register


# Format -> the module whose emitter registers it. A command imports only the one it prints
# (jinja2 for html alone costs a cold start ~0.1 s).
BUILTIN_MODULES: dict[str, str] = {
    "text": "text_report", "json": "json_report", "md": "markdown_report", "html": "html_report",
    "sarif": "sarif", "junit": "junit", "github": "github",
}


def load_emitter(fmt: str) -> Emitter:
    """The built-in emitter of ``fmt``, importing its module only."""
    import_module(f"gongwen.reports.{BUILTIN_MODULES[fmt]}")
    return EMITTERS[fmt]


def load_builtins() -> dict[str, Emitter]:
    """Import every built-in emitter module, which register themselves by format name."""
    for fmt in BUILTIN_MODULES:
        load_emitter(fmt)
    return EMITTERS
