"""Kind ``required_sections``: the parts a material must contain (by heading or by wording).

Parameters:
  sections  a list of {name, patterns, severity?}: a part counts as present when one of its
            regexes matches anywhere in the scope (a part written as 「不涉及」 under its heading
            still matches its heading); ``severity`` overrides the rule's for that part; an
            extending pack merges it with its parent's by name
  scope     body (default) or text
  per_type  optional: {doc_type: [section names]} when different materials need different parts;
            without it every section applies to every document the rule applies to
Message placeholders: {missing} (the part's name), {doc_type}, {scope}.
One finding per missing part, pointing at the start of the scope.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Annotated, Literal

from gongwen.validators.context import Hit, RuleContext
from gongwen.validators.params import MergeKey, Regex
from gongwen.validators.registry import kind


@dataclass(frozen=True)
class Section:
    name: str
    patterns: tuple[Regex, ...]
    severity: Literal["error", "warning", "info"] | None = None


@dataclass(frozen=True)
class RequiredSectionsParams:
    sections: Annotated[tuple[Section, ...], MergeKey("name")]
    scope: Literal["body", "text"] = "body"
    per_type: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        names = {s.name for s in self.sections}
        unknown = sorted({n for names_ in self.per_type.values() for n in names_} - names)
        if unknown:
            raise ValueError(f"per_type 引用了未定义的部分 {'、'.join(unknown)}")


@kind("required_sections", params=RequiredSectionsParams, placeholders=("missing", "doc_type", "scope"),
      reports_absence=True, rests_on=lambda params: ("doc_type",) if params.per_type else ())
def required_sections(ctx: RuleContext, params: RequiredSectionsParams) -> Iterator[Hit]:
    wanted = params.per_type.get(ctx.doc_type or "") if params.per_type else None
    if params.per_type and wanted is None:
        return
    scope = ctx.scope(params.scope)
    if not scope.text.strip():
        return
    head = len(scope.text) - len(scope.text.lstrip())
    first_line_end = scope.text.find("\n", head)
    end = scope.start + (first_line_end if first_line_end > 0 else len(scope.text))
    for section in params.sections:
        if wanted is not None and section.name not in wanted:
            continue
        if any(re.search(p, scope.text) for p in section.patterns):
            continue
        yield Hit(
            scope.start + head, end,
            {"missing": section.name, "doc_type": ctx.doc_type or "", "scope": scope.label},
            severity=section.severity,
        )
