from __future__ import annotations

import pytest
from report_samples import sample_pack, sample_results

from gongwen.pipeline.model import DocResult
from gongwen.validators.packs import Pack


@pytest.fixture
def results() -> list[DocResult]:
    return sample_results()


@pytest.fixture
def pack() -> Pack:
    return sample_pack()
