"""Scans read by OCR: image-only PDFs, PDFs with some scanned pages, PNG and multi-page TIFF.

OCR costs about a second or more a page, so the whole suite reads five small pages."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from scan_builders import (
    QINGSHI, QINGSHI_SIGNATURE, QINGSHI_TITLE, RED, Text, draw_page, save_pdf, save_png, save_tiff,
)

from reader_builders import assert_ingest_error
from gongwen.extractors.readers import read_document
from gongwen.extractors.readers.ocr import ENGINE
from gongwen.pipeline.errors import IngestError
from gongwen.pipeline.runner import process_path

REPO = Path(__file__).resolve().parents[3]


def test_an_image_only_pdf_of_a_qingshi_is_read_with_its_title_number_and_date(tmp_path):
    path = save_pdf([draw_page(QINGSHI)], tmp_path / "扫描件.pdf")
    result = process_path(path, keep_document=True)
    assert result.status == "ok", result.error
    fields = result.fields
    assert fields.doc_type == "请示"
    assert fields.title == QINGSHI_TITLE
    # OCR may read the 六角括号 〔〕 as 】 」 or ]: the rest of the 文号 must be right
    assert fields.doc_number.startswith("城教字") and "2024" in fields.doc_number and fields.doc_number.endswith("12号")
    assert fields.date == "2024-03-05"
    assert fields.recipients == ("阳泉市城区人民政府",)
    raw = result.document.raw
    assert raw.meta["ocr"] is True and raw.meta["ocr_engine"].startswith(ENGINE) and raw.meta["ocr_pages"] == [1]
    assert all(block.confidence is not None and 0 < block.confidence <= 1 for block in raw.blocks)
    body = [block.text for block in raw.blocks if block.text.startswith("我局所属")]
    # the three laid-out lines of the body come back as one paragraph
    assert body == ["我局所属三所小学食堂建于上世纪九十年代，设施老化，存在燃气管道锈蚀、排烟不畅等安全隐患。"
                    "为保障师生饮食安全，拟对三所小学食堂进行改造，所需资金共计八十万元。"]


def test_a_seal_over_the_signature_and_date_does_not_break_the_reading_order(tmp_path):
    path = save_png(draw_page(QINGSHI, seal_at=QINGSHI_SIGNATURE), tmp_path / "盖章件.png")
    raw = read_document(path)
    texts = [block.text for block in raw.blocks]
    assert raw.format == "png" and raw.meta["ocr"] is True
    # the red 版头 is kept: only the round seal is taken off
    assert texts[0] == "阳泉市城区教育局文件"
    assert texts[-2:] == ["阳泉市城区教育局", "2024年3月5日"]
    assert not any("公章" in text for text in texts)
    title = raw.blocks[texts.index(QINGSHI_TITLE)]
    assert title.style.alignment == "center"
    assert raw.blocks[texts.index("2024年3月5日")].style.alignment == "right"


def test_every_page_of_a_multi_page_tiff_is_read_in_order(tmp_path):
    pages = [draw_page([Text("center", 40, "第一页通知标题", 16), Text(40, 80, "各街道办事处：", 12)]),
             draw_page([Text(64, 40, "请于本周内上报。", 12), Text(248, 80, "2024年5月6日", 12)])]
    raw = read_document(save_tiff(pages, tmp_path / "通知.tif"))
    assert [(block.page, block.text) for block in raw.blocks] == [
        (1, "第一页通知标题"), (1, "各街道办事处："), (2, "请于本周内上报。"), (2, "2024年5月6日")]
    assert raw.format == "tiff" and raw.meta["pages"] == 2 and raw.meta["ocr_pages"] == [1, 2]


def test_only_the_pages_without_a_text_layer_are_ocred(tmp_path):
    text_page = [Text(40, 40, "附件：", 12), Text(40, 70, "一、项目概况", 12)]
    scanned = draw_page([Text(40, 40, "二、资金来源", 12), Text(40, 70, "区级财政预算安排。", 12)])
    raw = read_document(save_pdf([text_page, scanned], tmp_path / "附件.pdf"))
    assert [(block.page, block.text, block.confidence is None) for block in raw.blocks] == [
        (1, "附件：", True), (1, "一、项目概况", True), (2, "二、资金来源", False), (2, "区级财政预算安排。", False)]
    assert raw.meta["ocr_pages"] == [2] and raw.meta["pages"] == 2


@pytest.mark.parametrize("name, content", [
    ("扫描件.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40),
    ("扫描件.jpg", b"\xff\xd8\xff\xe0 truncated"),
    ("扫描件.tif", b"II*\x00" + b"\xff" * 30),
])
def test_a_corrupt_image_is_a_corrupt_file(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(IngestError) as error:
        read_document(path)
    assert_ingest_error(error, "corrupt-file", path)
    assert "图片" in error.value.to_error().message


def test_a_truncated_scan_is_a_corrupt_file(tmp_path):
    full = tmp_path / "full.png"
    save_png(draw_page([Text(40, 40, "截断", 12, RED)]), full)
    path = tmp_path / "截断.png"
    path.write_bytes(full.read_bytes()[: full.stat().st_size // 2])
    with pytest.raises(IngestError) as error:
        read_document(path)
    assert_ingest_error(error, "corrupt-file", path)


def test_reading_text_documents_never_loads_the_ocr_engine(tmp_path):
    path = tmp_path / "通知.txt"
    path.write_text("关于做好防汛工作的通知\n各街道：\n请做好防汛工作。\n", encoding="utf-8")
    probe = ("import sys; from gongwen.pipeline.runner import process_path; "
             f"assert process_path({str(path)!r}).status == 'ok'; "
             "print(sorted(m for m in ('onnxruntime', 'cv2', 'rapidocr_onnxruntime') if m in sys.modules))")
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=REPO)
    assert loaded.stdout.strip() == "[]"


def test_recognised_boxes_form_lines_by_vertical_overlap_and_read_left_to_right():
    from gongwen.extractors.readers.ocr import _Box, _lines

    boxes = [_Box("签发人：杜某某", 0.97, 600, 850, 102, 140),  # same line, far right, slightly lower
             _Box("阳泉市城区人民政府：", 0.99, 100, 480, 200, 236),
             _Box("城住建字〔2024〕19号", 0.91, 100, 420, 100, 136)]
    lines = _lines(boxes, page=1, unit=0.5)
    assert [line.text for line in lines] == ["城住建字〔2024〕19号\u3000签发人：杜某某", "阳泉市城区人民政府："]
    assert lines[0].confidence == 0.91  # a line is as sure as its least sure box
    assert (lines[0].x0, lines[0].x1, lines[0].top) == (50, 425, 50)  # in the caller's unit


def test_a_blank_line_between_full_lines_starts_a_new_paragraph():
    from gongwen.extractors.readers.layout import Line, paragraphs

    def line(text, top):
        return Line(text=text, page=1, x0=40, x1=376, size=12, top=top, bottom=top + 11, confidence=0.99)

    wrapped = [line("第一段第一行文字写满了一整行没有结束", 100), line("第一段第二行", 123)]
    assert len(paragraphs(wrapped)) == 1
    after_blank = [line("第一段第一行文字写满了一整行没有结束", 100), line("第二段的开头", 146)]
    assert [block.text for block in paragraphs(after_blank)] == ["第一段第一行文字写满了一整行没有结束", "第二段的开头"]


@pytest.mark.parametrize("read, repaired", [
    ("城财字〔2024】22号(见附件1)", "城财字〔2024〕22号（见附件1）"),  # the closing 〕 came back as 】
    ("东民发[2024〕3号", "东民发〔2024〕3号"),
    ("联系电话:0353-2035678", "联系电话：0353-2035678"),
    ("国发[2019]5号", "国发[2019]5号"),  # both brackets wrong: the writer's mistake, left for the 文号 check
    ("9:30 (A)", "9:30 (A)"),  # no Chinese beside them: left as read
])
def test_known_recogniser_confusions_are_repaired(read, repaired):
    from gongwen.extractors.readers.ocr import repair

    assert repair(read) == repaired
