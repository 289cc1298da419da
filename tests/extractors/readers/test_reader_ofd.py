from __future__ import annotations

import pytest

from gongwen.extractors.readers import read_document
from gongwen.pipeline.errors import IngestError
from reader_builders import text_object, write_ofd


def test_text_objects_are_placed_by_baseline_and_joined_into_paragraphs(tmp_path):
    # Written out of reading order on purpose; the second line is split into two objects. The
    # first body line (28 characters after a two-character indent) sets the right edge.
    layer = "".join([
        text_object(39.2, 60.0, "你院《关于增设便民服务窗口有关事项的请示》收悉。经研究，", 5.6),
        text_object(28.0, 70.0, "同意增设两个", 5.6),
        text_object(28.0 + 5.6 * 6, 70.0, "窗口。", 5.6),
        text_object(28.0, 50.0, "区政务服务中心：", 5.6),
        text_object(60.0, 30.0, "关于同意增设窗口的批复", 7.7, weight=700),
        text_object(28.0, 200.0, "东安区人民政府办公室", 4.9),
        text_object(39.2 + 5.6 * 28 - 4.9 * 11, 200.0, "2024年5月6日印发", 4.9),
    ])
    document = read_document(write_ofd(tmp_path / "批复.ofd", [layer, text_object(90.0, 280.0, "— 2 —", 4.9)
                                                                + text_object(28.0, 40.0, "（此页无正文）", 5.6)]))
    assert document.format == "ofd"
    assert document.meta["pages"] == 2
    assert [(block.kind, block.page, block.text) for block in document.blocks] == [
        ("para", 1, "关于同意增设窗口的批复"),
        ("para", 1, "区政务服务中心："),
        ("para", 1, "你院《关于增设便民服务窗口有关事项的请示》收悉。经研究，同意增设两个窗口。"),
        ("para", 1, "东安区人民政府办公室 2024年5月6日印发"),
        ("para", 2, "（此页无正文）"),
        ("footer", 2, "— 2 —"),
    ]
    assert document.blocks[0].style.bold is True


def test_real_ofd_files(shared_dir):
    corpus = shared_dir / "real-corpus"
    letter = read_document(corpus / "ofdrw__n.ofd")
    texts = [block.text for block in letter.blocks if block.kind == "para"]
    assert texts[:4] == ["测试符路桥区卫生局文件", "路卫发〔2011〕76号", "关于同意张阿三同志辞职的批复", "区中医院："]
    assert "你院《关于给张阿三同志辞职的请示》（路中医发〔2011〕10号）收悉。" in texts
    assert [block.text for block in letter.blocks if block.kind == "footer"] == ["— 1 —", "— 2 —"]
    # The issuer mark of this one is drawn as paths; its body is a text layer.
    function = read_document(corpus / "ofdrw__testPathFillOpacity.ofd")
    texts = [block.text for block in function.blocks]
    assert texts[0] == "关于加快南货场铁路涵洞下穿建设的函"
    assert any(text.startswith("根据我市2023年房地产用地供应计划") and text.endswith("并加快工程施工建设。")
               for text in texts)
    assert texts[-1] == "2023年7月12日"


def test_real_ofd_without_text_objects_would_be_no_text_layer(tmp_path):
    path = write_ofd(tmp_path / "图.ofd", ['<ofd:ImageObject ID="3" Boundary="0 0 210 297" ResourceID="4"/>'])
    with pytest.raises(IngestError) as error:
        read_document(path)
    assert error.value.code == "no-text-layer"


@pytest.mark.parametrize("delta", ["g 400000000 1", "g inf 1", "g nan 1", "g -5 1", "g 1e300 2 3"])
def test_a_hostile_delta_x_expands_only_the_advances_the_text_uses(tmp_path, delta):
    # "g 400000000 1" in an 818-byte OFD made the reader allocate 6 GB; "inf" raised OverflowError.
    layer = text_object(20, 30, "关于开展检查的通知").replace('DeltaX="g 8 5.6"', f'DeltaX="{delta}"')
    assert delta in layer
    document = read_document(write_ofd(tmp_path / "稿.ofd", [layer]))
    assert [block.text for block in document.blocks] == ["关于开展检查的通知"]
