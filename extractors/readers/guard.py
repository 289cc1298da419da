"""Checks that run before any parser sees a file: size limits, content sniffing, zip-bomb guard.

Everything here raises ``IngestError`` with a catalogue code; nothing here parses a document.
"""
from __future__ import annotations

import io
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path

from gongwen.pipeline.errors import IngestError
from gongwen.pipeline.safe_read import MIB, megabytes, os_reason, quoted

# Members smaller than this are never called a bomb, whatever their ratio: a short, very
# repetitive XML part (styles, settings) can legitimately compress a hundredfold.
_RATIO_FLOOR_BYTES = 1 * MIB
_SNIFF_BYTES = 8192
_READ_CHUNK = 1 * MIB


@dataclass(frozen=True)
class ReadLimits:
    max_bytes: int = 50 * MIB  # size of the file on disk
    max_uncompressed_bytes: int = 200 * MIB  # total declared (and actually read) size of zip members
    max_zip_ratio: float = 100.0  # uncompressed / compressed, per member above 1 MiB


# What a sniffed kind is called in a user-facing message ("实际内容像是 …").
KIND_LABELS: dict[str, str] = {
    "docx": "Word 文档（.docx）",
    "ofd": "OFD 版式文档（.ofd）",
    "pdf": "PDF 文档（.pdf）",
    "html": "网页（HTML）",
    "text": "纯文本",
    "zip": "ZIP 压缩包",
    "ole": "旧版 Office 文档（如 .doc、.xls）",
    "encrypted-ooxml": "加密的 Office 文档",
    "png": "PNG 图片",
    "jpeg": "JPEG 图片",
    "gif": "GIF 图片",
    "tiff": "TIFF 图片",
    "binary": "无法识别的二进制数据",
}

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
)
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
_HTML_MARKERS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<div", b"<p>", b"<p ",
                 b"<table", b"<title")


def check_file(path: Path, limits: ReadLimits) -> int:
    """Refuse what cannot or must not be read; return the file size."""
    try:
        info = path.stat()
    except FileNotFoundError:
        reason = "链接指向的文件已不存在" if path.is_symlink() else "文件不存在"
        raise IngestError("unreadable", path, reason=reason) from None
    except OSError as error:
        raise IngestError("unreadable", path, reason=os_reason(error)) from None
    if stat.S_ISDIR(info.st_mode):
        raise IngestError("unreadable", path, reason="这是一个文件夹，不是文件")
    if not stat.S_ISREG(info.st_mode):
        raise IngestError("unreadable", path, reason="这不是普通文件")
    if info.st_size == 0:
        raise IngestError("empty-file", path)
    if info.st_size > limits.max_bytes:
        raise IngestError("too-large", path, size_mb=megabytes(info.st_size), limit_mb=megabytes(limits.max_bytes))
    return info.st_size


def read_bytes(path: Path, limits: ReadLimits) -> bytes:
    """Read the whole file, never more than ``max_bytes`` (the file may grow after ``stat``)."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(limits.max_bytes + 1)
    except OSError as error:
        raise IngestError("unreadable", path, reason=os_reason(error)) from None
    if len(data) > limits.max_bytes:
        raise IngestError("too-large", path, size_mb=megabytes(len(data)), limit_mb=megabytes(limits.max_bytes))
    if not data:
        raise IngestError("empty-file", path)
    return data


def sniff(data: bytes, zip_names: frozenset[str] | None = None) -> str:
    """Say what the bytes really are: a key of ``KIND_LABELS``.

    ``zip_names`` are the member names when the data is a zip (the caller opens it once).
    """
    head = data[:_SNIFF_BYTES]
    if head.startswith(_ZIP_MAGICS):
        names = zip_names or frozenset()
        if "word/document.xml" in names:
            return "docx"
        if "OFD.xml" in names:
            return "ofd"
        return "zip"
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(_OLE_MAGIC):
        # An encrypted .docx is an OLE compound file with an "EncryptedPackage" stream; the
        # directory entry names are UTF-16LE.
        return "encrypted-ooxml" if "EncryptedPackage".encode("utf-16-le") in data else "ole"
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "text"  # UTF-16 with a byte-order mark
    if b"\x00" in head:
        return "binary"
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith(b"<") and any(marker in lowered for marker in _HTML_MARKERS):
        return "html"
    return "text"


def open_zip(path: Path, data: bytes, limits: ReadLimits) -> zipfile.ZipFile:
    """Open a zip and refuse it on its declared member sizes, before anything is extracted."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, EOFError) as error:
        raise IngestError("corrupt-file", path, reason=f"ZIP 结构无效（{error}）") from None
    total = 0
    for member in archive.infolist():
        total += member.file_size
        if total > limits.max_uncompressed_bytes:
            raise IngestError("zip-bomb", path, reason=(
                f"各部件声明的解压后大小合计超过 {megabytes(limits.max_uncompressed_bytes)} MB 的上限"))
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > _RATIO_FLOOR_BYTES and ratio > limits.max_zip_ratio:
            raise IngestError("zip-bomb", path, reason=(
                f"部件 {quoted(member.filename)} 解压后为 {megabytes(member.file_size)} MB，"
                f"是压缩后大小的 {ratio:,.0f} 倍，超过 {limits.max_zip_ratio:,.0f} 倍的上限"))
    return archive


class ZipBudget:
    """Reads zip members while counting the bytes actually inflated, whatever the headers claim."""

    def __init__(self, path: Path, archive: zipfile.ZipFile, limits: ReadLimits) -> None:
        self._path = path
        self._archive = archive
        self._limits = limits
        self._left = limits.max_uncompressed_bytes

    def read(self, name: str) -> bytes:
        parts: list[bytes] = []
        try:
            with self._archive.open(name) as member:
                while chunk := member.read(_READ_CHUNK):
                    self._left -= len(chunk)
                    if self._left < 0:
                        raise IngestError("zip-bomb", self._path, reason=(
                            f"实际解压出的内容超过 {megabytes(self._limits.max_uncompressed_bytes)} MB 的上限"))
                    parts.append(chunk)
        except KeyError:
            raise IngestError("corrupt-file", self._path, reason=f"缺少部件 {name}") from None
        except (zipfile.BadZipFile, EOFError, OSError, NotImplementedError) as error:
            raise IngestError("corrupt-file", self._path, reason=f"部件 {name} 无法解压（{error}）") from None
        return b"".join(parts)


