from __future__ import annotations

import hashlib

from gongwen.extractors.readers import read_document
from reader_builders import write_docx


def _para(text: str, properties: str = "", run_properties: str = "") -> str:
    return (f"<w:p><w:pPr>{properties}</w:pPr><w:r><w:rPr>{run_properties}</w:rPr>"
            f"<w:t xml:space='preserve'>{text}</w:t></w:r></w:p>")


def _cell(content: str, properties: str = "") -> str:
    return f"<w:tc><w:tcPr>{properties}</w:tcPr>{content}</w:tc>"


def test_paragraphs_and_tables_in_document_order_with_hints(tmp_path):
    table = ("<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>"
             "<w:tr>" + _cell(_para("签发"), "<w:vMerge w:val='restart'/>")
             + _cell(_para("张三"), "<w:gridSpan w:val='2'/>") + "</w:tr>"
             "<w:tr>" + _cell("<w:p/>", "<w:vMerge/>") + _cell(_para("核稿")) + _cell(_para("李四")) + "</w:tr>"
             "</w:tbl>")
    body = (_para("关于开展安全检查的通知", "<w:jc w:val='center'/>", "<w:b/><w:sz w:val='44'/>")
            + _para("各科室：") + table + _para("特此通知。"))
    path = write_docx(tmp_path / "通知.docx", body)
    document = read_document(path)

    assert document.format == "docx"
    assert document.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert [(block.kind, block.text) for block in document.blocks] == [
        ("para", "关于开展安全检查的通知"),
        ("para", "各科室："),
        ("table_row", "签发\t张三"),
        ("table_row", "\t核稿\t李四"),
        ("para", "特此通知。"),
    ]
    title = document.blocks[0].style
    assert (title.alignment, title.bold, title.font_size) == ("center", True, 22.0)
    assert document.blocks[1].style.alignment == "left"
    assert document.blocks[1].style.bold is False
    assert document.blocks[2].cells == ("签发", "张三")
    assert document.blocks[2].table == document.blocks[3].table == 0


def test_nested_table_is_read_inside_its_cell_once(tmp_path):
    inner = "<w:tbl><w:tr>" + _cell(_para("内层甲")) + _cell(_para("内层乙")) + "</w:tr></w:tbl>"
    outer = "<w:tbl><w:tr>" + _cell(_para("外层") + inner + "<w:p/>") + _cell(_para("右")) + "</w:tr></w:tbl>"
    document = read_document(write_docx(tmp_path / "表.docx", outer))
    assert [(block.kind, block.cells) for block in document.blocks] == [
        ("table_row", ("外层 内层甲\t内层乙", "右")),
    ]


def test_tracked_changes_are_read_as_accepted(tmp_path):
    body = ("<w:p><w:r><w:t>请于</w:t></w:r>"
            "<w:del w:id='1' w:author='a'><w:r><w:delText>本周三</w:delText></w:r></w:del>"
            "<w:ins w:id='2' w:author='a'><w:r><w:t>本周五</w:t></w:r></w:ins>"
            "<w:moveFrom w:id='3' w:author='a'><w:r><w:t>旧位置</w:t></w:r></w:moveFrom>"
            "<w:r><w:t>前报送。</w:t></w:r></w:p>")
    document = read_document(write_docx(tmp_path / "修订.docx", body))
    assert [block.text for block in document.blocks] == ["请于本周五前报送。"]


def test_fields_and_hyperlinks_read_as_their_visible_text(tmp_path):
    body = ("<w:p><w:r><w:t>详见</w:t></w:r>"
            "<w:hyperlink r:id='rIdMissing'><w:r><w:t>政府网站</w:t></w:r></w:hyperlink>"
            "<w:r><w:t>，第</w:t></w:r>"
            "<w:r><w:fldChar w:fldCharType='begin'/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>"
            "<w:r><w:fldChar w:fldCharType='separate'/></w:r><w:r><w:t>3</w:t></w:r>"
            "<w:r><w:fldChar w:fldCharType='end'/></w:r>"
            "<w:r><w:t>页。</w:t></w:r></w:p>")
    document = read_document(write_docx(tmp_path / "域.docx", body))
    assert [block.text for block in document.blocks] == ["详见政府网站，第3页。"]


def test_text_box_is_read_once_before_its_anchor(tmp_path):
    box = "<w:txbxContent>" + _para("东安区人民政府文件") + "</w:txbxContent>"
    anchor = ("<w:p><w:r><mc:AlternateContent>"
              "<mc:Choice Requires='wps'><w:drawing><wp:anchor><a:graphic><a:graphicData>"
              f"<wps:wsp><wps:txbx>{box}</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>"
              "</mc:Choice>"
              f"<mc:Fallback><w:pict><v:shape><v:textbox>{box}</v:textbox></v:shape></w:pict></mc:Fallback>"
              "</mc:AlternateContent></w:r><w:r><w:t>东政发〔2024〕3号</w:t></w:r></w:p>")
    document = read_document(write_docx(tmp_path / "版头.docx", anchor + _para("关于……的通知")))
    assert [(block.kind, block.text) for block in document.blocks] == [
        ("textbox", "东安区人民政府文件"),
        ("para", "东政发〔2024〕3号"),
        ("para", "关于……的通知"),
    ]


def test_headers_first_footers_last_and_line_breaks_split_blocks(tmp_path):
    body = "<w:p><w:r><w:t>国务院关于</w:t><w:br/><w:t>印发规划的通知</w:t></w:r></w:p>"
    document = read_document(write_docx(tmp_path / "页眉.docx", body, header="机密", footer="— 1 —"))
    assert [(block.kind, block.text) for block in document.blocks] == [
        ("header", "机密"),
        ("para", "国务院关于"),
        ("para", "印发规划的通知"),
        ("footer", "— 1 —"),
    ]


def test_style_name_and_size_come_from_the_style_chain(tmp_path):
    import docx

    path = tmp_path / "样式.docx"
    document = docx.Document()
    document.add_paragraph("第一章　总则", style="Title")
    document.add_paragraph("正文内容")
    document.save(str(path))
    blocks = read_document(path).blocks
    assert blocks[0].style.style_name == "Title"
    assert blocks[0].style.font_size == 26.0  # from the Title style of python-docx's template
    assert blocks[1].style.style_name == "Normal"


def test_each_document_is_read_with_its_own_styles_part(tmp_path):
    """Styles parts are parsed once per distinct content: documents read one after another, with
    the same style id defined differently or no styles part at all, each keep their own styles."""
    import zipfile

    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE
    from reader_builders import write_numbered_docx

    body = _para("关于开展安全检查的通知", "<w:pStyle w:val='GwTitle'/>")

    def styled(name: str, alignment: str):
        style = (f"<w:style w:type='paragraph' w:styleId='GwTitle'><w:name w:val='公文标题'/>"
                 f"<w:pPr><w:jc w:val='{alignment}'/></w:pPr></w:style>")
        return write_numbered_docx(tmp_path / name, body, None, style)

    centred, right = styled("居中.docx", "center"), styled("居右.docx", "right")
    document = docx.Document(str(right))
    for relationship_id, relationship in list(document.part.rels.items()):
        if relationship.reltype == RELATIONSHIP_TYPE.STYLES:
            document.part.drop_rel(relationship_id)
    unstyled = tmp_path / "无样式.docx"
    document.save(str(unstyled))
    with zipfile.ZipFile(unstyled) as package:
        assert "word/styles.xml" not in package.namelist()

    def alignment(path):
        return read_document(path).blocks[0].style.alignment

    assert [alignment(path) for path in (centred, right, centred, unstyled)] == ["center", "right", "center", "left"]
