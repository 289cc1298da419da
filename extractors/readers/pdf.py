"""PDF reader: the text layer through pypdfium2 (about 2 ms a page), lines joined by ``layout``.

pdfium gives each page's text in content order with line breaks; the first and last character
box and the font size of each line are the only geometry asked for, which keeps it fast. The boxes
also give each block its anchor: the page and box it was read from (``Block.anchor``).

pdfium's text page leaves out a text object whose box has no width, and a single glyph of a font
without glyph boxes (a CJK font the file names but does not embed, such as STSong-Light) has none:
the last character of a title or a name wrapped onto a line of its own (「…的请」 / 「示」) is
missing from pdfium's text. Such objects are read with pdfminer's interpreter (``pdf_glyphs``), on the
pages that have them only, building only the characters at their origins.

A page has no usable text layer when it is a picture with at most a caption: fewer than
``_CAPTION_CHARS`` characters on a page that images cover for at least half (a scan, a map
attachment with its title). Such a page is rendered and read by OCR instead (``ocr``), the rest of
the file keeps its text layer; ``meta`` then says which pages were OCR'd.
"""
from __future__ import annotations

import ctypes
import io
import math
import re
from pathlib import Path

from gongwen.extractors.readers import ocr
from gongwen.extractors.readers.guard import ReadLimits
from gongwen.extractors.readers.layout import Line, fold_compatibility_ideographs, paragraphs
from gongwen.pipeline.errors import IngestError
from gongwen.pipeline.model import RawDocument

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_CAPTION_CHARS = 60
_IMAGE_COVER = 0.5
_WHITESPACE = " \t\u3000\u00a0"
_NO_WIDTH = 0.01  # pdfium's text page skips a text object narrower than this
_ORIGIN_TOLERANCE = 0.5  # points between pdfium's and pdfminer's placing of one glyph
_OVERPRINT = 1.5  # points: a glyph drawn again this close is a simulated bold
_MAX_RENDER_PIXELS = 40_000_000  # an oversized page is rendered below ocr.RENDER_DPI rather than at any cost


def read_pdf(path: Path, data: bytes, limits: ReadLimits) -> RawDocument:
    import pypdfium2
    import pypdfium2.raw as pdfium_c

    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as error:
        if getattr(error, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD:
            raise IngestError("encrypted", path) from None
        raise IngestError("corrupt-file", path, reason=f"PDF 结构无效（{error}）") from None
    glyph_reader = _GlyphReader(document, data)
    try:
        lines: list[Line] = []
        picture_pages: list[int] = []
        for number in range(1, len(document) + 1):
            page = document[number - 1]
            page_lines = _page_lines(page, number, pdfium_c, glyph_reader)
            if sum(len(line.text.strip(_WHITESPACE)) for line in page_lines) < _CAPTION_CHARS \
                    and _image_cover(page, pdfium_c) >= _IMAGE_COVER:
                picture_pages.append(number)
                page_lines = _ocr_page(page, number)
            lines.extend(page_lines)
            page.close()
        page_count = len(document)
    except pypdfium2.PdfiumError as error:
        raise IngestError("corrupt-file", path, reason=f"PDF 页面无法解析（{error}）") from None
    finally:
        document.close()
    if page_count == 0 or not lines:
        raise IngestError("no-text", path)
    meta = {"pages": page_count, "picture_pages": len(picture_pages)}
    if picture_pages:
        meta.update(ocr=True, ocr_engine=ocr.engine_name(), ocr_pages=picture_pages)
    return RawDocument(path=str(path), format="pdf", blocks=tuple(paragraphs(lines)), meta=meta)


def _page_lines(page, number: int, pdfium_c, glyph_reader: _GlyphReader) -> list[Line]:
    textpage = page.get_textpage()
    height = page.get_height()
    try:
        text = textpage.get_text_range()
        # Character boxes are addressed by index; they line up with the string only when pdfium
        # returned one code unit per character (no surrogate pairs, no expansions).
        indexed = len(text) == textpage.count_chars()
        boxes = _CharBoxes(textpage.raw, pdfium_c)
        lines = []
        firsts = []  # each line's first character, for the order of the glyphs the text page dropped
        start = 0
        for match in [*_LINE_BREAK.finditer(text), None]:
            end = match.start() if match else len(text)
            raw = text[start:end]
            content = raw.strip(_WHITESPACE)
            if content:
                content = fold_compatibility_ideographs(content)
                if indexed:
                    first = start + len(raw) - len(raw.lstrip(_WHITESPACE))
                    last = start + len(raw.rstrip(_WHITESPACE)) - 1
                    left, right, size, bottom, top = boxes.line(first, last)
                    # pdfium counts y upwards from the page's foot, the anchor's box downwards.
                    box = (round(left, 1), round(height - top, 1), round(right, 1), round(height - bottom, 1))
                    lines.append(Line(text=content, page=number, x0=left, x1=right, size=round(size, 1) or None,
                                      box=box))
                    firsts.append(first)
                else:
                    lines.append(Line(text=content, page=number))
            if match:
                start = match.end()
        if indexed:
            lines = _with_dropped_glyphs(page, textpage, number, lines, firsts, pdfium_c, glyph_reader)
        return lines
    finally:
        textpage.close()


class _CharBoxes:
    """Geometry of a text page's characters through pdfium's C calls, with one set of ctypes
    buffers for the page (the pypdfium2 helpers allocate them on every call)."""

    def __init__(self, textpage, pdfium_c):
        self._textpage = textpage
        self._c = pdfium_c
        self._left, self._right, self._bottom, self._top = (ctypes.c_double() for _ in range(4))
        self._loose = pdfium_c.FS_RECTF()

    def line(self, first: int, last: int) -> tuple[float, float, float, float, float]:
        """Left edge of character ``first``, right edge of ``last``, and the font size and the
        bottom and top of ``first``: its height from the font's bounds (the tight box of a CJK
        glyph may have none)."""
        c, textpage = self._c, self._textpage
        found = c.FPDFText_GetCharBox(textpage, last, self._left, self._right, self._bottom, self._top)
        right = self._right.value
        found = found and c.FPDFText_GetCharBox(textpage, first, self._left, self._right, self._bottom, self._top) \
            and c.FPDFText_GetLooseCharBox(textpage, first, self._loose)
        if not found:
            import pypdfium2

            raise pypdfium2.PdfiumError(f"Failed to get the boxes of characters {first} to {last}.")
        return (self._left.value, right, c.FPDFText_GetFontSize(textpage, first), self._loose.bottom,
                self._loose.top)


def _address(pointer) -> int | None:
    return ctypes.cast(pointer, ctypes.c_void_p).value


def _with_dropped_glyphs(page, textpage, number: int, lines: list[Line], firsts: list[int], pdfium_c,
                         glyph_reader: _GlyphReader) -> list[Line]:
    """``lines`` (each starting at character ``firsts[i]``) with the text objects pdfium's text page
    left out (a box of no width) put back as lines of their own, in content order."""
    placed = list(_text_objects(page.raw, pdfium_c))  # (page object holding it, text object)
    text_objects = [text_object for _, text_object in placed]
    dropped = {}  # position in content order: origin
    holders = set()  # the page objects that are or hold a dropped text object
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    for index, (holder, text_object) in enumerate(placed):
        pdfium_c.FPDFPageObj_GetBounds(text_object, left, bottom, right, top)
        if right.value - left.value < _NO_WIDTH:
            dropped[index] = (left.value, bottom.value)
            holders.add(holder)
    if not dropped:
        return lines
    position = {_address(text_object): index for index, text_object in enumerate(text_objects)}
    line_objects = [_address(pdfium_c.FPDFText_GetTextObject(textpage.raw, first)) for first in firsts]
    keyed = [(position.get(address, len(text_objects)), index, line)
             for index, (address, line) in enumerate(zip(line_objects, lines))]
    # a glyph printed twice a fraction of a point apart (simulated bold) is one character: the left
    # edges of the glyphs recovered, by text, top and a stretch of _OVERPRINT points
    printed: dict[tuple[str, float, int], list[float]] = {}
    for index, glyph in zip(dropped, glyph_reader.glyphs_at(number, list(dropped.values()), holders)):
        if glyph is None:
            continue
        stretch = math.floor(glyph.x0 / _OVERPRINT)
        if not any(abs(known - glyph.x0) < _OVERPRINT for near in (stretch - 1, stretch, stretch + 1)
                   for known in printed.get((glyph.text, glyph.box[1], near), ())):
            printed.setdefault((glyph.text, glyph.box[1], stretch), []).append(glyph.x0)
            keyed.append((index, -1, glyph))
    return [line for _, _, line in sorted(keyed, key=lambda item: item[:2])]


def _text_objects(page, pdfium_c):
    """(index of the page object, text object) of each text object of a page, those inside form
    objects too (with the form's index), in content order."""
    for index in range(pdfium_c.FPDFPage_CountObjects(page)):
        page_object = pdfium_c.FPDFPage_GetObject(page, index)
        for text_object in _text_objects_in(page_object, pdfium_c):
            yield index, text_object


def _text_objects_in(page_object, pdfium_c):
    kind = pdfium_c.FPDFPageObj_GetType(page_object)
    if kind == pdfium_c.FPDF_PAGEOBJ_TEXT:
        yield page_object
    elif kind == pdfium_c.FPDF_PAGEOBJ_FORM:
        for index in range(pdfium_c.FPDFFormObj_CountObjects(page_object)):
            yield from _text_objects_in(pdfium_c.FPDFFormObj_GetObject(page_object, index), pdfium_c)


class _GlyphReader:
    """The characters set at given origins of a page (``pdf_glyphs``).

    pdfminer reads first a copy of the page that pdfium made holding only the page objects with the
    dropped glyphs (a few hundred bytes of content instead of the page's): tokenising that is cheap.
    Where the copy does not give every glyph (pdfium could not write an object back, or the glyph is
    a blank), or raises, the page as the file has it is read, the whole file parsed once for all its
    pages."""

    def __init__(self, document, data: bytes):
        self._document = document
        self._data = data
        self._file = None

    def glyphs_at(self, number: int, origins: list[tuple[float, float]], holders: set[int]) -> list[Line | None]:
        """For each (x, baseline) the character set there, as a line of its own; None if there is
        none or it is a blank. ``holders``: the indices of the page objects drawing them."""
        from gongwen.extractors.readers.pdf_glyphs import PageChars

        try:
            chars = PageChars(_page_copy(self._document, number, holders)).at(1, origins, _ORIGIN_TOLERANCE)
        except Exception:  # pdfium's or pdfminer's errors on the copy: the file's own page decides
            chars = [None]
        if None in chars:
            try:
                if self._file is None:
                    self._file = PageChars(self._data)
                chars = self._file.at(number, origins, _ORIGIN_TOLERANCE)
            except Exception:  # pdfminer's many parse errors: the page keeps pdfium's text, as before
                chars = [None] * len(origins)
        return [_glyph_line(number, char) for char in chars]


def _page_copy(document, number: int, keep: set[int]) -> bytes:
    """A one-page PDF: page ``number`` of ``document`` with only the page objects at ``keep``."""
    import pypdfium2
    import pypdfium2.raw as pdfium_c

    copy = pypdfium2.PdfDocument.new()
    try:
        copy.import_pages(document, [number - 1])
        page = copy[0]
        objects = [pdfium_c.FPDFPage_GetObject(page.raw, index)
                   for index in range(pdfium_c.FPDFPage_CountObjects(page.raw))]
        for index, page_object in enumerate(objects):
            if index not in keep:
                pdfium_c.FPDFPage_RemoveObject(page.raw, page_object)
                pdfium_c.FPDFPageObj_Destroy(page_object)
        if not pdfium_c.FPDFPage_GenerateContent(page.raw):
            raise pypdfium2.PdfiumError("Failed to write the page's content.")
        page.close()
        buffer = io.BytesIO()
        copy.save(buffer)
        return buffer.getvalue()
    finally:
        copy.close()


def _glyph_line(number: int, char: dict | None) -> Line | None:
    if char is None or not char["text"].strip(_WHITESPACE):
        return None
    return Line(text=fold_compatibility_ideographs(char["text"]), page=number, x0=char["x0"], x1=char["x1"],
                size=round(char["size"], 1) or None,
                box=(round(char["x0"], 1), round(char["top"], 1), round(char["x1"], 1), round(char["bottom"], 1)))


def _ocr_page(page, number: int) -> list[Line]:
    width, height = page.get_size()
    scale = min(ocr.RENDER_DPI / 72, (_MAX_RENDER_PIXELS / max(width * height, 1.0)) ** 0.5)
    bitmap = page.render(scale=scale, rev_byteorder=True)  # RGB
    try:
        return ocr.read_page(bitmap.to_numpy(), number, 1 / scale)
    finally:
        bitmap.close()


def _image_cover(page, pdfium_c) -> float:
    width, height = page.get_size()
    covered = 0.0
    for image in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2):
        left, bottom, right, top = image.get_bounds()
        covered += max(0.0, min(right, width) - max(left, 0.0)) * max(0.0, min(top, height) - max(bottom, 0.0))
    return covered / (width * height) if width and height else 0.0
