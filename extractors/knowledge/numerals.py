"""Numbers as official documents write them: Arabic (half- or full-width) or Chinese numerals.

    >>> number_value("12"), number_value("１２"), number_value("十二"), number_value("二○二四")
    (12, 12, 12, 2024)

Chinese numerals are read by cn2an ("三十一" → 31, "二〇二四" → 2024, "一千零五" → 1005). The zero
glyphs offices type for 〇 (○ U+25CB, Ｏ, O) are read as 〇 first; cn2an knows only 〇 and 零.
cn2an compiles its patterns on import (about half a second), so it is imported on the first
Chinese numeral, never at start-up: a document written in Arabic numerals never pays for it.
"""
from __future__ import annotations

from functools import cache
from typing import Callable

# Character classes for patterns that find numerals before reading them.
ARABIC_DIGITS = "0-9０-９"
CHINESE_DIGITS = "〇○ＯO零一二三四五六七八九"  # digit by digit, as in the year 二〇二四 (○, Ｏ, O typed for 〇)
CHINESE_NUMERALS = CHINESE_DIGITS + "十百千万两"  # counting, as in 三十一, 一千零五
ZERO_GLYPHS = str.maketrans({"○": "〇", "Ｏ": "〇", "O": "〇"})
FULL_WIDTH_DIGITS = frozenset("０１２３４５６７８９")


@cache
def _cn2an() -> Callable[[str, str], int | float]:
    import cn2an  # heavy: see the module docstring

    return cn2an.cn2an


def chinese_value(text: str) -> int | None:
    """The value of a Chinese numeral ("三十一", "二〇二四", "二○二四"); None when it is not one
    ("十十", "二十〇") or not a whole number."""
    text = text.translate(ZERO_GLYPHS)
    if not text:
        return None
    try:
        value = _cn2an()(text, "normal")
    except (ValueError, KeyError, IndexError):  # cn2an's ways of refusing malformed numerals
        return None
    return value if isinstance(value, int) else None


def number_value(text: str) -> int | None:
    """The value of a number written in Arabic digits (half- or full-width) or Chinese numerals."""
    text = text.strip()
    if text.isdecimal():
        return int(text)  # int() reads full-width digits as well
    return chinese_value(text)


def is_full_width(text: str) -> bool:
    return any(char in FULL_WIDTH_DIGITS for char in text)


def is_chinese(text: str) -> bool:
    return bool(text) and not any(char.isdecimal() for char in text)
