"""PDF reader: the text layer through pypdfium2 (about 2 ms a page), lines joined by ``layout``.

pdfium gives each page's text in content order with line breaks; the first and last character
box and the font size of each line are the only geometry asked for, which keeps it fast. The boxes
also give each block its anchor: the page and box it was read from (``Block.anchor``).

A page has no usable text layer when it is a picture with at most a caption: fewer than
``_CAPTION_CHARS`` characters on a page that images cover for at least half (a scan, a map
attachment with its title). Such a page is rendered and read by OCR instead (``ocr``), the rest of
the file keeps its text layer; ``meta`` then says which pages were OCR'd.
"""
from __future__ import annotations

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
    try:
        lines: list[Line] = []
        picture_pages: list[int] = []
        for number in range(1, len(document) + 1):
            page = document[number - 1]
            page_lines = _page_lines(page, number, pdfium_c)
            if sum(len(line.text.strip(_WHITESPACE)) for line in page_lines) < _CAPTION_CHARS \
                    and _image_cover(page, pdfium_c) >= _IMAGE_COVER:
                picture_pages.append(number)
                page_lines = _ocr_page(page, number)
            lines.extend(page_lines)
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


def _page_lines(page, number: int, pdfium_c) -> list[Line]:
    textpage = page.get_textpage()
    height = page.get_height()
    try:
        text = textpage.get_text_range()
        # Character boxes are addressed by index; they line up with the string only when pdfium
        # returned one code unit per character (no surrogate pairs, no expansions).
        indexed = len(text) == textpage.count_chars()
        lines = []
        start = 0
        for match in [*_LINE_BREAK.finditer(text), None]:
            end = match.start() if match else len(text)
            raw = text[start:end]
            content = raw.strip(_WHITESPACE)
            if content:
                line = Line(text=fold_compatibility_ideographs(content), page=number)
                if indexed:
                    first = start + len(raw) - len(raw.lstrip(_WHITESPACE))
                    last = start + len(raw.rstrip(_WHITESPACE)) - 1
                    left = textpage.get_charbox(first)[0]
                    right = textpage.get_charbox(last)[2]
                    size = pdfium_c.FPDFText_GetFontSize(textpage.raw, first)
                    # The line's height from the font's bounds (a tight box of a CJK glyph may have
                    # none); pdfium counts y upwards from the page's foot, the anchor's box downwards.
                    _, bottom, _, top = textpage.get_charbox(first, loose=True)
                    box = (left, height - top, right, height - bottom)
                    line = Line(text=line.text, page=number, x0=left, x1=right, size=round(size, 1) or None,
                                box=tuple(round(value, 1) for value in box))
                lines.append(line)
            if match:
                start = match.end()
        return lines
    finally:
        textpage.close()


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
