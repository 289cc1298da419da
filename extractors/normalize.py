"""Normalize a RawDocument's text while keeping a map back to the text as written.

Only spacing changes: indentation and trailing blanks go, a run of blanks between two CJK
characters goes ("通  知" -> "通知"), any other run becomes one space, zero-width characters and
line breaks inside a block go. Punctuation, brackets (〔〕 vs []) and digits are never touched,
because the format checks need them exactly as written.

It is a reversible view, so no later stage reads the text as written again: ``offset_map`` leads
every normalized offset back to the original, and ``blank_gaps`` keeps what the joining of CJK
characters throws away, the word boundaries as written ("张某某　李某某", "区财政局  区教育局"),
which ``Document.written`` puts back.
"""
from __future__ import annotations

import re
import unicodedata

from gongwen.pipeline.model import Document, RawDocument

ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")
CELL_SEPARATOR = "\t"


def is_cjk(char: str) -> bool:
    """True for CJK ideographs and the full-width / CJK punctuation that sits between them."""
    code = ord(char)
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0x20000 <= code <= 0x323AF
        or 0xF900 <= code <= 0xFAFF
        or 0x3001 <= code <= 0x303F  # 、。〈〉《》「」『』【】〔〕〇 …
        or 0xFF01 <= code <= 0xFF60  # full-width forms ，：；（）［］
        or 0xFFE0 <= code <= 0xFFEE
        or 0x2010 <= code <= 0x2027  # ‘’“”—…·
        or 0x2460 <= code <= 0x24FF  # ①②
        or 0x25A0 <= code <= 0x26FF  # ★○□
        or code == 0x00B7
    )


def is_blank(char: str) -> bool:
    return char.isspace() or unicodedata.category(char) in ("Zs", "Cc")


# Every character ``is_blank`` is true of (a test checks the class against it over all of Unicode),
# and the zero-width ones: found by one regex search instead of a Unicode lookup per character.
_BLANKS = "\x00-\x20\x7f-\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_SPECIAL_RUN = re.compile(f"[{_BLANKS}{''.join(sorted(ZERO_WIDTH))}]+")


def normalize_block(text: str, base: int, keep_tabs: bool) -> tuple[str, list[int], int, list[int]]:
    """Normalize one block. Returns the text, per character its offset in the original, the
    original offset just after the last character kept (where a span ending the block ends), and
    the offsets in the returned text where blanks between two CJK characters were dropped."""
    parts: list[str] = []
    origins: list[int] = []
    gaps: list[int] = []
    pending_blank: int | None = None  # original offset where the current blank run starts
    pending_tab = False
    kept = 0  # characters kept so far
    position = 0
    for run in [*_SPECIAL_RUN.finditer(text), None]:
        run_start, run_end = run.span() if run else (len(text), len(text))
        if run_start > position:  # characters kept as they are
            if pending_blank is not None and kept:
                if pending_tab:
                    parts.append(CELL_SEPARATOR)
                    origins.append(base + pending_blank)
                    kept += 1
                elif not (is_cjk(parts[-1][-1]) and is_cjk(text[position])):
                    parts.append(" ")
                    origins.append(base + pending_blank)
                    kept += 1
                else:
                    gaps.append(kept)
            pending_blank, pending_tab = None, False
            parts.append(text[position:run_start])
            origins.extend(range(base + position, base + run_start))
            kept += run_start - position
        for index in range(run_start, run_end):
            char = text[index]
            if char in ZERO_WIDTH:
                continue
            if keep_tabs and char == CELL_SEPARATOR:
                pending_tab = True
            if pending_blank is None:
                pending_blank = index
        position = run_end
    return "".join(parts), origins, origins[-1] + 1 if origins else base, gaps


def normalize(raw: RawDocument) -> Document:
    original = "\n".join(block.text for block in raw.blocks)
    parts: list[str] = []
    offset_map: list[int] = []
    block_spans: list[tuple[int, int]] = []
    blank_gaps: list[int] = []
    position = 0  # in the normalized text
    base = 0  # in the original text
    block_end = 0  # original offset just after the last kept character of the previous block
    for number, block in enumerate(raw.blocks):
        if number:
            # The separator maps to where the previous block's kept text ends, so a span that
            # ends a line maps back without the line's trailing blanks.
            parts.append("\n")
            offset_map.append(block_end)
            position += 1
        text, origins, block_end, gaps = normalize_block(block.text, base, keep_tabs=block.kind == "table_row")
        blank_gaps.extend(position + gap for gap in gaps)
        parts.append(text)
        offset_map.extend(origins)
        block_spans.append((position, position + len(text)))
        position += len(text)
        base += len(block.text) + 1
    offset_map.append(block_end if raw.blocks else 0)
    return Document(
        raw=raw,
        text="".join(parts),
        original=original,
        offset_map=tuple(offset_map),
        block_spans=tuple(block_spans),
        blank_gaps=tuple(blank_gaps),
    )
