from __future__ import annotations

import random
from pathlib import Path

import pytest

from gongwen.extractors.readers import read_document
from gongwen.pipeline.errors import IngestError


def _read(tmp_path, name: str, content: bytes):
    path = tmp_path / name
    path.write_bytes(content)
    return read_document(path)


def test_utf8_lines_are_blocks_and_blank_lines_are_kept(tmp_path):
    document = _read(tmp_path, "稿纸.txt", "拟稿：张三\r\n核稿：李四\r\n\r\n正文第一段。\n".encode("utf-8"))
    assert document.format == "txt"
    assert document.meta["encoding"] == "utf-8"
    assert [block.text for block in document.blocks] == ["拟稿：张三", "核稿：李四", "", "正文第一段。"]
    assert {block.kind for block in document.blocks} == {"para"}


def test_utf8_with_bom(tmp_path):
    document = _read(tmp_path, "a.txt", "\ufeff东政发〔2024〕1号".encode("utf-8"))
    assert document.blocks[0].text == "东政发〔2024〕1号"
    assert document.meta["encoding"] == "utf-8-sig"


def test_gbk_is_decoded_as_gb18030(tmp_path):
    text = "关于印发《东安区人民政府工作规则》的通知\n各乡镇人民政府，区政府各部门：\n"
    document = _read(tmp_path, "规则.txt", text.encode("gbk"))
    assert document.meta["encoding"] == "gb18030"
    assert [block.text for block in document.blocks] == text.splitlines()


def test_big5_falls_back_to_detection(tmp_path):
    text = ("臺灣省政府關於加強辦理公文時效之規定，各機關應於收文後三日內辦結，"
            "逾期未辦結者應敘明理由陳報。") * 3
    document = _read(tmp_path, "公文.txt", text.encode("big5"))
    assert document.meta["encoding"] in ("big5", "cp950", "big5hkscs")
    assert document.blocks[0].text == text


def test_paired_bold_marks_are_stripped_in_txt_even_across_lines(tmp_path):
    content = "**晋城市城区人民政府\n通 知**\n\n星号*不成对**保留\n\n一行**加粗**文字\n"
    document = _read(tmp_path, "通知.txt", content.encode("utf-8"))
    assert [block.text for block in document.blocks] == [
        "晋城市城区人民政府", "通 知", "", "星号*不成对**保留", "", "一行加粗文字"]


def test_markdown_markup_is_removed(tmp_path):
    content = "\n".join([
        "---",
        "title: 关于开展检查的通知",
        "issuer: 东安区人民政府",
        "---",
        "# 关于开展检查的通知",
        "",
        "**发布日期**: 2024-03-01",
        "> 引用的**原文**，详见[政府网站](http://www.gov.cn)。",
        "<!-- INFO END -->",
        "- 第一项",
        "1. 各单位要高度重视。",
        "",
        "| 单位 | 联系人 |",
        "|---|---|",
        "| 办公室 | 张三 |",
        "",
        "---",
        "特此通知。",
    ]).encode("utf-8")
    document = _read(tmp_path, "通知.md", content)
    assert document.format == "md"
    assert document.meta["front_matter"] == {"title": "关于开展检查的通知", "issuer": "东安区人民政府"}
    assert [(block.kind, block.text) for block in document.blocks] == [
        ("para", "关于开展检查的通知"),
        ("para", ""),
        ("para", "发布日期: 2024-03-01"),
        ("para", "引用的原文，详见政府网站。"),
        ("para", ""),
        ("para", "第一项"),
        ("para", "1. 各单位要高度重视。"),
        ("para", ""),
        ("table_row", "单位\t联系人"),
        ("table_row", "办公室\t张三"),
        ("para", ""),
        ("para", ""),
        ("para", "特此通知。"),
    ]
    assert document.blocks[0].style.style_name == "Heading 1"
    assert document.blocks[8].cells == ("单位", "联系人")


def test_seeds_are_read(shared_dir):
    seeds = sorted((shared_dir / "seeds").glob("*.txt"))
    assert len(seeds) == 5
    for seed in seeds:
        document = read_document(seed)
        assert document.meta["encoding"] == "utf-8"
        assert sum(len(block.text) for block in document.blocks) > 1000
    jincheng = read_document(shared_dir / "seeds" / "003_003766014b412b7d.txt")
    texts = [block.text for block in jincheng.blocks]
    assert "城政发〔2023〕8号" in texts
    assert "晋城市城区人民政府" in texts and "通 知" in texts
    assert not any("**" in text for text in texts)


def test_txt_opening_with_front_matter_keeps_it_as_metadata(tmp_path):
    content = "\n".join([
        "---", "标题: 关于开展文物保护检查的通知", "文号: 静府发〔2018〕1号", "---", "",
        "各街道办事处：", "现将有关事项通知如下。", "---", "特此通知。",
    ]).encode("utf-8")
    document = _read(tmp_path, "通知.txt", content)
    assert document.meta["front_matter"] == {"标题": "关于开展文物保护检查的通知", "文号": "静府发〔2018〕1号"}
    assert [block.text for block in document.blocks] == ["", "各街道办事处：", "现将有关事项通知如下。", "---", "特此通知。"]


def test_txt_whose_first_line_is_a_rule_but_not_front_matter_is_left_alone(tmp_path):
    content = "---\n各街道办事处：\n现将有关事项通知如下。\n".encode("utf-8")
    document = _read(tmp_path, "通知.txt", content)
    assert "front_matter" not in document.meta
    assert document.blocks[0].text == "---"


CORPUS_DOCUMENTS = Path(__file__).resolve().parents[3] / "corpus" / "documents"


def _real_txt_files(shared_dir) -> list[Path]:
    return sorted({*CORPUS_DOCUMENTS.glob("*.txt"), *(shared_dir / "real-corpus").rglob("*.txt"), *(shared_dir / "seeds").rglob("*.txt")})


@pytest.mark.parametrize(("low", "high"), [(0x80, 0xFF), (0xA1, 0xFE), (0x81, 0xFE), (0xA4, 0xC6)])
@pytest.mark.parametrize("size", [256, 4096])
def test_random_high_bytes_are_decode_failed(tmp_path, low, high, size):
    # Such bytes decoded as Big5 or GB18030 garbage and passed as a clean document.
    generator = random.Random(size * high)
    path = tmp_path / "乱码.txt"
    path.write_bytes(bytes(generator.randint(low, high) for _ in range(size)))
    with pytest.raises(IngestError) as caught:
        read_document(path)
    assert caught.value.code == "decode-failed"


def test_every_real_txt_still_decodes_also_as_gbk(tmp_path, shared_dir):
    files = _real_txt_files(shared_dir)
    assert len(files) >= 30
    for source in files:
        text = read_document(source)
        legacy = tmp_path / source.name
        legacy.write_bytes("\n".join(block.text for block in text.blocks).encode("gb18030"))
        assert read_document(legacy).meta["encoding"] == "gb18030", source
