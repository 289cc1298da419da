"""OCR: the text of scanned pages, read by RapidOCR (PP-OCRv4 models run by onnxruntime).

The models ship inside the ``rapidocr-onnxruntime`` wheel; nothing is downloaded, ever. The engine
is imported and loaded on the first scanned page a process meets, then kept for the process's
life: a run without scans never pays for onnxruntime or OpenCV.

A page goes through three steps:

1. Seals are taken off the page. Red ink that forms a roughly round shape of at least two text
   lines' height (an organ's seal stamped over the 署名 and date) is painted white with all red
   inside it, so its ring of characters does not enter the reading order and the black text under
   it is read on its own.
   Red ink in a wide shape (the red 版头 "××文件" and the red rule under it) is kept.
2. The recogniser (no angle classifier: see ``_engine``) returns boxes of text with a confidence
   each; its known confusions are repaired (``repair``). Boxes that overlap vertically by half the
   smaller height form one line, read left to right; a gap between two boxes of a line (文号 …
   签发人) becomes a full-width space.
3. Lines carry their geometry (left, right, top, bottom, font size) in the caller's unit and their
   confidence, so ``layout.paragraphs`` joins them into paragraphs as it does for PDF text: by
   indentation, lines that stop short, vertical gaps; a lone centred line is marked centred.
"""
from __future__ import annotations

import functools
import re
import statistics
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from gongwen.extractors.readers.layout import Line

if TYPE_CHECKING:
    import numpy as np

ENGINE = "rapidocr-onnxruntime"
RENDER_DPI = 300  # PDF pages without a text layer are rendered at this resolution for OCR

_SAME_LINE_OVERLAP = 0.5
_WORD_GAP_EMS = 0.6  # a gap wider than this between two boxes of a line is kept as a full-width space
_BOX_TO_FONT_SIZE = 0.93  # a recognised box of Chinese text is a little shorter than the font size
_SAME_SIZE = 0.12  # font sizes this close to the page's usual size are the usual size …
_SAME_SIZE_BY_HEIGHT = 0.35  # … or this close, for a short line measured by its height (boxes of two or three
# characters come back up to a third taller than those of a full line)
_MEASURABLE_CHARS = 6  # a line with fewer characters gives its font size by its height, not its width
# The recogniser often answers ASCII punctuation for the full-width marks of Chinese text.
_FULL_WIDTH = str.maketrans("(),:;?!", "（），：；？！")
# A year in 六角括号 whose other bracket came back as another shape (〔2024】, [2024〕): the
# recogniser confuses 〕 with 】 ] ）; a real document mixes two kinds of bracket around a year far
# more rarely. Both brackets misread ([2024]) stay as read: that is the mistake a 文号 check exists for.
_HALF_READ_YEAR = re.compile(r"〔(\d{4})[\]】」）)]|[\[【（(](\d{4})〕")
_HALF_WIDTH_MARK = re.compile(r"(?<=[\u3400-\u9fff])[(),:;?!]|[(),:;?!](?=[\u3400-\u9fff])")
_SEAL_MIN_LINES = 2.0  # a seal is at least this many text lines tall
_SEAL_ASPECT = (0.6, 1.7)  # width / height of a seal's shape


@dataclass(frozen=True)
class _Box:
    text: str
    score: float
    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def height(self) -> float:
        return self.bottom - self.top


def engine_name() -> str:
    """What ``RawDocument.meta["ocr_engine"]`` records: the engine and its version."""
    from importlib import metadata  # ~20 ms: imported by the few documents that need OCR, not by every start

    return f"{ENGINE} {metadata.version(ENGINE)}"


@functools.cache
def _engine():
    from rapidocr_onnxruntime import RapidOCR

    # One thread per process: batch runs one process per core already. Lines are recognised one at
    # a time: batches pad every line to the widest, which here was both 3x slower and less accurate.
    # No angle classifier: scanned lines are upright, and it turned some upright lines (with “ ”)
    # upside down into garbage.
    return RapidOCR(intra_op_num_threads=1, inter_op_num_threads=1, rec_batch_num=1, use_cls=False)


def read_page(rgb: np.ndarray, page: int, unit: float = 1.0) -> list[Line]:
    """The lines of one page image (height × width × 3, RGB), top to bottom.

    ``unit`` converts pixels to the caller's geometry unit (72 / dpi gives PDF points)."""
    boxes = _recognise(remove_seals(rgb))
    return _lines(boxes, page, unit)


def remove_seals(rgb: np.ndarray) -> np.ndarray:
    """A copy of the page with the red ink of round seals painted white."""
    import cv2
    import numpy as np

    signed = rgb.astype(np.int16)
    red, green, blue = signed[..., 0], signed[..., 1], signed[..., 2]
    # Red and the pale pink of its anti-aliased edges; dark red is black text under the seal: kept.
    red_ink = ((red > 80) & (red - np.maximum(green, blue) > 20)).astype(np.uint8)
    if not red_ink.any():
        return rgb
    line_height = max(8, rgb.shape[0] // 60)  # a text line on an A4 page is about 1/60 of its height
    joined = cv2.dilate(red_ink, np.ones((line_height // 2, line_height // 2), np.uint8))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    cleaned = rgb.copy()
    for label in range(1, count):
        left, top, width, height = (stats[label, index] for index in
                                    (cv2.CC_STAT_LEFT, cv2.CC_STAT_TOP, cv2.CC_STAT_WIDTH, cv2.CC_STAT_HEIGHT))
        if height >= _SEAL_MIN_LINES * line_height and _SEAL_ASPECT[0] <= width / height <= _SEAL_ASPECT[1]:
            # Everything red inside the ring belongs to the seal: its name, its star.
            region = (slice(top, top + height), slice(left, left + width))
            cleaned[region][red_ink[region] == 1] = 255
    return cleaned


def _recognise(rgb: np.ndarray) -> list[_Box]:
    import numpy as np

    bgr = np.ascontiguousarray(rgb[..., ::-1])
    result, _ = _engine()(bgr)
    boxes = []
    for points, text, score in result or ():
        text = repair(text.strip())
        if not text:
            continue
        xs = [point[0] for point in points]
        ys = [point[1] for point in points]
        boxes.append(_Box(text, float(score), min(xs), max(xs), min(ys), max(ys)))
    return boxes


def repair(text: str) -> str:
    """Undo the recogniser's known confusions: ASCII marks beside Chinese characters, and a year's
    六角括号 half read as another bracket."""
    text = _HALF_WIDTH_MARK.sub(lambda match: match.group().translate(_FULL_WIDTH), text)
    text = _HALF_READ_YEAR.sub(lambda match: f"〔{match.group(1) or match.group(2)}〕", text)
    return _close_like_opened(text)


def _close_like_opened(text: str) -> str:
    """A ) that closes a （ is a ）: "（见附件1)" has a digit, not a Chinese character, before it."""
    chars, opened = list(text), []
    for index, char in enumerate(chars):
        if char in "（(":
            opened.append(char)
        elif char in "）)" and opened and opened.pop() == "（":
            chars[index] = "）"
    return "".join(chars)


def _lines(boxes: list[_Box], page: int, unit: float) -> list[Line]:
    rows: list[list[_Box]] = []
    for box in sorted(boxes, key=lambda box: (box.top + box.bottom) / 2):
        row = rows[-1] if rows else None
        if row is not None and _overlap(row, box) >= _SAME_LINE_OVERLAP * min(box.height, _row_height(row)):
            row.append(box)
        else:
            rows.append([box])
    if not rows:
        return []
    for row in rows:
        row.sort(key=lambda box: box.x0)
    sizes = [_font_size(row) for row in rows]
    # Estimates vary a little with the glyphs (digits, a closing comma): body lines share one size.
    typical = statistics.median(sizes)
    sizes = [typical if abs(size - typical) <= typical * (_SAME_SIZE if _ems_of(row) >= _MEASURABLE_CHARS
                                                           else _SAME_SIZE_BY_HEIGHT) else size
             for row, size in zip(rows, sizes)]
    lines = []
    for row, size in zip(rows, sizes):
        text = row[0].text
        for before, box in zip(row, row[1:]):
            text += ("\u3000" if box.x0 - before.x1 > _WORD_GAP_EMS * size else _join(before.text, box.text)) + box.text
        lines.append(Line(
            text=text, page=page, x0=row[0].x0 * unit, x1=row[-1].x1 * unit, size=round(size * unit, 1),
            top=min(box.top for box in row) * unit, bottom=max(box.bottom for box in row) * unit,
            confidence=round(min(box.score for box in row), 3),
        ))
    return lines


def _font_size(row: list[_Box]) -> float:
    """In pixels: from the width of the characters (a CJK character is one em, others half), or
    from the height where a line has too few characters to measure."""
    chars = _ems_of(row)
    if chars < _MEASURABLE_CHARS:
        return statistics.median(box.height for box in row) / _BOX_TO_FONT_SIZE
    return sum(box.x1 - box.x0 for box in row) / chars


def _ems_of(row: list[_Box]) -> float:
    return sum(1.0 if unicodedata.east_asian_width(char) in "WF" else 0.5
               for box in row for char in box.text if not char.isspace())


def _row_height(row: list[_Box]) -> float:
    return max(box.bottom for box in row) - min(box.top for box in row)


def _overlap(row: list[_Box], box: _Box) -> float:
    return min(box.bottom, max(b.bottom for b in row)) - max(box.top, min(b.top for b in row))


def _join(before: str, after: str) -> str:
    return " " if before[-1].isascii() and before[-1].isalnum() and after[0].isascii() and after[0].isalnum() else ""
