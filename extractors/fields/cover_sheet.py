"""The approval record a draft may carry before the document itself: a 发文稿纸 / 审签单 table in a
.docx, or its text form ("发文稿纸", then one "拟稿：…" line a step, closed by a line of dashes).

Its lines are marked so that the 版头 search passes over them: the form's heading is never the
document's title, and the dates and names of its steps are never the document's. Reading the
record's steps is the approval stage's work; this module only tells where the record ends.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from gongwen.extractors.data import yaml_data
from gongwen.extractors.fields.patterns import Line
from gongwen.pipeline.model import Document

FORM_HEADING_MAX_CHARS = 30  # "阳泉市城区人民政府办公室发文稿纸"; a sentence naming a form is longer
TEXT_LABEL = re.compile(r"^(?P<label>[\u4e00-\u9fff][\u4e00-\u9fff\s]{0,11}?)\s*[：:]")
CLOSING_RULE = re.compile(r"^[-—－=＝_─━~～·…*＊\s]{3,}$")
PAGE_FURNITURE = ("header", "footer")


@cache
def record_vocabulary() -> tuple[frozenset[str], frozenset[str], tuple[str, ...]]:
    """(labels naming a step, every label of the form, words a form's heading ends with)."""
    table = yaml_data("approval_labels")
    roles = frozenset(table["labels"]) | frozenset(table["roles"])
    return roles, roles | frozenset(table.get("other_labels", ())), tuple(table["form_titles"])


def compact(text: str) -> str:
    return re.sub(r"\s+", "", text).rstrip("：:")


def is_form_heading(line: Line) -> bool:
    text = compact(line.text)
    return len(text) <= FORM_HEADING_MAX_CHARS and text.endswith(record_vocabulary()[2])


def mark_cover_sheet(doc: Document, lines: list[Line]) -> list[Line]:
    """``lines`` with the leading approval record, if any, marked as ``cover_sheet``."""
    end = cover_sheet_end(doc, lines)
    if not end:
        return lines
    return [replace(line, cover_sheet=True) if line.index < end else line for line in lines]


def cover_sheet_end(doc: Document, lines: list[Line]) -> int:
    """Index of the first line after a leading approval record; 0 when the document has none."""
    first = next((line.index for line in lines
                  if not line.front_matter and doc.raw.blocks[line.block].kind not in PAGE_FURNITURE), len(lines))
    if first == len(lines):
        return 0
    heading = is_form_heading(lines[first]) and doc.raw.blocks[lines[first].block].kind != "table_row"
    start = first + 1 if heading else first
    end = table_record_end(doc, lines, start, heading)
    if end is None:
        end = text_record_end(lines, start, heading)
    return end or 0


def table_record_end(doc: Document, lines: list[Line], start: int, heading: bool) -> int | None:
    """After the tables at ``start`` whose first column names the steps (拟稿, 核稿, 签发 …); the
    table right under the form's heading is the record whatever its labels. Without the heading,
    two steps are needed: a 版头 laid out as a table may hold one "签发人" cell."""
    roles = record_vocabulary()[0]
    index, found = start, False
    while index < len(lines):
        block = doc.raw.blocks[lines[index].block]
        if block.kind != "table_row":
            break
        table_end = index
        while table_end < len(lines) and same_table(doc, lines[table_end], block.table):
            table_end += 1
        rows = [doc.raw.blocks[line.block] for line in lines[index:table_end]]
        steps = sum(1 for row in rows if row.cells and compact(row.cells[0]) in roles)
        if not (heading and index == start) and steps < 2:
            break
        index, found = table_end, True
    return index if found else None


def same_table(doc: Document, line: Line, table: int | None) -> bool:
    block = doc.raw.blocks[line.block]
    return block.kind == "table_row" and block.table == table


def text_record_end(lines: list[Line], start: int, heading: bool) -> int | None:
    """After the "角色：…" lines at ``start`` and the rule that closes them. Without the form's
    heading, two step lines are needed: one "审核：…" line may open a document's text."""
    roles, labels, _ = record_vocabulary()
    index, steps = start, 0
    while index < len(lines):
        label = TEXT_LABEL.match(lines[index].text)
        key = compact(label.group("label")) if label else None
        if key not in labels:
            break
        steps += key in roles
        index += 1
    if steps == 0 or (steps < 2 and not heading):
        return None
    if index < len(lines) and CLOSING_RULE.match(lines[index].text):
        index += 1
    return index
