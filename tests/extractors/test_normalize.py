from gongwen.pipeline.model import Block, RawDocument

from gongwen.extractors.normalize import normalize


def raw(*texts: str, kind: str = "para") -> RawDocument:
    return RawDocument(path="t.txt", format="txt", blocks=tuple(Block(kind, text) for text in texts))


def test_blanks_between_cjk_go_and_other_runs_become_one_space():
    doc = normalize(raw("\u3000\u3000通  知", "东安区人民政府\u00a0\u00a0  ", "2019/7/26\t14:53:59 来源", "Windows  10 系统"))
    assert doc.text.split("\n") == ["通知", "东安区人民政府", "2019/7/26 14:53:59 来源", "Windows 10 系统"]


def test_zero_width_and_line_breaks_inside_a_block_are_dropped():
    doc = normalize(raw("关于\u200b印发\n的通知\ufeff", "abc\ndef"))
    assert doc.text == "关于印发的通知\nabc def"


def test_punctuation_brackets_and_digits_are_kept_as_written():
    text = "国发[2019]5号　牡东政发〔2019〕7号（１２３）：；"
    assert normalize(raw(text)).text == "国发[2019]5号牡东政发〔2019〕7号（１２３）：；"


def test_offset_map_points_every_character_back_to_the_original():
    doc = normalize(raw("  东安区  人民政府 ", "", "\u30002019年7月18日 "))
    assert len(doc.offset_map) == len(doc.text) + 1
    for position, char in enumerate(doc.text):
        if char != "\n":
            assert doc.original[doc.offset_map[position]] == char
    start = doc.text.index("人民政府")
    original_start, original_end = doc.to_original(start, start + 4)
    assert doc.original[original_start:original_end] == "人民政府"
    start, end = doc.block_spans[2]
    original_start, original_end = doc.to_original(start, end)
    assert doc.original[original_start:original_end] == "2019年7月18日"


def test_block_spans_cover_each_block_of_the_normalized_text():
    doc = normalize(raw("标题", "", "  正文  内容 "))
    assert [doc.text[start:end] for start, end in doc.block_spans] == ["标题", "", "正文内容"]
    assert doc.block_at(doc.text.index("正文")) == 2


def test_table_rows_keep_one_tab_between_cells():
    doc = normalize(raw("拟稿\t 张某某 \t2024年3月1日", kind="table_row"))
    assert doc.text == "拟稿\t张某某\t2024年3月1日"
