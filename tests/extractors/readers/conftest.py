"""Fixtures of the reader tests; the document builders are in reader_builders.py."""
from __future__ import annotations

from pathlib import Path

import pytest

from reader_builders import SHARED


@pytest.fixture
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"shared material not found at {SHARED}")
    return SHARED
