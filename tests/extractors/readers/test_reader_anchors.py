"""Readers record where each block was read (``Block.anchor``): the .docx text elements that hold
its characters, the PDF page and box it lies in."""
from __future__ import annotations

import docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reader_builders import write_docx, write_numbered_docx, write_pdf

from gongwen.extractors.readers import read_document

TEXTBOX = ('<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:inline><wp:extent cx="1" cy="1"/>'
           '<wp:docPr id="1" name="box"/><a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/'
           'wordprocessingShape"><wps:wsp><wps:txbx><w:txbxContent><w:p><w:r><w:t>经研究，同意。</w:t></w:r></w:p>'
           '</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:inline></w:drawing>'
           '</mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>经研究，同意。</w:t></w:r></w:p>'
           '</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>')
BODY = (
    '<w:p><w:r><w:t>经研究，同意。</w:t></w:r></w:p>'
    f'<w:p>{TEXTBOX}<w:r><w:t>关于</w:t></w:r><w:r><w:t xml:space="preserve">经研究，同意。</w:t></w:r></w:p>'
    '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>会签</w:t></w:r></w:p></w:tc>'
    '<w:tc><w:p><w:r><w:t xml:space="preserve">  区财政局</w:t></w:r></w:p>'
    '<w:p><w:r><w:t>经研究，</w:t></w:r><w:r><w:tab/><w:t>同意。</w:t></w:r></w:p>'
    '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>嵌套</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:tc></w:tr>'
    '<w:tr><w:tc><w:p/></w:tc><w:tc><w:p><w:r><w:t>签发</w:t></w:r></w:p></w:tc></w:tr></w:tbl>'
    '<w:p><w:r><w:t>第一行</w:t><w:br/><w:t>经研究，同意。</w:t></w:r></w:p>'
)


def part_elements(path, anchor) -> list:
    """The elements of the part an anchor points into, in document order."""
    document = docx.Document(str(path))
    if anchor.part == "body":
        return list(document.element.body.iter())
    story = document.sections[0].header if anchor.part == "header" else document.sections[0].footer
    return list(story._element.iter())


def text_at(elements, piece) -> str:
    offset, position, start, length = piece
    element = elements[position]
    text = element.text if element.tag.endswith("}t") else {"tab": "\t", "ptab": "\t", "noBreakHyphen": "-"}[
        element.tag.split("}")[1]]
    return text[start:start + length]


def assert_pieces_hold_the_block_text(path, blocks, added: str = "\t "):
    """Every piece holds the characters it claims; only ``added`` (what the reader itself adds:
    separators of cells and lines, numbering labels) lies outside every piece."""
    for block in blocks:
        assert block.anchor is not None, block
        elements = part_elements(path, block.anchor)
        covered = set()
        for piece in block.anchor.pieces:
            offset, _, _, length = piece
            assert text_at(elements, piece) == block.text[offset:offset + length], (block.text, piece)
            covered.update(range(offset, offset + length))
        assert {block.text[i] for i in range(len(block.text)) if i not in covered} <= set(added), block.text


def test_docx_blocks_record_part_paragraph_table_row_and_text_box(tmp_path):
    path = write_docx(tmp_path / "锚点.docx", BODY, header="经研究，同意。", footer="第 1 页")
    blocks = read_document(path).blocks
    assert [(b.kind, b.text) for b in blocks] == [
        ("header", "经研究，同意。"),
        ("para", "经研究，同意。"),
        ("textbox", "经研究，同意。"),
        ("para", "关于经研究，同意。"),
        ("table_row", "会签\t区财政局 经研究，\t同意。 嵌套"),
        ("table_row", "\t签发"),
        ("para", "第一行"),
        ("para", "经研究，同意。"),
        ("footer", "第 1 页"),
    ]
    assert [b.anchor.part for b in blocks] == ["header"] + ["body"] * 7 + ["footer"]
    assert [b.anchor.textbox for b in blocks] == [False, False, True] + [False] * 6
    assert [b.anchor.row for b in blocks if b.kind == "table_row"] == [0, 1]
    paragraphs = [b.anchor.paragraph for b in blocks[1:8]]
    assert paragraphs[-2] == paragraphs[-1]  # two lines of one paragraph
    assert len(set(paragraphs)) == 6
    assert_pieces_hold_the_block_text(path, blocks)


def test_a_numbering_label_is_not_in_any_piece(tmp_path):
    level = ("<w:lvl w:ilvl='0'><w:start w:val='1'/><w:numFmt w:val='chineseCounting'/>"
             "<w:lvlText w:val='%1、'/><w:suff w:val='nothing'/></w:lvl>")
    numbering = (f"<w:abstractNum w:abstractNumId='0'>{level}</w:abstractNum>"
                 "<w:num w:numId='1'><w:abstractNumId w:val='0'/></w:num>")
    paragraph = ("<w:p><w:pPr><w:numPr><w:ilvl w:val='0'/><w:numId w:val='1'/></w:numPr></w:pPr>"
                 "<w:r><w:t>总体</w:t></w:r><w:r><w:t>要求</w:t></w:r></w:p>")
    path = write_numbered_docx(tmp_path / "编号.docx", paragraph * 2, numbering)
    blocks = read_document(path).blocks
    assert [block.text for block in blocks] == ["一、总体要求", "二、总体要求"]
    assert [piece[0] for piece in blocks[1].anchor.pieces] == [2, 4]
    assert_pieces_hold_the_block_text(path, blocks, added="一二、")


RUNS = st.lists(st.text(alphabet="经研究同意区财政局。，", min_size=1, max_size=6), min_size=1, max_size=4)


@settings(max_examples=25, deadline=3000, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(paragraphs=st.lists(st.tuples(RUNS, st.booleans()), min_size=1, max_size=5))
def test_every_docx_piece_holds_the_characters_it_claims(tmp_path_factory, paragraphs):
    body = ""
    for runs, in_table in paragraphs:
        runs_xml = "".join(f'<w:r><w:t xml:space="preserve">{run}</w:t></w:r>' for run in runs)
        body += (f"<w:tbl><w:tr><w:tc><w:p>{runs_xml}</w:p><w:p>{runs_xml}</w:p></w:tc></w:tr></w:tbl>"
                 if in_table else f"<w:p>{runs_xml}</w:p>")
    path = write_docx(tmp_path_factory.mktemp("anchors") / "随机.docx", body)
    assert_pieces_hold_the_block_text(path, read_document(path).blocks)


def test_pdf_blocks_record_their_page_and_box(tmp_path):
    size, left = 16.0, 80.0
    long_line = "为切实做好今年汛期安全生产工作防范各类事故发生根据上级统一部署"  # 27 characters: a full line
    page_one = [(left, 760, "关于开展安全生产检查的通知", size), (left + 2 * size, 732, long_line[:25], size),
                (left, 704, long_line, size)]
    page_two = [(left, 760, "经研究决定在全区开展检查。", size), (left + 2 * size, 732, "特此通知。", size)]
    path = write_pdf(tmp_path / "通知.pdf", [page_one, page_two])
    blocks = read_document(path).blocks
    height = 841.89  # A4
    for block in blocks:
        assert block.anchor is not None and block.anchor.part == "page"
        pages = [box[0] for box in block.anchor.boxes]
        assert pages[0] == block.page and pages == sorted(set(pages))
        for _, box_left, top, right, bottom in block.anchor.boxes:
            assert 0 <= box_left < right <= 595.3 and 0 <= top < bottom <= height
    title = blocks[0]
    assert title.text == "关于开展安全生产检查的通知"
    (_, box_left, top, _, bottom), = title.anchor.boxes
    # the box is the first glyph's outline: it starts at the origin where pdfium has no CJK font for the
    # unembedded STSong-Light, a little right of it where one stands in (fonts-noto-cjk: 2.3 pt)
    assert left - 1 < box_left < left + size / 4 and top < height - 760 < bottom  # the baseline lies inside
    across = next(block for block in blocks if "经研究决定" in block.text)
    assert [box[0] for box in across.anchor.boxes] == [1, 2]  # a paragraph running over the page break
