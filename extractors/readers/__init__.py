"""Ingest: turn a file on disk into a ``RawDocument`` (blocks in reading order + metadata).

``read_document`` checks the file (exists, not empty, not too large), reads its bytes once,
sniffs what the bytes really are, refuses a file whose content does not match its extension
(``format-mismatch``), and hands the bytes to the reader registered for the extension.
Every failure is an ``IngestError`` with a catalogue code; a reader never lets a parser's own
exception escape for bad input.

Parsers (python-docx, pypdfium2, lxml, markdown-it, the OCR engine) are imported inside the readers,
so importing this package stays cheap and a text-only run never loads the PDF or OCR engine.
"""
from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable, Iterable
from importlib import import_module
from pathlib import Path

from gongwen.extractors.readers import doc, docx, html, image, ofd, pdf, text
from gongwen.extractors.readers.guard import KIND_LABELS, ReadLimits, check_file, open_zip, read_bytes, sniff
from gongwen.pipeline.errors import IngestError
from gongwen.pipeline.model import RawDocument

__all__ = ["READERS", "SUPPORTED_SUFFIXES", "ReadLimits", "Reader", "preload_parsers", "read_document"]

Reader = Callable[[Path, bytes, ReadLimits], RawDocument]

# Suffix -> reader. A reader gets the path (for messages), the file's bytes and the limits.
READERS: dict[str, Reader] = {
    ".docx": docx.read_docx,
    ".doc": doc.read_doc,
    ".wps": doc.read_wps,
    ".pdf": pdf.read_pdf,
    ".ofd": ofd.read_ofd,
    ".txt": text.read_text,
    ".md": text.read_markdown,
    ".html": html.read_html,
    ".htm": html.read_html,
    ".png": image.read_image,
    ".jpg": image.read_image,
    ".jpeg": image.read_image,
    ".tif": image.read_image,
    ".tiff": image.read_image,
}

SUPPORTED_SUFFIXES: tuple[str, ...] = tuple(READERS)

# Which sniffed kinds each suffix accepts. HTML markup saved as .txt is still text to us, and an
# .html file without tags is still readable as a page.
_ACCEPTED_KINDS: dict[str, frozenset[str]] = {
    ".docx": frozenset({"docx"}),
    # Word binary, or what Word and WPS also save under these names: RTF, a web page, a .docx
    # (the reader tells them apart and says which other content it cannot read).
    ".doc": frozenset({"ole", "encrypted-ooxml", "docx", "text", "html"}),
    ".wps": frozenset({"ole", "encrypted-ooxml", "docx", "text", "html", "binary"}),
    ".pdf": frozenset({"pdf"}),
    ".ofd": frozenset({"ofd"}),
    ".txt": frozenset({"text", "html"}),
    ".md": frozenset({"text", "html"}),
    ".html": frozenset({"html", "text"}),
    ".htm": frozenset({"html", "text"}),
    ".png": frozenset({"png"}),
    ".jpg": frozenset({"jpeg"}),
    ".jpeg": frozenset({"jpeg"}),
    ".tif": frozenset({"tiff"}),
    ".tiff": frozenset({"tiff"}),
}

# A PDF's pages without a text layer are read by OCR: nothing read then means nothing to read.
_NO_TEXT_CODE = {"ofd": "no-text-layer"}

# The parser libraries each reader imports for every document it reads (those it needs only now and
# then, such as charset_normalizer for a text in an unusual encoding, are left to that document). The
# OCR engine is not among them: the first scanned page a process meets loads it (see ocr.py).
_PARSERS: dict[str, tuple[str, ...]] = {
    ".docx": ("docx", "lxml.etree", "_strptime"),  # python-docx reads the core properties' dates with strptime
    ".doc": ("olefile", "msoffcrypto", "docx"),
    ".wps": ("olefile", "msoffcrypto", "docx"),
    ".pdf": ("pypdfium2",),
    ".ofd": ("lxml.etree",),
    ".md": ("markdown_it",),
    ".html": ("lxml.html",),
    ".htm": ("lxml.html",),
}


def preload_parsers(suffixes: Iterable[str]) -> None:
    """Import the parsers the readers of ``suffixes`` use. A runner calls this before it forks its
    workers, so that each worker inherits them instead of importing them again on its first
    document (python-docx alone takes ~0.15 s a worker)."""
    for suffix in sorted({suffix.lower() for suffix in suffixes}):
        for module in _PARSERS.get(suffix, ()):
            import_module(module)


def read_document(path: str | Path, limits: ReadLimits = ReadLimits()) -> RawDocument:
    """Read one document; raise ``IngestError`` for every failure."""
    path = Path(path)
    check_file(path, limits)
    suffix = path.suffix.lower()
    reader = READERS.get(suffix)
    if reader is None:
        raise IngestError("unsupported-format", path, suffix=suffix or "（无扩展名）")
    data = read_bytes(path, limits)
    kind = sniff(data, _zip_names(path, data, limits))
    if kind == "encrypted-ooxml" and suffix == ".docx":
        raise IngestError("encrypted", path)
    if kind not in _ACCEPTED_KINDS[suffix]:
        raise IngestError("format-mismatch", path, suffix=suffix, actual=KIND_LABELS[kind])
    try:
        document = reader(path, data, limits)
    except IngestError:
        raise
    except Exception as error:  # a parser bug must not stop the batch: report it per document
        raise IngestError("internal", path, reason=f"{type(error).__name__}: {error}") from error
    if not any(block.text.strip() for block in document.blocks):
        raise IngestError(_NO_TEXT_CODE.get(document.format, "no-text"), path)
    return dataclasses.replace(document, sha256=hashlib.sha256(data).hexdigest())


def _zip_names(path: Path, data: bytes, limits: ReadLimits) -> frozenset[str] | None:
    if not data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return None
    with open_zip(path, data, limits) as archive:
        return frozenset(archive.namelist())
