"""Plain text from a converter (antiword, striprtf) whose table rows are drawn with ``|`` between cells."""
from __future__ import annotations

from collections.abc import Callable, Iterable

from gongwen.pipeline.model import Block


def blocks_from_lines(lines: Iterable[str], row_cells: Callable[[str], list[str] | None]) -> tuple[list[Block], int]:
    """Paragraph and table-row blocks, and the number of tables. ``row_cells(stripped_line)`` gives
    a table row's cells, or None for a line that is not one; consecutive rows form one table."""
    blocks: list[Block] = []
    tables = 0
    in_table = False
    for line in lines:
        stripped = line.strip()
        cells = row_cells(stripped)
        if cells is not None:
            if not in_table:
                tables += 1
            in_table = True
            cells = tuple(cell.strip() for cell in cells)
            if any(cells):
                blocks.append(Block(kind="table_row", text="\t".join(cells), cells=cells, table=tables - 1))
            continue
        in_table = False
        if stripped:
            blocks.append(Block(kind="para", text=stripped))
    return blocks, tables
