"""The characters a PDF page draws at given origins, read with pdfminer's interpreter.

Only the asked page is interpreted, and only the characters near the asked origins are built (with
pdfplumber's placing: top and bottom measured down from the MediaBox's top); every other character
costs one advance. Imported by the PDF reader only when a page has a glyph pdfium's text page dropped.
"""
from __future__ import annotations

import io

from pdfminer.layout import LTChar
from pdfminer.pdfdevice import PDFTextDevice
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdffont import PDFUnicodeNotDefined


class PageChars:
    """One parsed file: the characters drawn near given origins of any of its pages."""

    def __init__(self, data: bytes):
        self._resources = PDFResourceManager()
        self._pages = list(PDFPage.create_pages(PDFDocument(PDFParser(io.BytesIO(data)))))

    def near(self, number: int, origins: list[tuple[float, float]], tolerance: float) -> list[dict]:
        """The characters of page ``number`` whose origin is closer than ``tolerance`` (x and y
        distances summed) to one of ``origins``: their origin (``x``, ``y``), text, size and box."""
        page = self._pages[number - 1]
        device = _OriginDevice(self._resources, page, origins, tolerance)
        PDFPageInterpreter(self._resources, device).process_page(page)
        return device.chars


class _OriginDevice(PDFTextDevice):
    def __init__(self, resources: PDFResourceManager, page: PDFPage, origins: list[tuple[float, float]],
                 tolerance: float):
        super().__init__(resources)
        self._origins = origins
        self._tolerance = tolerance
        self.chars: list[dict] = []
        x0, x1 = sorted(page.mediabox[0::2])
        y0, y1 = sorted(page.mediabox[1::2])
        if page.rotate % 360 in (90, 270):
            x0, y0, x1, y1 = y0, x0, y1, x1
        self._left, self._foot, self._height = x0, y0, y1 - y0

    def render_char(self, matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate) -> float:
        x, y = matrix[4], matrix[5]
        if not any(abs(x - ox) + abs(y - oy) < self._tolerance for ox, oy in self._origins):
            return font.char_width(cid) * fontsize * scaling
        try:
            text = font.to_unichr(cid)
        except PDFUnicodeNotDefined:
            text = f"(cid:{cid})"
        char = LTChar(matrix, font, fontsize, scaling, rise, text, font.char_width(cid), font.char_disp(cid),
                      ncs, graphicstate)
        self.chars.append({"x": x, "y": y, "text": text, "size": char.size,
                           "x0": char.x0 + self._left, "x1": char.x1 + self._left,
                           "top": self._height - char.y1 - self._foot, "bottom": self._height - char.y0 - self._foot})
        return char.adv
