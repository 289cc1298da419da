"""Build ``Document``s for field-extractor tests straight from lines of text."""
from __future__ import annotations

import pytest

from gongwen.pipeline.model import Block, Document, RawDocument

try:
    from gongwen.extractors.normalize import normalize
except ImportError:  # the normalize stage is written separately; tests still run without it
    normalize = None


def make_document(lines: list[str | tuple[str, ...]], fmt: str = "txt", path: str | None = None) -> Document:
    """A normalized Document whose blocks are ``lines``: a string is a paragraph (an empty string an
    empty paragraph, as a .txt reader gives it), a tuple of strings a table row. Consecutive rows
    form one table."""
    blocks: list[Block] = []
    table = -1
    previous_was_row = False
    for line in lines:
        if isinstance(line, tuple):
            if not previous_was_row:
                table += 1
            blocks.append(Block(kind="table_row", text="\t".join(line), cells=line, table=table))
            previous_was_row = True
        else:
            blocks.append(Block(kind="para", text=line))
            previous_was_row = False
    raw = RawDocument(path=path or f"test.{fmt}", format=fmt, blocks=tuple(blocks))
    if normalize is not None:
        return normalize(raw)
    text = "\n".join(block.text for block in blocks)
    spans, position = [], 0
    for block in blocks:
        spans.append((position, position + len(block.text)))
        position += len(block.text) + 1
    return Document(raw=raw, text=text, original=text, offset_map=tuple(range(len(text) + 1)),
                    block_spans=tuple(spans))


@pytest.fixture(name="make_document")
def make_document_fixture():
    """The ``make_document`` builder as a fixture, for tests that prefer injection to imports."""
    return make_document


def with_elements(doc: Document, **elements: list[str]) -> Document:
    """``doc`` with a hand-made structure: each element's spans are the lines given for it, found in
    order in the normalized text (any run of blanks matching any other). Tests of a field reader
    then do not depend on how the labeller locates."""
    import re
    from dataclasses import replace

    from gongwen.pipeline.model import Span, Structure

    located = {}
    for element, lines in elements.items():
        spans, position = [], 0
        for line in lines:
            pattern = r"\s*".join(map(re.escape, line.split()))
            found = re.compile(pattern).search(doc.text, position)
            assert found, f"{line!r} is not in the text"
            spans.append(Span(found.start(), found.end()))
            position = found.end()
        located[element] = tuple(spans)
    return replace(doc, structure=Structure(elements=located))
