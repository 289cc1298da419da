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
  missing_detail  for ``field: title`` only: the explanation reported when the document plainly
               has no title (its 主送 line follows the 版头 directly); empty: an absent title is
               not reported (it may be an extraction miss)
The title is checked as written in the document (a trailing 「。」 kept), not as normalised.
Message placeholders: {found} (the value as written), {detail}, {field}.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated

from gongwen.validators.context import Hit, RuleContext
from gongwen.validators.params import OneOf, Regex
from gongwen.validators.registry import kind

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
    field: Annotated[str, OneOf(tuple(FIELD_LABELS))]
    must_match: tuple[Regex, ...]
    allow: tuple[Regex, ...] = ()
    ignore: tuple[Regex, ...] = ()
    strip: Regex | None = None
    must_not_match: tuple[Diagnosis, ...] = ()
    diagnoses: tuple[Diagnosis, ...] = ()
    detail: str = ""
    rewrites: tuple[Rewrite, ...] = ()
    missing_detail: str = ""

    def __post_init__(self) -> None:
        if self.missing_detail and self.field != "title":
            raise ValueError("missing_detail 只适用于 field: title（其他字段缺失时无法确定是原文缺少还是未能识别）")
        if not self.must_match:
            raise ValueError("must_match 至少须给出一个正则表达式")


@kind("pattern", params=PatternParams, placeholders=("found", "detail", "field"),
      rests_on=lambda params: (params.field,))
def pattern(ctx: RuleContext, params: PatternParams) -> Iterator[Hit]:
    if params.field == "title":
        written = ctx.written_title
        if written is None:
            if params.missing_detail and ctx.title_missing:
                line = ctx.recipient_line
                yield Hit(line.start if line else None, line.end if line else None,
                          {"found": "", "detail": params.missing_detail, "field": FIELD_LABELS["title"]})
            return
        raw, where = written.text, (written.start, written.end)
    else:
        raw = getattr(ctx.fields, params.field)
        where = ctx.locate(raw) or (None, None)
    if not raw:
        return
    value = re.sub(params.strip, "", raw).strip() if params.strip else raw.strip()
    if any(re.search(p, value) for p in params.ignore):
        return
    fault = next((d.detail for d in params.must_not_match if re.search(d.match, value)), None)
    if fault is None and _passes(value, params):
        return
    detail = fault or next((d.detail for d in params.diagnoses if re.search(d.match, value)), params.detail)
    yield Hit(
        *where, values={"found": raw, "detail": detail, "field": FIELD_LABELS[params.field]},
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
