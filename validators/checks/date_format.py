"""Check ``date.format``: the 成文日期 as written uses Arabic numerals, a full year, no zero padding.

GB/T 9704—2012 7.3.5.4: 「用阿拉伯数字将年、月、日标全，年份应标全称，月、日不编虚位」. Reads
``Fields.date_text`` (the date as written, kept by extraction even when the date does not exist,
such as 「2024年2月30日」), and judges it from the form the one date parser
(``extractors.knowledge.dates``) read it in. Lists every fault (leading zero, Chinese numerals,
two-digit or missing year, dots or dashes, full-width digits, no 日, an impossible date) and
suggests the corrected date whenever it can be worked out. Spaces inside are left to the layout.

Parameters:
  allow_legacy_cn_date  accept GB/T 9704—1999 style 「二〇二四年九月八日」 always (default false)
  cn_numerals_before    ISO date: Chinese-numeral dates earlier than this are accepted, because the
                        1999 standard, in force until GB/T 9704—2012 took effect on 2012-07-01,
                        required them (default "2012-07-01"; "" to flag every one)
Message placeholders: {found}, {detail}.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from gongwen.extractors.knowledge.dates import WRITTEN_SEPARATOR, WrittenDate, find_date
from gongwen.validators.context import Hit, RuleContext
from gongwen.validators.registry import check

UNREADABLE = "应写作“2024年9月8日”的形式，年、月、日标全"


@dataclass(frozen=True)
class DateFormatParams:
    allow_legacy_cn_date: bool = False
    cn_numerals_before: str = "2012-07-01"

    def __post_init__(self) -> None:
        if self.cn_numerals_before:
            try:
                dt.date.fromisoformat(self.cn_numerals_before)
            except ValueError:
                raise ValueError(f"cn_numerals_before 应为 YYYY-MM-DD 格式的有效日期，而不是“{self.cn_numerals_before}”") from None


@check("date.format", params=DateFormatParams, placeholders=("found", "detail"), rests_on=("date_text",))
def date_format(ctx: RuleContext, params: DateFormatParams) -> Iterator[Hit]:
    written = ctx.fields.date_text
    if not written:
        return
    date = find_date(written)
    if date is None:
        yield ctx.hit_at_field(written, values={"found": written, "detail": UNREADABLE})
        return
    faults = _faults(date, params)
    if faults:
        suggestion = date.standard_text if date.date else None
        yield ctx.hit_at_field(written, values={"found": written, "detail": "；".join(faults)}, suggestion=suggestion)


def _faults(date: WrittenDate, params: DateFormatParams) -> list[str]:
    """What GB/T 9704—2012 7.3.5.4 finds wrong in the way ``date`` is written, from its parse."""
    form, faults = date.form, []
    if form.numerals == "full-width":
        faults.append("应使用半角阿拉伯数字，不用全角数字")
    if form.numerals == "chinese" and not _legacy_allowed(date, params):
        faults.append("应使用阿拉伯数字（GB/T 9704—2012），不用汉字数字")
    if form.year_digits == 2:
        faults.append("年份应标全称（四位）")
    if form.year_digits == 0:
        faults.append("应标明年份（四位）")
    if form.separator != WRITTEN_SEPARATOR:
        faults.append("应用“年”“月”“日”，不用圆点、短横或斜线分隔")
    elif form.day_mark != "日":
        faults.append(UNREADABLE)
    if form.padded:
        faults.append("月、日不编虚位（如“9月”不写作“09月”）")
    if form.year_digits and date.date is None:
        faults.append("日期不存在，请核对")
    return faults


def _legacy_allowed(date: WrittenDate, params: DateFormatParams) -> bool:
    if params.allow_legacy_cn_date:
        return True
    return bool(params.cn_numerals_before and date.date and date.date < dt.date.fromisoformat(params.cn_numerals_before))
