"""Check ``date.format``: the 成文日期 as written uses Arabic numerals, a full year, no zero padding.

GB/T 9704—2012 7.3.5.4: 「用阿拉伯数字将年、月、日标全，年份应标全称，月、日不编虚位」. Reads
``Fields.date_text`` (the date as written, kept by extraction even when the date does not exist,
such as 「2024年2月30日」). Explains the specific fault (leading zero, Chinese
numerals, two-digit year, dots or dashes, full-width digits, an impossible date) and suggests the
corrected date whenever it can be worked out.

Parameters:
  allow_legacy_cn_date  accept GB/T 9704—1999 style 「二〇二四年九月八日」 always (default false)
  cn_numerals_before    ISO date: Chinese-numeral dates earlier than this are accepted, because the
                        1999 standard, in force until GB/T 9704—2012 took effect on 2012-07-01,
                        required them (default "2012-07-01"; "" to flag every one)
Message placeholders: {found}, {detail}.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from gongwen.validators.context import Hit, RuleContext
from gongwen.validators.registry import check

CORRECT = re.compile(r"^(?:19|20)\d{2}年(?:[1-9]|1[0-2])月(?:[1-9]|[12]\d|3[01])日$")
_ANY_DIGITS = re.compile(r"^(?P<y>\d{2}|\d{4})\s*[年./\-]\s*(?P<m>\d{1,2})\s*[月./\-]\s*(?P<d>\d{1,2})\s*日?$")
_CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "Ｏ": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}
_CN_DATE = re.compile(r"^(?P<y>[〇○零Ｏ一二三四五六七八九]{4})年(?P<m>[一二三四五六七八九十]{1,3})月(?P<d>[一二三四五六七八九十]{1,3})日$")
_FULL_WIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


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


@check("date.format", params=DateFormatParams, placeholders=("found", "detail"))
def date_format(ctx: RuleContext, params: DateFormatParams) -> Iterator[Hit]:
    written = ctx.fields.date_text
    if not written:
        return
    value = re.sub(r"\s+", "", written)
    if CORRECT.match(value):
        parts = tuple(int(n) for n in re.findall(r"\d+", value))
        if _valid(*parts) is None:
            yield ctx.hit_at_field(written, values={"found": written, "detail": "日期不存在，请核对"})
        return
    detail, parts = _diagnose(value)
    if detail is None or (_CN_DATE.match(value) and _legacy_allowed(parts, params)):
        return
    suggestion = f"{parts[0]}年{parts[1]}月{parts[2]}日" if parts and _valid(*parts) else None
    yield ctx.hit_at_field(written, values={"found": written, "detail": detail}, suggestion=suggestion)


def _legacy_allowed(parts: tuple[int, int, int] | None, params: DateFormatParams) -> bool:
    if params.allow_legacy_cn_date:
        return True
    written = _valid(*parts) if parts else None
    return bool(params.cn_numerals_before and written and written < dt.date.fromisoformat(params.cn_numerals_before))


def _diagnose(value: str) -> tuple[str | None, tuple[int, int, int] | None]:
    if value != value.translate(_FULL_WIDTH):
        digits = value.translate(_FULL_WIDTH)
        _, parts = _diagnose(digits) if not CORRECT.match(digits) else (None, _numbers(digits))
        return "应使用半角阿拉伯数字，不用全角数字", parts
    cn = _CN_DATE.match(value)
    if cn:
        year = int("".join(str(_CN_DIGITS[c]) for c in cn.group("y")))
        return "应使用阿拉伯数字（GB/T 9704—2012），不用汉字数字", (year, _cn_number(cn.group("m")), _cn_number(cn.group("d")))
    match = _ANY_DIGITS.match(value)
    if not match:
        return "应写作“2024年9月8日”的形式，年、月、日标全", None
    year, month, day = (int(match.group(k)) for k in ("y", "m", "d"))
    if len(match.group("y")) == 2:
        return "年份应标全称（四位）", (2000 + year, month, day)
    if not re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", value):
        return "应用“年”“月”“日”，不用圆点、短横或斜线分隔", (year, month, day)
    if match.group("m").startswith("0") or match.group("d").startswith("0"):
        return "月、日不编虚位（如“9月”不写作“09月”）", (year, month, day)
    return "日期不存在，请核对", None


def _numbers(value: str) -> tuple[int, int, int]:
    year, month, day = (int(n) for n in re.findall(r"\d+", value)[:3])
    return year, month, day


def _cn_number(text: str) -> int:
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + _CN_DIGITS[text[1]]
    if text.endswith("十"):
        return _CN_DIGITS[text[0]] * 10
    if "十" in text:
        return _CN_DIGITS[text[0]] * 10 + _CN_DIGITS[text[2]]
    return _CN_DIGITS[text]


def _valid(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
