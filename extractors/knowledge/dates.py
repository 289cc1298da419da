"""Dates as offices write them: the one finder and parser that every stage uses.

    >>> date = find_date("区政府办公室　２０２４年３月８日印发")
    >>> date.iso, date.text, (date.start, date.end), date.form.numerals
    ('2024-03-08', '２０２４年３月８日', (7, 16), 'full-width')
    >>> find_date("二〇二四年三月八日").iso, find_date("二○二四年十月三十一日").iso
    ('2024-03-08', '2024-10-31')
    >>> find_date("签发：刘卫东（区长）2024.3.8").form.separator
    '.'
    >>> impossible = parse_date("2024年2月30日")  # kept as written, with no ISO date
    >>> impossible.iso, impossible.text, (impossible.month, impossible.day)
    (None, '2024年2月30日', (2, 30))
    >>> parse_date("2024年03月08日").form.padded  # 虚位: readable, and date.format says so
    True
    >>> undated = find_date("审核　张敏　副区长　3月6日", context_year=2024)
    >>> undated.iso, undated.year_from_context, undated.form.year_digits
    ('2024-03-06', True, 0)
    >>> find_date("会签 12月30日").near(dt.date(2025, 1, 2)).iso  # the year that puts it nearest
    '2024-12-30'

Forms found, each anywhere inside running text:
  2024年3月8日, with spaces inside (2024 年 3 月 8 日), 虚位 (2024年03月08日), 号 for 日 (3月8号),
  without 日 when nothing follows (签发 2024年3月8), a two-digit year (24年3月8日);
  full-width digits (２０２４年３月８日); Chinese numerals (二〇二四年三月八日, with ○ / Ｏ / O / 零 for 〇);
  2024.3.8, 2024-03-08, 2024/3/8 (full-width separators too; both separators alike);
  3月8日 / 三月八日 without a year: its ``year`` comes from ``context_year`` or ``near()``, marked
  ``year_from_context``; Chinese numerals without a year need the 日.
Four-digit Arabic years are 1900–2099, so "第1234年" or a page count is not a date.

A found date keeps its text, span and how it was written (``DateForm``) whether or not it exists:
``iso`` is None for 2月30日, 13月1日, or a date without a year and no context. ``confidence`` says
how sure the reading is (1.0 for 2024年3月8日; less for a missing year, a two-digit year, no 日,
separators, and an impossible date). Numerals are read by ``knowledge.numerals``.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from gongwen.extractors.knowledge.numerals import ARABIC_DIGITS, CHINESE_DIGITS, is_chinese, is_full_width, number_value

WRITTEN_SEPARATOR = "年月日"
_SPACE = r"[^\S\r\n]*"  # spaces inside a date, never a line break
_AD = ARABIC_DIGITS
_YEAR4 = rf"(?:[1１][9９]|[2２][0０])[{_AD}]{{2}}"
_CN_YEAR = CHINESE_DIGITS
_CN_MONTH_DAY = "〇零一二三四五六七八九十"
_MONTH = rf"[{_AD}]{{1,2}}|[{_CN_MONTH_DAY}]{{1,3}}"
# without 日 the day must end the date: "2024年3月8" before a space or punctuation, not "3月8万元"
_DAY_END = rf"(?:{_SPACE}(?P<{{mark}}>[日号])|(?![{_AD}{_CN_MONTH_DAY}\u4e00-\u9fff]))"
_SEPARATORS = "./-．／－"
DATE_PATTERN = re.compile(
    rf"(?P<y>(?<![{_AD}])(?:{_YEAR4}|[{_AD}]{{2}})|(?<![{_CN_YEAR}])[{_CN_YEAR}]{{4}}){_SPACE}年{_SPACE}"
    rf"(?P<m>{_MONTH}){_SPACE}月{_SPACE}(?P<d>{_MONTH}){_DAY_END.format(mark='mark')}"
    rf"|(?<![{_AD}])(?<![{_AD}][{re.escape(_SEPARATORS)}])(?P<ny>{_YEAR4}){_SPACE}(?P<sep>[{re.escape(_SEPARATORS)}]){_SPACE}"
    rf"(?P<nm>[{_AD}]{{1,2}}){_SPACE}(?P=sep){_SPACE}(?P<nd>[{_AD}]{{1,2}})(?![{_AD}]|[.．][{_AD}])"
    rf"|(?<![{_AD}{_CN_MONTH_DAY}年月])(?P<mm>{_MONTH}){_SPACE}月{_SPACE}(?P<md>{_MONTH}){_DAY_END.format(mark='mmark')}"
)


@dataclass(frozen=True)
class DateForm:
    """How a date was written, for the format check to judge."""

    numerals: str  # "arabic", "full-width" (any full-width digit) or "chinese" (any part in Chinese numerals)
    separator: str  # "年月日", or the separator as written: ".", "-", "/", "．", "／", "－"
    year_digits: int  # 4, 2, or 0 when no year is written
    padded: bool  # 虚位: a month or day written with a leading zero ("03月08日")
    day_mark: str  # "日", "号", or "" when nothing closes the day (always "" after separators)
    spaced: bool  # spaces inside ("2024 年 3 月 8 日")

    @property
    def is_standard(self) -> bool:
        """GB/T 9704—2012 7.3.5.4: Arabic numerals, the full year, no 虚位 ("2024年3月8日")."""
        return (self.numerals == "arabic" and self.separator == WRITTEN_SEPARATOR and self.year_digits == 4
                and not self.padded and self.day_mark == "日")


@dataclass(frozen=True)
class WrittenDate:
    """A date found in a text: where, as written, and what it means."""

    text: str  # as written
    start: int
    end: int
    year: int | None  # as written (two digits widened: 24 → 2024), else from the context, else None
    month: int
    day: int
    form: DateForm
    year_from_context: bool = False

    @property
    def date(self) -> dt.date | None:
        if self.year is None:
            return None
        try:
            return dt.date(self.year, self.month, self.day)
        except ValueError:
            return None

    @property
    def iso(self) -> str | None:
        date = self.date
        return date.isoformat() if date else None

    @property
    def standard_text(self) -> str:
        """The date as GB/T 9704—2012 writes it ("2024年3月8日")."""
        year = f"{self.year}年" if self.year is not None else ""
        return f"{year}{self.month}月{self.day}日"

    @property
    def confidence(self) -> float:
        form, score = self.form, 1.0
        if form.year_digits == 0:
            score *= 0.7 if self.year_from_context else 0.5
        elif form.year_digits == 2:
            score *= 0.7
        if form.separator != WRITTEN_SEPARATOR:
            score *= 0.9
        elif form.day_mark != "日":
            score *= 0.8
        if self.year is not None and self.date is None:
            score *= 0.5
        return round(score, 3)

    def near(self, anchor: dt.date | int) -> WrittenDate:
        """A date written without a year, given one: ``anchor``'s year when it is a year, else the
        year (``anchor``'s, the one before or after) that puts the date nearest ``anchor``. A date
        with its own year is returned as it is."""
        if self.form.year_digits:
            return self
        if isinstance(anchor, int):
            return replace(self, year=anchor, year_from_context=True)
        candidates = [replace(self, year=year, year_from_context=True)
                      for year in (anchor.year - 1, anchor.year, anchor.year + 1)]
        valid = [candidate for candidate in candidates if candidate.date is not None]
        if not valid:
            return candidates[1]
        return min(valid, key=lambda candidate: abs(candidate.date - anchor))


def find_dates(text: str, context_year: int | None = None) -> list[WrittenDate]:
    """Every date in ``text``, in order, none overlapping; dates without a year take ``context_year``."""
    dates = []
    for match in DATE_PATTERN.finditer(text):
        found = _read(match, text)
        if found is not None:
            dates.append(found.near(context_year) if context_year is not None else found)
    return dates


def find_date(text: str, context_year: int | None = None) -> WrittenDate | None:
    """The first date in ``text``."""
    for match in DATE_PATTERN.finditer(text):
        found = _read(match, text)
        if found is not None:
            return found.near(context_year) if context_year is not None else found
    return None


SHORT_DATE = re.compile(r"(?:^|(?<=\s))(?P<m>1[0-2]|0?[1-9])(?P<sep>[./．／])(?P<d>3[01]|[12]\d|0?[1-9])(?=\s|$)")


def find_short_date(text: str) -> WrittenDate | None:
    """A month and day written with a dot or slash as a word of its own (「廉文杰 5.15」): how a
    hand-filled 发文稿纸 dates a signature. Only where a date is expected: elsewhere 5.15 is a number."""
    match = SHORT_DATE.search(text)
    if match is None:
        return None
    month, day = match.group("m"), match.group("d")
    form = DateForm(numerals="arabic", separator=match.group("sep"), year_digits=0,
                    padded=month.startswith("0") or day.startswith("0"), day_mark="", spaced=False)
    return WrittenDate(match.group(0), match.start(), match.end(), None, int(month), int(day), form)


def parse_date(text: str, context_year: int | None = None) -> WrittenDate | None:
    """The date that ``text`` holds and nothing else (spaces around it aside)."""
    lead = len(text) - len(text.lstrip())
    match = DATE_PATTERN.fullmatch(text, lead, len(text.rstrip()))  # numbers are read only for a whole match
    found = _read(match, text) if match else None
    if found is None:
        return None
    return found.near(context_year) if context_year is not None else found


def _read(match: re.Match[str], text: str) -> WrittenDate | None:
    groups = match.groupdict()
    if groups["m"] is not None:
        year_text, month_text, day_text, mark, separator = (
            groups["y"], groups["m"], groups["d"], groups["mark"] or "", WRITTEN_SEPARATOR)
    elif groups["nm"] is not None:
        year_text, month_text, day_text, mark, separator = groups["ny"], groups["nm"], groups["nd"], "", groups["sep"]
    else:
        year_text, month_text, day_text, mark, separator = None, groups["mm"], groups["md"], groups["mmark"] or "", WRITTEN_SEPARATOR
        if text[:match.start()].rstrip().endswith("年"):
            return None  # the month and day of a date whose year is out of range ("1898 年 3 月 8 日")
        if not mark and (is_chinese(month_text) or is_chinese(day_text)):
            return None  # "十月一" is not a date without its 日
    month, day = number_value(month_text), number_value(day_text)
    year = number_value(year_text) if year_text is not None else None
    if month is None or day is None or (year_text is not None and year is None):
        return None
    if year_text is not None and len(year_text) == 2:
        year += 2000 if year < 50 else 1900
    parts = [part for part in (year_text, month_text, day_text) if part is not None]
    written = match.group(0)
    form = DateForm(
        numerals="chinese" if any(is_chinese(part) for part in parts)
        else "full-width" if is_full_width(written) else "arabic",
        separator=separator,
        year_digits=len(year_text) if year_text is not None else 0,
        padded=any(len(part) > 1 and part[0] in "0０〇零" for part in (month_text, day_text)),
        day_mark=mark,
        spaced=any(char.isspace() for char in written),
    )
    return WrittenDate(written, match.start(), match.end(), year, month, day, form)
