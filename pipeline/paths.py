"""How a file's path is shown to people and kept in the store: the one place paths are decoded.

Linux hands file names over as bytes. Python decodes them as UTF-8 and keeps the bytes that are not
UTF-8 as lone surrogates ("surrogateescape"), which no UTF-8 output (JSON, SARIF, the database, a
terminal) can hold. In a Chinese office such a name is nearly always GBK from a Windows zip
unpacked on Linux, so it is shown decoded as GB18030, as the clerk saw it on Windows; bytes that are
not GB18030 either are shown as visible escapes (``\\xNN``). The store keeps the exact bytes
(``stored``/``from_stored``), keyed by their digest (``store_key``), so a stored row always leads
back to the very file.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

SHOWN_ENCODINGS = ("utf-8", "gb18030")


def fs_bytes(path: str | os.PathLike) -> bytes:
    """The path's bytes as the file system holds them. A text no file name can produce (a lone
    surrogate outside the surrogateescape range) is kept with ``surrogatepass`` rather than lost."""
    text = os.fspath(path)
    try:
        return os.fsencode(text)
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogatepass")


def shown(path: str | os.PathLike) -> str:
    """The path as a person reads it: valid Unicode text whatever bytes the name holds."""
    raw = fs_bytes(path)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return "/".join(_shown_part(part) for part in raw.split(b"/"))


def _shown_part(part: bytes) -> str:
    for encoding in SHOWN_ENCODINGS:
        try:
            return part.decode(encoding)
        except UnicodeDecodeError:
            continue
    return part.decode("utf-8", "backslashreplace")


def stored(path: str | os.PathLike) -> bytes:
    """What the store keeps to find the file again: its exact bytes."""
    return fs_bytes(path)


def from_stored(raw: bytes) -> str:
    """The path string (as ``str(Path)`` gives it) of the file ``stored`` was given."""
    return os.fsdecode(raw)


def store_key(path: str | os.PathLike) -> str:
    """A fixed-length unique key for the path (any length of path fits an index)."""
    return hashlib.sha256(fs_bytes(path)).hexdigest()


def absolute(path: str | os.PathLike) -> Path:
    """The absolute path, without following links (a symlink loop does not raise)."""
    return Path(os.path.abspath(path))


def relative_to(path: str | os.PathLike, base: Path) -> Path | None:
    """``path`` relative to ``base`` (both taken without following links), or None outside it."""
    try:
        return absolute(path).relative_to(absolute(base))
    except ValueError:
        return None


def is_regular_file(path: str | os.PathLike) -> bool:
    """Whether ``path`` is a regular file (links followed); False on any OS error, such as a name
    too long for the file system or a symlink loop."""
    try:
        return Path(path).is_file()
    except OSError:
        return False


def same_file(first: str | os.PathLike, second: str | os.PathLike) -> bool:
    """Whether the two paths name one file: the same path, a link to it or a hard link (one inode)."""
    try:
        return os.path.samefile(first, second)
    except OSError:  # one of them does not exist (yet)
        return absolute(first) == absolute(second)
