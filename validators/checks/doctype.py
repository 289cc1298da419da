"""Check ``doctype.invalid``: the 文种 at the end of the title is one of the statutory fifteen.

The tail after the title's last 「的」 is read as the 文种 (a 「（征求意见稿）」 mark is ignored).
Reported: hybrids (请示报告, 申请报告, 请示函 …), words that are not a 文种 (申请, 汇报, 总结 …),
and text forms (办法, 方案, 细则 …) that carry a 发文字号 of their own, since those must be issued
inside a statutory carrier such as an 印发通知. A title with no recognisable tail is left to
``title.format``. A 「…的汇报」 is a 汇报稿 (meeting material, not a 公文) when extraction says so (no 发文字号, no organ
as 主送); addressed to an organ (「区人民政府：」) it is a 报告 misnamed 汇报.

Parameters:
  legal          the statutory types (a tail ending in one of them passes: 补充通知, 复函, 会议纪要)
  hybrids        {tail: suggested type}: mixed or invented types
  not_types      {tail: suggested type}: words used in place of a type
  carriers       text forms that need a carrier when issued with their own 发文字号
Message placeholders: {found} (the tail as written), {title}.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from gongwen.validators.context import Hit, RuleContext
from gongwen.validators.registry import check
from gongwen.validators.vocab import LEGAL_DOC_TYPES, strip_draft_suffix


@dataclass(frozen=True)
class DocTypeParams:
    legal: tuple[str, ...] = LEGAL_DOC_TYPES
    hybrids: dict[str, str] = field(default_factory=lambda: {
        "请示报告": "请示", "报告请示": "请示", "请示的报告": "请示", "申请报告": "请示",
        "汇报请示": "请示", "请示函": "请示", "请示汇报": "请示",
    })
    not_types: dict[str, str] = field(default_factory=lambda: {
        "申请": "请示", "汇报": "报告", "总结": "报告", "报批": "请示", "申请书": "请示", "说明": "报告",
    })
    carriers: tuple[str, ...] = ("办法", "规定", "方案", "计划", "细则", "规则", "制度", "要点", "规划", "措施")


@check("doctype.invalid", params=DocTypeParams, placeholders=("found", "title"), rests_on=("title",))
def doctype_invalid(ctx: RuleContext, params: DocTypeParams) -> Iterator[Hit]:
    title = ctx.title
    if not title:
        return
    bare = strip_draft_suffix(title)
    for hybrid, suggested in sorted(params.hybrids.items(), key=lambda kv: -len(kv[0])):
        if bare.endswith(hybrid):
            yield _hit(ctx, title, hybrid, bare[: -len(hybrid)] + suggested)
            return
    if any(bare.endswith(legal) for legal in params.legal):
        return
    for word, suggested in sorted(params.not_types.items(), key=lambda kv: -len(kv[0])):
        if re.search(f"的{word}$", bare):
            if word == "汇报" and ctx.doc_type == "汇报稿":
                return
            yield _hit(ctx, title, word, bare[: -len(word)] + suggested)
            return
    carrier = next((c for c in params.carriers if re.search(f"{c}(?:[（(]试行[）)])?$", bare)), None)
    if carrier and ctx.fields.doc_number:
        yield _hit(ctx, title, carrier, f"关于印发《{bare}》的通知")


def _hit(ctx: RuleContext, title: str, tail: str, suggested: str) -> Hit:
    where = ctx.locate(title)
    start = where[1] - len(tail) if where and title.endswith(tail) else (where[0] if where else None)
    end = where[1] if where else None
    return Hit(start, end, {"found": tail, "title": title}, suggestion=suggested)
