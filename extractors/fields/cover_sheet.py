"""The approval record a draft may carry before the document itself: a 发文稿纸 / 审签单 table in a
.docx (labels in the first column or in a row over the values), or its text form ("发文稿纸", then
one "拟稿：…" line a step, closed by a line of dashes).

Its lines are marked so that the 版头 search passes over them: the form's heading is never the
document's title, and the dates and names of its steps are never the document's. Where a record is
and what it says is the approval reader's knowledge (``approval.record_regions``); this module only
marks the lines of the one that opens the document.
"""
from __future__ import annotations

import re
from dataclasses import replace

from gongwen.extractors.fields.approval import PAGE_FURNITURE, record_regions
from gongwen.extractors.fields.patterns import Line
from gongwen.pipeline.model import Document

__all__ = ["PAGE_FURNITURE", "cover_sheet_end", "mark_cover_sheet"]

CLOSING_RULE = re.compile(r"^[-—－=＝_─━~～·…*＊\s]{3,}$")


def mark_cover_sheet(doc: Document, lines: list[Line]) -> list[Line]:
    """``lines`` with the leading approval record, if any, marked as ``cover_sheet``."""
    end = cover_sheet_end(doc, lines)
    if not end:
        return lines
    return [replace(line, cover_sheet=True) if line.index < end else line for line in lines]


def cover_sheet_end(doc: Document, lines: list[Line]) -> int:
    """Index of the first line after a leading approval record; 0 when the document has none."""
    blocks = doc.raw.blocks
    first = next((line for line in lines
                  if not line.front_matter and blocks[line.block].kind not in PAGE_FURNITURE), None)
    if first is None:
        return 0
    leading = next((region for region in record_regions(blocks) if region.first == first.block), None)
    if leading is None:
        return 0
    end = next((line.index for line in lines if line.block > leading.last), len(lines))
    if end < len(lines) and CLOSING_RULE.match(lines[end].text):
        end += 1
    return end
