"""Scanned images (.png, .jpg/.jpeg, .tif/.tiff, multi-page TIFF included), read by OCR.

Pillow decodes the image one frame at a time (a TIFF frame is a page); each page is read by
``ocr.read_page``. Geometry is kept in points (from the image's resolution, 300 dpi where it
does not say), so pages scanned at different resolutions share one unit.
"""
from __future__ import annotations

import io
from pathlib import Path

from gongwen.extractors.readers import ocr
from gongwen.extractors.readers.guard import MIB, ReadLimits
from gongwen.extractors.readers.layout import paragraphs
from gongwen.pipeline.errors import IngestError
from gongwen.pipeline.model import RawDocument

MAX_PIXELS = 100_000_000  # a page of A3 at 600 dpi is 70 million; more is not a scan of a document
_DEFAULT_DPI = 300
_FORMATS = {".png": "png", ".jpg": "jpg", ".jpeg": "jpg", ".tif": "tiff", ".tiff": "tiff"}


def read_image(path: Path, data: bytes, limits: ReadLimits) -> RawDocument:
    import numpy as np
    from PIL import Image, ImageSequence, UnidentifiedImageError

    lines = []
    pages = 0
    try:
        with Image.open(io.BytesIO(data)) as image:
            for frame in ImageSequence.Iterator(image):
                width, height = frame.size
                if width * height > MAX_PIXELS:
                    raise IngestError("zip-bomb", path, limit_mb=round(MAX_PIXELS * 3 / MIB))
                pages += 1
                dpi = _dpi(frame.info.get("dpi"))
                lines.extend(ocr.read_page(np.asarray(frame.convert("RGB")), pages, 72 / dpi))
    except IngestError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError, EOFError):
        raise IngestError("corrupt-file", path, reason="图片数据不完整或无法解码") from None
    meta = {"pages": pages, "ocr": True, "ocr_engine": ocr.engine_name(), "ocr_pages": list(range(1, pages + 1))}
    return RawDocument(path=str(path), format=_FORMATS[path.suffix.lower()], blocks=tuple(paragraphs(lines)),
                       meta=meta)


def _dpi(value) -> float:
    try:
        dpi = float(value[0])
    except (TypeError, ValueError, IndexError):
        return _DEFAULT_DPI
    return dpi if 50 <= dpi <= 2400 else _DEFAULT_DPI
