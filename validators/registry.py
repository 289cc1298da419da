"""Registries of rule kinds (generic, parameterised from YAML) and checks (code for one rule id).

A kind or check is a function ``run(ctx: RuleContext, params) -> Iterable[Hit]`` plus a typed
parameter schema (a frozen dataclass) that the pack loader validates. The decorators only attach
that metadata; nothing is registered until ``load_builtins()`` walks an explicit module list, so
importing a module has no side effect (see the spaCy note in the style anchors).
"""
from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

# The fields (``Fields`` attribute names) a kind's or check's findings rest on: fixed, or derived
# from the rule's parameters (the field a ``pattern`` rule checks). A hit may name its own.
RestsOn = tuple[str, ...] | Callable[[Any], Iterable[str]]

KIND_MODULES = (
    "gongwen.validators.kinds.phrase",
    "gongwen.validators.kinds.count_limit",
    "gongwen.validators.kinds.pattern",
    "gongwen.validators.kinds.required_fields",
    "gongwen.validators.kinds.required_sections",
    "gongwen.validators.kinds.required_steps",
    "gongwen.validators.kinds.required_evidence",
)
CHECK_MODULES = (
    "gongwen.validators.checks.one_matter",
    "gongwen.validators.checks.single_recipient",
    "gongwen.validators.checks.signer_upward",
    "gongwen.validators.checks.to_individual",
    "gongwen.validators.checks.doctype",
    "gongwen.validators.checks.date_format",
    "gongwen.validators.checks.countersign",
    "gongwen.validators.checks.creates_power",
)

_META = "__gongwen_runner__"


@dataclass(frozen=True)
class Runner:
    """A registered kind or check."""

    name: str  # the kind name ("pattern") or the check id ("request.one-matter")
    category: str  # "kind" | "check"
    params: type  # frozen dataclass: the typed parameter schema
    placeholders: frozenset[str]  # names a rule's message template may use
    run: Callable[..., Iterable[Any]]
    doc: str  # the module docstring: what it checks and what each parameter means
    requires: frozenset[str] = frozenset()  # Document layers it reads beyond fields: "tokens", "entities"
    reports_absence: bool = False  # its findings say something is missing (which OCR may have missed)
    rests_on: RestsOn = ()

    def rested_on(self, params: Any) -> tuple[str, ...]:
        """The fields a hit of this kind or check rests on, for a rule with these parameters."""
        return tuple(self.rests_on(params)) if callable(self.rests_on) else tuple(self.rests_on)


def kind(name: str, *, params: type, placeholders: Iterable[str], requires: Iterable[str] = (),
         reports_absence: bool = False, rests_on: RestsOn = ()) -> Callable:
    """Mark a function as the implementation of a generic rule kind."""
    return _mark("kind", name, params, placeholders, requires, reports_absence, rests_on)


def check(rule_id: str, *, params: type, placeholders: Iterable[str], requires: Iterable[str] = (),
          reports_absence: bool = False, rests_on: RestsOn = ()) -> Callable:
    """Mark a function as the implementation of the check for one rule id.

    ``requires`` names the Document layers the check reads beyond fields and structure ("tokens",
    "entities"): the runner segments a document only when some active rule requires it.
    ``reports_absence``: the check reports that something is missing (on a scan, OCR may have missed it).
    ``rests_on``: the fields its findings rest on (a finding on an unsure one is only 疑似)."""
    return _mark("check", rule_id, params, placeholders, requires, reports_absence, rests_on)


def _mark(category: str, name: str, params: type, placeholders: Iterable[str], requires: Iterable[str],
          reports_absence: bool, rests_on: RestsOn) -> Callable:
    def decorate(function: Callable) -> Callable:
        setattr(function, _META, (category, name, params, frozenset(placeholders), frozenset(requires),
                                  reports_absence, rests_on))
        return function

    return decorate


KINDS: dict[str, Runner] = {}
CHECKS: dict[str, Runner] = {}


def load_builtins() -> None:
    """Register the built-in kinds and checks (idempotent)."""
    if KINDS and CHECKS:
        return
    for module_name in KIND_MODULES + CHECK_MODULES:
        module = importlib.import_module(module_name)
        for value in vars(module).values():
            meta = getattr(value, _META, None)
            if meta is None or getattr(value, "__module__", None) != module_name:
                continue
            category, name, params, placeholders, requires, reports_absence, rests_on = meta
            runner = Runner(name, category, params, placeholders, value, module.__doc__ or "", requires,
                            reports_absence, rests_on)
            target = KINDS if category == "kind" else CHECKS
            if name in target and target[name].run is not value:
                raise RuntimeError(f"duplicate {category} registration: {name}")
            target[name] = runner


def registrations() -> dict[str, list[str]]:
    """What is registered, for the snapshot test and ``gongwen rules --kinds``."""
    load_builtins()
    return {"kinds": sorted(KINDS), "checks": sorted(CHECKS)}
