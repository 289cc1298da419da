"""Hard line breaks inside a paragraph: text pasted from a PDF breaks every line (~28 characters)
where the page did, so a sentence runs on over several lines. Readers of sentences (the asks of a
请示, the phrase checks) read such a break as no break at all."""
from __future__ import annotations

WRAPPED_LINE_MIN = 15  # a line this long ending in no stop or colon was wrapped, not ended
LINE_ENDS = ("。", "！", "？", "；", "：", ":", "!", "?", ";")


def is_wrap(text: str, newline: int) -> bool:
    """Whether the line break at ``text[newline]`` only wraps a long line: the line before is at least
    WRAPPED_LINE_MIN characters, ends in no stop or colon, and a non-empty line follows; neither is
    a table row (cells parted by tabs)."""
    line = text[text.rfind("\n", 0, newline) + 1:newline].strip()
    following_end = text.find("\n", newline + 1)
    following = text[newline + 1:following_end if following_end >= 0 else len(text)].strip()
    table_row = "\t" in line or "\t" in following  # a table's rows are read as lines of cells
    return len(line) >= WRAPPED_LINE_MIN and not line.endswith(LINE_ENDS) and bool(following) and not table_row
