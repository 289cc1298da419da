"""Reading the files users write beside their documents (configs, rosters, packs, sidecars), and
saying in Chinese what went wrong.

* ``read_capped_text``: no such file is read past ``MAX_CONFIG_BYTES``: a multi-gigabyte file, or
  a link to ``/dev/zero``, is refused with its size and the limit, never read into memory.
* ``os_reason``: the one place an ``OSError`` becomes a Chinese reason (never the English
  ``strerror`` of the C library, never "[Errno 13] Permission denied").
* ``quoted``: a value from a user's file repeated in a message is cut to ``QUOTE_CHARS`` with "…",
  whatever its size or nesting (its full ``str()`` is never built).
"""
from __future__ import annotations

import errno
import os
import reprlib
import stat
from pathlib import Path

MIB = 1024 * 1024
MAX_CONFIG_BYTES = 1 * MIB
QUOTE_CHARS = 80

_ERRNO_REASONS: dict[int, str] = {
    errno.EACCES: "没有读取权限",
    errno.EPERM: "操作不被允许（没有权限）",
    errno.ENOENT: "文件不存在",
    errno.ENOTDIR: "路径中的某一级不是文件夹",
    errno.EISDIR: "这是一个文件夹，不是文件",
    errno.ENAMETOOLONG: "文件名或路径过长",
    errno.ELOOP: "符号链接层数过多（可能是循环链接）",
    errno.EIO: "磁盘读写出错",
    errno.ENOSPC: "磁盘空间不足",
    errno.EROFS: "磁盘或文件夹为只读",
    errno.EMFILE: "同时打开的文件过多",
    errno.ENFILE: "同时打开的文件过多",
    errno.EBUSY: "文件正被其他程序占用",
    errno.ETXTBSY: "文件正被其他程序占用",
    errno.ENXIO: "设备不存在或不可用",
    errno.ENODEV: "设备不存在或不可用",
    errno.EAGAIN: "资源暂时不可用，请稍后再试",
    errno.EFBIG: "文件过大",
    errno.ESTALE: "网络共享上的文件已失效，请重新打开所在文件夹",
    errno.ETIMEDOUT: "连接超时",
    errno.EINVAL: "文件名或参数无效",
    errno.EILSEQ: "文件名含有无法识别的字符",
}


class FileTooLarge(OSError):
    """A user file over its size limit; ``os_reason`` states its size and the limit."""

    def __init__(self, path: str | Path, size: int | None, limit: int) -> None:
        super().__init__(errno.EFBIG, "file too large", str(path))
        self.size = size
        self.limit = limit


def os_reason(error: OSError) -> str:
    """Why ``error`` happened, in Chinese."""
    if isinstance(error, FileTooLarge):
        if error.size is None:  # a device or a pipe: no size to tell
            return f"文件超过大小上限 {megabytes(error.limit)} MB"
        return size_over_limit(error.size, error.limit)
    reason = _ERRNO_REASONS.get(error.errno) if error.errno is not None else None
    if reason is not None:
        return reason
    if error.errno is not None:
        return f"系统错误（错误码 {error.errno}）"
    return "系统错误"


def megabytes(size: int) -> str:
    return f"{size / MIB:.1f}".rstrip("0").rstrip(".")


def size_over_limit(size: int, limit: int) -> str:
    """"文件大小为 2.3 MB，超过上限 1 MB" (in bytes when both round to the same figure)."""
    if megabytes(size) == megabytes(limit):
        return f"文件大小为 {size:,} 字节，超过上限 {limit:,} 字节"
    return f"文件大小为 {megabytes(size)} MB，超过上限 {megabytes(limit)} MB"


def read_capped_text(path: str | Path, limit: int = MAX_CONFIG_BYTES, encoding: str = "utf-8-sig") -> str:
    """The file's text; ``FileTooLarge`` past ``limit`` bytes (the file may be a device or grow)."""
    with open(path, "rb") as handle:
        data = handle.read(limit + 1)
        if len(data) > limit:
            info = os.fstat(handle.fileno())
            raise FileTooLarge(path, info.st_size if stat.S_ISREG(info.st_mode) else None, limit)
    return data.decode(encoding)


_SHORT_REPR = reprlib.Repr()
_SHORT_REPR.maxlevel = 3
_SHORT_REPR.maxstring = _SHORT_REPR.maxother = _SHORT_REPR.maxlong = QUOTE_CHARS
_SHORT_REPR.maxlist = _SHORT_REPR.maxtuple = _SHORT_REPR.maxdict = _SHORT_REPR.maxset = 8


def quoted(value: object, limit: int = QUOTE_CHARS) -> str:
    """``value`` as shown inside “…” in a message: text as is, anything else as Python shows it,
    at most ``limit`` characters."""
    text = value[: limit + 1] if isinstance(value, str) else _SHORT_REPR.repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
