"""Documents for validator tests, built directly from text with hand-set fields and structure."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pytest

from gongwen.pipeline.model import Document, Fields
from gongwen.validators.examples import build_document
from gongwen.validators.packs import Pack, load_pack


@pytest.fixture
def make_doc():
    """make_doc(lines, fields=..., elements={"body": "…"}, approval=[…]) -> Document."""

    def make(lines: Sequence[str] | str, fields: Fields | Mapping[str, Any] | None = None,
             elements: Mapping[str, Sequence[str] | str] | None = None,
             approval: Sequence[Mapping[str, Any]] = ()) -> Document:
        return build_document(lines, fields, elements, approval)

    return make


_PACKS: dict[str, Pack] = {}


@pytest.fixture
def pack():
    """pack(name) -> the loaded built-in pack, loaded once per session."""

    def get(name: str = "national") -> Pack:
        if name not in _PACKS:
            _PACKS[name] = load_pack(name)
        return _PACKS[name]

    return get
