"""The characters a PDF page draws at given origins, read with pdfminer's interpreter.

Only the asked page is interpreted (the page tree is walked only as far as that page), and only the
characters at the asked origins are built (with pdfplumber's placing: top and bottom measured down
from the MediaBox's top); every other character costs one advance and one look-up in a grid of the
origins. The interpreter stops as soon as every origin has its glyph drawn at the very same place:
most of a page's content stream is never tokenised when its dropped glyphs come early. Imported by
the PDF reader only when a page has a glyph pdfium's text page dropped.
"""
from __future__ import annotations

import io
import math

from pdfminer.layout import LTChar
from pdfminer.pdfdevice import PDFTextDevice
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdffont import PDFUnicodeNotDefined

# Points: a character this close to an origin is the glyph drawn there; another glyph drawn later
# even closer would be the same glyph printed again, so reading can stop.
_SAME_PLACE = 0.01


class PageChars:
    """One parsed file: the character drawn at each of given origins of any of its pages."""

    def __init__(self, data: bytes):
        self._resources = PDFResourceManager()
        self._page_tree = PDFPage.create_pages(PDFDocument(PDFParser(io.BytesIO(data))))
        self._pages: list[PDFPage] = []

    def at(self, number: int, origins: list[tuple[float, float]], tolerance: float) -> list[dict | None]:
        """For each of ``origins`` the character of page ``number`` whose origin is nearest to it and
        closer than ``tolerance`` (x and y distances summed; the first drawn of equally near ones):
        its origin (``x``, ``y``), text, size and box; None where no character is that close."""
        page = self._page(number)
        device = _OriginDevice(self._resources, page, origins, tolerance)
        try:
            PDFPageInterpreter(self._resources, device).process_page(page)
        except _EveryOriginFound:
            pass
        return device.found

    def _page(self, number: int) -> PDFPage:
        while len(self._pages) < number:
            page = next(self._page_tree, None)
            if page is None:
                raise IndexError(f"the file has no page {number}")
            self._pages.append(page)
        return self._pages[number - 1]


class _EveryOriginFound(Exception):
    pass


class _OriginDevice(PDFTextDevice):
    def __init__(self, resources: PDFResourceManager, page: PDFPage, origins: list[tuple[float, float]],
                 tolerance: float):
        super().__init__(resources)
        self._origins = origins
        self._tolerance = tolerance
        self._grid: dict[tuple[int, int], list[int]] = {}  # cells of one tolerance's side: origin indices
        for index, (x, y) in enumerate(origins):
            self._grid.setdefault(self._cell(x, y), []).append(index)
        self.found: list[dict | None] = [None] * len(origins)
        self._distances = [math.inf] * len(origins)
        self._unsettled = len(origins)  # origins without a glyph drawn at the very same place yet
        x0, x1 = sorted(page.mediabox[0::2])
        y0, y1 = sorted(page.mediabox[1::2])
        if page.rotate % 360 in (90, 270):
            x0, y0, x1, y1 = y0, x0, y1, x1
        self._left, self._foot, self._height = x0, y0, y1 - y0

    def _cell(self, x: float, y: float) -> tuple[int, int]:
        return math.floor(x / self._tolerance), math.floor(y / self._tolerance)

    def _near(self, x: float, y: float) -> list[tuple[float, int]]:
        """(distance, index) of the origins closer than the tolerance to (x, y): they lie in the
        3 × 3 cells around its own."""
        column, row = self._cell(x, y)
        near = []
        for cell in ((column + dx, row + dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1)):
            for index in self._grid.get(cell, ()):
                ox, oy = self._origins[index]
                distance = abs(x - ox) + abs(y - oy)
                if distance < self._tolerance:
                    near.append((distance, index))
        return near

    def render_char(self, matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate) -> float:
        x, y = matrix[4], matrix[5]
        near = [(distance, index) for distance, index in self._near(x, y) if distance < self._distances[index]]
        if not near:
            return font.char_width(cid) * fontsize * scaling
        try:
            text = font.to_unichr(cid)
        except PDFUnicodeNotDefined:
            text = f"(cid:{cid})"
        char = LTChar(matrix, font, fontsize, scaling, rise, text, font.char_width(cid), font.char_disp(cid),
                      ncs, graphicstate)
        found = {"x": x, "y": y, "text": text, "size": char.size,
                 "x0": char.x0 + self._left, "x1": char.x1 + self._left,
                 "top": self._height - char.y1 - self._foot, "bottom": self._height - char.y0 - self._foot}
        for distance, index in near:
            if distance < _SAME_PLACE <= self._distances[index]:
                self._unsettled -= 1
            self.found[index], self._distances[index] = found, distance
        if not self._unsettled:
            raise _EveryOriginFound
        return char.adv
