"""From laid-out lines (PDF, OFD) back to paragraphs.

Page layout wraps a paragraph into lines; a reviewer needs the paragraphs back, with no spaces
inserted between Chinese characters. A line continues the previous one unless one of these says
a new paragraph starts:

* the previous line ends a sentence or a lead-in (。！？：；」 …) or is a date line;
* the line starts like a new paragraph: an item number (一、 （一） 1. （1） ① 第一条),
  a date line, or indentation (leading spaces, or with geometry its left edge one em or more
  right of the text area's left edge);
* with geometry: the previous line stops short of the right edge of the text area (titles,
  signatures, dates, the last line of a paragraph), or the font size changes; a line reaches the
  edge if it does as placed or if its characters, each one em wide, would (narrow digits);
* with vertical geometry (OCR lines): a blank line above it (a gap of almost two lines' height).

When a page indents its paragraphs' first lines, indentation is the surer sign: a full line that
happens to end with 。 is followed by a non-indented line only inside a paragraph, so it continues.

A page-number line (— 1 —, -2-, 第 3 页) at the bottom or top of a page becomes a ``footer`` block,
so a paragraph that runs over a page break is joined across it. A joined paragraph keeps the
page it starts on.
"""
from __future__ import annotations

import re
import statistics
import unicodedata
from collections import Counter
from dataclasses import dataclass

from gongwen.extractors.knowledge.dates import parse_date
from gongwen.extractors.knowledge.page_furniture import is_page_number
from gongwen.pipeline.model import Anchor, Block, BlockStyle

_SENTENCE_END = frozenset("。！？：；」』!?;:")
_CLOSING_QUOTES = frozenset("”’）)》")
_DATE_UNITS = frozenset("年月日")
_NEW_PARAGRAPH = re.compile(
    r"^(?:[一二三四五六七八九十百]+、"
    r"|[（(][一二三四五六七八九十百]+[）)]"
    r"|\d{1,3}[.．、](?!\d)"
    r"|[（(]\d{1,3}[）)]"
    r"|[①-⑳]"
    r"|第[一二三四五六七八九十百零〇\d]+[章节条款部分]"
    r"|(?:附件|抄送|主送|签发人)[：:\d])"
)
_BLANK_LINE_GAP = 1.8  # in line heights; wide line spacing (公文: 28 pt for 16 pt type) leaves about one
_INDENT = re.compile(r"^(?:\u3000|\s{2,})")
_WHITESPACE = " \t\u3000\u00a0"
_COMPATIBILITY_IDEOGRAPH = re.compile("[\uf900-\ufaff\U0002f800-\U0002fa1f\u2f00-\u2fdf]")


@dataclass(frozen=True)
class Line:
    """One laid-out line. Geometry (x0, x1, size) shares one unit per document; None if unknown."""

    text: str
    page: int
    x0: float | None = None
    x1: float | None = None
    size: float | None = None
    bold: bool | None = None
    top: float | None = None  # vertical extent on the page, where known (OCR); grows downwards
    bottom: float | None = None
    confidence: float | None = None  # OCR only: the recogniser's confidence in the line's text
    # (left, top, right, bottom) in points from the page's top-left corner, where the reader knows
    # it in points (PDF text layer); OCR lines give it through x0, top, x1, bottom
    box: tuple[float, float, float, float] | None = None


def fold_compatibility_ideographs(text: str) -> str:
    """NFKC only for CJK compatibility ideographs and Kangxi radicals, which some PDF and OFD
    producers emit instead of the unified ideograph (⽂ for 文). Full-width punctuation and
    letters stay as written: later format checks must see them."""
    return _COMPATIBILITY_IDEOGRAPH.sub(lambda match: unicodedata.normalize("NFKC", match.group()), text)


def paragraphs(lines: list[Line]) -> list[Block]:
    """Blocks in reading order: paragraphs joined from ``lines``, page numbers as footers."""
    body, page_numbers = _split_page_numbers(lines)
    area = _TextArea.of(body)
    blocks: list[Block] = []
    current: list[Line] = []
    for line in body:
        if current and not _continues(current[-1], line, area):
            blocks.append(_block(current, area))
            current = []
        current.append(line)
    if current:
        blocks.append(_block(current, area))
    for number in page_numbers:  # after the paragraphs of its page, before those of the next
        position = next((index for index, block in enumerate(blocks) if (block.page or 0) > number.page),
                        len(blocks))
        blocks.insert(position, Block(kind="footer", text=number.text, page=number.page,
                                       confidence=number.confidence, anchor=_anchor([number])))
    return blocks


def _split_page_numbers(lines: list[Line]) -> tuple[list[Line], list[Line]]:
    by_page: dict[int, list[Line]] = {}
    for line in lines:
        by_page.setdefault(line.page, []).append(line)
    numbers = []
    for page_lines in by_page.values():
        for candidate in {id(page_lines[0]): page_lines[0], id(page_lines[-1]): page_lines[-1]}.values():
            if len(page_lines) > 1 and is_page_number(candidate.text.strip(_WHITESPACE), bare=True):
                numbers.append(candidate)
    number_ids = {id(line) for line in numbers}
    return [line for line in lines if id(line) not in number_ids], numbers


def _right_margin(rights: list[float]) -> float:
    """Where full lines end: the commonest right edge among the longer lines. Not the rightmost
    edge: a PDF whose font the viewer substitutes places digits and Latin letters with other widths
    than the writer wrapped them with, so a few lines overshoot the margin the others share."""
    median = statistics.median(rights)
    longer = sorted(round(right) for right in rights if right >= median)
    common, count = Counter(longer).most_common(1)[0]
    return float(common) if count > 1 else max(rights)


@dataclass(frozen=True)
class _TextArea:
    left: float | None
    right: float | None
    em: float | None
    indented_pages: frozenset[int]

    @classmethod
    def of(cls, lines: list[Line]) -> _TextArea:
        placed = [line for line in lines if line.x0 is not None and line.x1 is not None]
        if not placed:
            return cls(None, None, None, frozenset())
        sizes = [line.size for line in placed if line.size]
        em = statistics.median(sizes) if sizes else (max(line.x1 for line in placed) - min(line.x0 for line in placed)) / 30
        left = min(line.x0 for line in placed)
        right = _right_margin([line.x1 for line in placed])
        indented = frozenset(line.page for line in placed if 1.5 * em <= line.x0 - left <= 3 * em)
        return cls(left, right, em, indented)

    def indented(self, line: Line) -> bool:
        return self.left is not None and line.x0 is not None and line.x0 - self.left >= 0.9 * self._em(line)

    def full(self, line: Line) -> bool:
        """The line reaches the right margin, as placed or with each of its characters one em wide.
        The second: a writer that wrapped digits and Latin letters as wide as a Chinese character
        leaves a line of narrower glyphs short of the margin (「联系电话：0353-204116」 /
        「3）」, 「签发人：薛」 / 「宁」)."""
        if self.right is None or line.x1 is None:
            return False
        em = self._em(line)
        set_solid = line.x0 + len(line.text.strip(_WHITESPACE)) * em if line.x0 is not None else line.x1
        return max(line.x1, set_solid) >= self.right - 1.5 * em

    def right_aligned(self, line: Line) -> bool:
        """A short line set against the right margin (「签发人：扈海龙」 above a flush-left 发文字号):
        it starts further in than a paragraph's indent, so no paragraph runs on from it."""
        return self.left is not None and line.x0 is not None and line.x0 - self.left > 3.5 * self._em(line)

    def _em(self, line: Line) -> float:
        return line.size or self.em or 0.0


def _continues(previous: Line, line: Line, area: _TextArea) -> bool:
    text = line.text.strip(_WHITESPACE)
    if _INDENT.match(line.text) or _NEW_PARAGRAPH.match(text) or parse_date(text):
        return False
    previous_text = previous.text.strip(_WHITESPACE)
    if parse_date(previous_text):
        return False
    if previous_text[-1:].isdigit() and text[:1] in _DATE_UNITS and previous.page == line.page:
        return True  # a date the line width broke: 「…办公室 2024年8」 / 「月15日印发」
    has_geometry = area.left is not None and previous.x1 is not None and line.x0 is not None
    if not has_geometry:
        return not _ends_sentence(previous_text)
    if previous.size and line.size and abs(previous.size - line.size) > 0.1 * max(previous.size, line.size):
        return False
    if _blank_line_between(previous, line):
        return False
    if not area.full(previous) or area.indented(line) or area.right_aligned(previous):
        return False
    if _ends_sentence(previous_text):
        # A full line ending a sentence, followed by a flush-left line: inside a paragraph only
        # when that page marks new paragraphs by indenting them.
        return line.page in area.indented_pages
    return True


def _blank_line_between(previous: Line, line: Line) -> bool:
    if previous.page != line.page or None in (previous.top, previous.bottom, line.top, line.bottom):
        return False
    return line.top - previous.bottom > _BLANK_LINE_GAP * (line.bottom - line.top)


def _ends_sentence(text: str) -> bool:
    if not text:
        return True
    last = text[-1]
    if last in _CLOSING_QUOTES and len(text) > 1:
        last = text[-2]
    return last in _SENTENCE_END


def _block(lines: list[Line], area: _TextArea) -> Block:
    text = lines[0].text.strip(_WHITESPACE)
    for line in lines[1:]:
        following = line.text.strip(_WHITESPACE)
        # Only wrapped Latin words need a space back; Chinese lines and a wrapped digit run join directly.
        separator = " " if text and following and text[-1].isascii() and text[-1].isalnum() \
            and following[0].isascii() and following[0].isalnum() \
            and not (text[-1].isdigit() and following[0].isdigit()) else ""
        text += separator + following
    first = lines[0]
    confidences = [line.confidence for line in lines if line.confidence is not None]
    return Block(kind="para", text=text, page=first.page,
                 style=BlockStyle(alignment=_alignment(lines, area), bold=first.bold, font_size=first.size),
                 confidence=min(confidences) if confidences else None, anchor=_anchor(lines))


def _anchor(lines: list[Line]) -> Anchor | None:
    """The page and box of each page the lines lie on (``Anchor.boxes``); None without geometry."""
    boxes: dict[int, tuple[float, float, float, float]] = {}
    for line in lines:
        box = line.box
        if box is None and None not in (line.x0, line.top, line.x1, line.bottom):
            box = (line.x0, line.top, line.x1, line.bottom)
        if box is None:
            return None
        known = boxes.get(line.page)
        boxes[line.page] = box if known is None else (
            min(known[0], box[0]), min(known[1], box[1]), max(known[2], box[2]), max(known[3], box[3]))
    return Anchor("page", boxes=tuple((page, *box) for page, box in boxes.items()))


def _alignment(lines: list[Line], area: _TextArea) -> str | None:
    if area.left is None or len(lines) > 1 or lines[0].x0 is None or lines[0].x1 is None:
        return None if area.left is None else ("justify" if len(lines) > 1 else "left")
    line, em = lines[0], lines[0].size or area.em or 0.0
    left_gap, right_gap = line.x0 - area.left, area.right - line.x1
    if left_gap > 2 * em and abs(left_gap - right_gap) <= em:
        return "center"
    if left_gap > 4 * em and right_gap < left_gap / 2:
        return "right"
    return "left"
