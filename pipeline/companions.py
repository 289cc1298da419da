"""The files that arrive with a document, found once at ingest so no later stage touches the disk.

* the approval sidecar (``NAME.approval.yaml``), its text read here, size-capped, by
  ``extractors.fields.approval.sidecar_companion``;
* the siblings: the files beside the document whose name holds a word some rule of the pack looks
  for (政策解读, 合法性审查 …, a rule's ``companions`` parameter), names only. A folder is listed
  once per process for as long as its contents do not change, and only the names a rule could
  take are kept, so a folder of 100,000 files costs one listing, not a listing per document.

The batch cache key hashes exactly these files (``companion_files``), so what a result was computed
from and what decides whether it is stale cannot disagree.
"""
from __future__ import annotations

import os
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gongwen.extractors.fields.approval import sidecar_companion, sidecar_path
from gongwen.pipeline.model import Companion
from gongwen.pipeline.paths import is_regular_file

if TYPE_CHECKING:
    from gongwen.validators.packs import Pack


def read_companions(path: Path, keywords: tuple[str, ...]) -> tuple[Companion, ...]:
    """The approval sidecar (with its text) and the siblings named by ``keywords`` (names only).
    Raises ``IngestError("approval-invalid")`` when a sidecar exists but cannot be read."""
    sidecar = sidecar_companion(path)
    siblings = tuple(Companion(name, "sibling") for name in sibling_names(path, keywords))
    return ((sidecar,) if sidecar is not None else ()) + siblings


def companion_files(path: Path, keywords: tuple[str, ...]) -> tuple[Path | None, tuple[Path, ...]]:
    """The files ``read_companions`` reads for ``path``: its sidecar (None when there is none) and
    its siblings, for the batch cache key."""
    sidecar = sidecar_path(path)
    return (sidecar if is_regular_file(sidecar) else None,
            tuple(path.parent / name for name in sibling_names(path, keywords)))


def sibling_names(path: Path, keywords: tuple[str, ...]) -> tuple[str, ...]:
    """The regular files beside ``path`` (itself excluded) whose stem holds one of ``keywords``."""
    if not keywords:
        return ()
    folder = os.path.abspath(path.parent)
    try:
        modified = os.stat(folder).st_mtime_ns
    except OSError:
        return ()
    return tuple(name for name in _matching_names(folder, modified, keywords) if name != path.name)


@lru_cache(maxsize=256)
def _matching_names(folder: str, modified_ns: int, keywords: tuple[str, ...]) -> tuple[str, ...]:
    """``modified_ns`` keys the cache to the folder's current state: a file added or removed there
    changes the folder's modification time, and the folder is listed again."""
    try:
        with os.scandir(folder) as entries:
            return tuple(sorted(entry.name for entry in entries
                                if entry.is_file() and any(keyword in Path(entry.name).stem for keyword in keywords)))
    except OSError:
        return ()


_KEYWORDS_BY_PACK: dict[tuple[str, str], tuple[str, ...]] = {}


def companion_keywords(pack: Pack | None) -> tuple[str, ...]:
    """Every word the pack's active rules look for in the names of a document's companion files
    (found once per pack: its version is a digest of its resolved rules)."""
    if pack is None:
        return ()
    key = (pack.name, pack.version)
    if key not in _KEYWORDS_BY_PACK:
        _KEYWORDS_BY_PACK[key] = tuple(sorted({keyword for rule in pack.active_rules()
                                               for keyword in _values_of(rule.params, "companions")}))
    return _KEYWORDS_BY_PACK[key]


def _values_of(params: Any, name: str) -> Iterable[str]:
    """Every string listed under ``name`` anywhere in a rule's parameters."""
    if isinstance(params, dict):
        for key, value in params.items():
            if key == name and isinstance(value, list):
                yield from (item for item in value if isinstance(item, str))
            else:
                yield from _values_of(value, name)
    elif isinstance(params, list):
        for item in params:
            yield from _values_of(item, name)
