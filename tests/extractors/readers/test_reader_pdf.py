from __future__ import annotations

import pytest

from gongwen.extractors.readers import read_document
from gongwen.pipeline.errors import IngestError
from reader_builders import assert_ingest_error, write_pdf

SIZE = 16.0
LEFT, RIGHT = 80.0, 512.0  # the text area: 27 characters of 16 pt
INDENT = LEFT + 2 * SIZE

FIRST = ("为切实做好今年汛期安全生产工作，防范各类事故发生，根据上级部门的统一部署和要求，经研究决定，"
         "在全区范围内开展一次安全生产大检查。")
SECOND = "各单位要高度重视，明确责任分工，认真对照检查内容逐项排查隐患，并于三月十日前将检查情况书面报送区应急管理"
SECOND_END = "局办公室。"


def _full(text: str, x: float) -> tuple[float, float, str, float]:
    assert x + SIZE * len(text) == RIGHT, "the test line must reach the right edge"
    return (x, 0.0, text, SIZE)


def _page(lines: list[tuple[float, float, str, float]], top: float = 760.0) -> list[tuple[float, float, str, float]]:
    """Lay lines out top-down, 28 pt apart (y of each tuple is ignored)."""
    return [(x, top - 28 * index, text, size) for index, (x, _, text, size) in enumerate(lines)]


def _document(tmp_path):
    title = "关于开展安全生产检查的通知"
    page_one = _page([
        ((595 - 22 * len(title)) / 2, 0, title, 22.0),
        (LEFT, 0, "各科室、各直属单位：", SIZE),
        _full(FIRST[:25], INDENT),
        _full(FIRST[25:52], LEFT),
        (LEFT, 0, FIRST[52:], SIZE),
        _full(SECOND[:25], INDENT),
        _full(SECOND[25:52], LEFT),
    ]) + [(280, 60, "— 1 —", 14.0)]
    page_two = _page([
        (LEFT, 0, SECOND_END, SIZE),
        (INDENT, 0, "一、检查范围", SIZE),
        (INDENT, 0, "全区各类生产经营单位，⽂件另发。", SIZE),
        (RIGHT - 11 * SIZE - 4 * SIZE, 0, "东安区安全生产委员会", SIZE),
        (RIGHT - 10 * SIZE - 4 * SIZE, 0, "2024年3月1日", SIZE),
    ]) + [(280, 60, "— 2 —", 14.0)]
    return write_pdf(tmp_path / "通知.pdf", [page_one, page_two])


def test_lines_are_joined_into_paragraphs_across_pages(tmp_path):
    document = read_document(_document(tmp_path))
    assert document.format == "pdf"
    assert document.meta["pages"] == 2
    assert [(block.kind, block.page, block.text) for block in document.blocks] == [
        ("para", 1, "关于开展安全生产检查的通知"),
        ("para", 1, "各科室、各直属单位："),
        ("para", 1, FIRST),
        ("para", 1, SECOND + SECOND_END),
        ("footer", 1, "— 1 —"),
        ("para", 2, "一、检查范围"),
        ("para", 2, "全区各类生产经营单位，文件另发。"),
        ("para", 2, "东安区安全生产委员会"),
        ("para", 2, "2024年3月1日"),
        ("footer", 2, "— 2 —"),
    ]


def test_style_hints_from_geometry(tmp_path):
    blocks = read_document(_document(tmp_path)).blocks
    assert blocks[0].style.alignment == "center"
    assert blocks[0].style.font_size == 22.0
    assert blocks[2].style.font_size == SIZE
    assert blocks[7].style.alignment == "right"


def test_only_compatibility_ideographs_are_folded(tmp_path):
    text = "⽂件（⾸批）：Ａ类，豈"  # Kangxi radicals and a compatibility ideograph; full-width marks stay
    document = read_document(write_pdf(tmp_path / "兼容.pdf", [[(LEFT, 700, text, SIZE)]]))
    assert document.blocks[0].text == "文件（首批）：Ａ类，豈"


def test_a_picture_page_is_read_by_ocr_and_without_legible_text_has_no_text(tmp_path):
    path = write_pdf(tmp_path / "布局图.pdf", [[]], images=[(0, 40, 60, 515, 720)])
    with pytest.raises(IngestError) as error:
        read_document(path)
    assert_ingest_error(error, "no-text", path)


def test_a_short_text_page_without_pictures_is_read(tmp_path):
    document = read_document(write_pdf(tmp_path / "批示.pdf", [[(LEFT, 700, "同意。", SIZE)]]))
    assert [block.text for block in document.blocks] == ["同意。"]
