"""Kind ``pattern``: an extracted field must match one of a set of regexes.

Parameters:
  field        the field checked: doc_number, title, date_text, copy_number, classification, urgency
  must_match   regexes; the value passes when one matches
  allow        regexes for accepted alternative forms (e.g. 「××人民政府通告」 titles)
  ignore       regexes; a value matching one of them is left to another rule (no finding)
  strip        regex removed from the value before matching (e.g. a 「（征求意见稿）」 mark)
  must_not_match  a list of {match, detail}: faults reported even when ``must_match`` passes
  diagnoses    a list of {match, detail}: the first whose regex matches explains the problem
  detail       the explanation used when no diagnosis matches
  rewrites     a list of {find, replace} applied in order to build a corrected value; it is
               offered as the suggestion only when the result passes ``must_match``
Message placeholders: {found} (the value as written), {detail}, {field}.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from validators.context import Hit, RuleContext
from validators.params import Regex
from validators.registry import kind

FIELD_LABELS = {
    "doc_number": "发文字号", "title": "标题", "date_text": "成文日期",
    "copy_number": "份号", "classification": "密级和保密期限", "urgency": "紧急程度",
}


@dataclass(frozen=True)
class Diagnosis:
    match: Regex
    detail: str


@dataclass(frozen=True)
class Rewrite:
    find: Regex
    replace: str


@dataclass(frozen=True)
class PatternParams:
    field: str
    must_match: tuple[Regex, ...]
    allow: tuple[Regex, ...] = ()
    ignore: tuple[Regex, ...] = ()
    strip: Regex | None = None
    must_not_match: tuple[Diagnosis, ...] = ()
    diagnoses: tuple[Diagnosis, ...] = ()
    detail: str = ""
    rewrites: tuple[Rewrite, ...] = ()

    def __post_init__(self) -> None:
        if self.field not in FIELD_LABELS:
            raise ValueError(f"field 应为 {'、'.join(FIELD_LABELS)} 之一，实际为“{self.field}”")
        if not self.must_match:
            raise ValueError("must_match 至少须给出一个正则表达式")


@kind("pattern", params=PatternParams, placeholders=("found", "detail", "field"))
def pattern(ctx: RuleContext, params: PatternParams) -> Iterator[Hit]:
    raw = ctx.title if params.field == "title" else getattr(ctx.fields, params.field)
    if not raw:
        return
    value = re.sub(params.strip, "", raw).strip() if params.strip else raw.strip()
    if any(re.search(p, value) for p in params.ignore):
        return
    fault = next((d.detail for d in params.must_not_match if re.search(d.match, value)), None)
    if fault is None and _passes(value, params):
        return
    detail = fault or next((d.detail for d in params.diagnoses if re.search(d.match, value)), params.detail)
    yield ctx.hit_at_field(
        raw, values={"found": raw, "detail": detail, "field": FIELD_LABELS[params.field]},
        suggestion=_rewrite(value, params),
    )


def _passes(value: str, params: PatternParams) -> bool:
    if any(re.search(d.match, value) for d in params.must_not_match):
        return False
    return any(re.search(p, value) for p in params.must_match + params.allow)


def _rewrite(value: str, params: PatternParams) -> str | None:
    if not params.rewrites:
        return None
    fixed = value
    for rewrite in params.rewrites:
        fixed = re.sub(rewrite.find, rewrite.replace, fixed)
    return fixed if fixed != value and _passes(fixed, params) else None
