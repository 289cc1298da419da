"""The page number a paged document prints in its margin: the one pattern the PDF/OFD line assembly
and the field labeller both use.

    >>> [is_page_number(text) for text in ("— 2 —", "- 12 -", "－3－", "第 2 页", "第2页，共9页", "第 3 页/共 9 页")]
    [True, True, True, True, True, True]
    >>> [is_page_number(text) for text in ("2", "- 2", "2 -", "第二页", "— 2024年 —", "一、总体要求")]
    [False, False, False, False, False, False]
    >>> [is_page_number(text, bare=True) for text in ("2", "- 2", "2 -", "— 2 —", "第二页")]
    [True, True, True, True, False]
"""
from __future__ import annotations

import re

_DASHES = "-—–－_"
_PAGE_NUMBER = re.compile(
    rf"^(?:(?P<before>[{_DASHES}]*)\s*\d{{1,4}}\s*(?P<after>[{_DASHES}]*)"
    r"|第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?)$"
)


def is_page_number(text: str, *, bare: bool = False) -> bool:
    """Whether ``text`` (stripped) is a page number as printed: 「— 2 —」, 「- 2 -」, 「第 2 页」,
    「第 2 页，共 9 页」. With ``bare`` also a number with dashes on one side or none (「2」, 「- 2」):
    a line that only its place, alone at the top or foot of a page, makes a page number."""
    match = _PAGE_NUMBER.match(text)
    if match is None:
        return False
    return bare or match.group("before") is None or bool(match.group("before") and match.group("after"))
