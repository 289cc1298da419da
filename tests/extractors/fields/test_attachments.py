"""The 附件说明 reader (extractors/fields/attachments.py)."""
from gongwen.extractors.fields.attachments import attachments
from tests.extractors.fields.conftest import make_document, with_elements

TITLE = "咸阳市人民政府关于取消和调整一批市级行政权力事项的决定"
HEAD = [TITLE, "各县市区人民政府，市人民政府各工作部门：", "现将取消和调整的事项目录印发给你们，请认真做好衔接落实。"]


def _located(lines, notes):
    return with_elements(make_document(lines), title=[TITLE], recipients=[HEAD[1]], body=[HEAD[2]],
                         attachment_note=notes)


def test_items_broken_by_the_line_width_and_a_page_number_are_read_on_from_the_unlabelled_lines():
    lines = [*HEAD, "附件：1.市政府决定取消的市级行政权力事项目录（1", "2项）",
             "2.市政府决定下放的市级行政权力事项目录（9项）", "— 1 —",
             "3.市政府决定调整的市级行政权力事项目录（5项）", "咸阳市人民政府", "2024年7月15日"]
    assert attachments(_located(lines, [lines[3]])) == (
        "市政府决定取消的市级行政权力事项目录（12项）", "市政府决定下放的市级行政权力事项目录（9项）",
        "市政府决定调整的市级行政权力事项目录（5项）")


def test_an_unnumbered_item_wrapped_onto_the_next_line_is_joined_when_the_body_cites_it_whole():
    lines = [TITLE, HEAD[1], "我局制定了《咸阳市中心城区2024年义务教育学校招生划片方案》。妥否，请批示。",
             "附件：咸阳市中心城区2024年义务教育学校招生划", "片方案", "咸阳市人民政府"]
    doc = with_elements(make_document(lines), title=[TITLE], recipients=[HEAD[1]], body=[lines[2]],
                        attachment_note=[lines[3]], signature=[lines[5]])
    assert attachments(doc) == ("咸阳市中心城区2024年义务教育学校招生划片方案",)


def test_an_unlabelled_line_that_does_not_continue_the_item_is_left_alone():
    """The 署名 line 「区长　周某某」 of a 议案, not located, is no part of the attachment's title."""
    lines = [*HEAD, "附件：阳泉市城区2024年政府投资项目计划", "区长　周某某", "2024年2月29日"]
    assert attachments(_located(lines, [lines[3]])) == ("阳泉市城区2024年政府投资项目计划",)


def test_web_page_chrome_after_the_note_is_not_read_as_a_title():
    lines = [*HEAD, "附件：城市体检促进城市更新指标体系（试行）", "收藏打印本页关闭窗口"]
    assert attachments(_located(lines, [lines[3]])) == (
        "城市体检促进城市更新指标体系（试行）",)


def test_a_file_heading_with_its_own_attachment_mark_is_an_attachment_not_a_note():
    """The attachment file itself opens with 「附件：<its title>」 (GB/T 9704—2012 8.2)."""
    lines = ["附件：杨浦区创新区空间布局图", "复兴岛", "大学路"]
    doc = with_elements(make_document(lines, fmt="pdf"), attachment_note=[lines[0]])
    assert attachments(doc) == ()


def test_a_portal_page_without_a_note_lists_its_attachment_files():
    lines = ["关于印发《杨浦区创新区建设方案》的通知", "附件:", "杨浦区创新区空间布局图.pdf (pdf)",
             "沪科合〔2025〕7号", "各有关单位：", "现予以印发，请认真按照执行。", "上海市科学技术委员会",
             "【相关附件】", "杨浦区创新区空间布局图.pdf", "【原文下载】", "关于印发《杨浦区创新区建设方案》的通知.pdf"]
    doc = with_elements(make_document(lines, fmt="md"), title=[lines[0]], recipients=[lines[4]], body=[lines[5]],
                        signature=[lines[6]])
    assert attachments(doc) == ("杨浦区创新区空间布局图",)


def test_a_note_written_without_its_colon():
    lines = [*HEAD, "附件　1．城区政府工作规则", "2．城区政府议事清单"]
    assert attachments(_located(lines, lines[3:])) == ("城区政府工作规则", "城区政府议事清单")


def test_items_numbered_in_brackets_or_as_attachment_n():
    lines = [*HEAD, "附件1：市级行政权力事项取消目录", "附件2：市级行政权力事项下放目录"]
    assert attachments(_located(lines, [lines[3]])) == ("市级行政权力事项取消目录", "市级行政权力事项下放目录")
    lines = [*HEAD, "附件：（1）市级行政权力事项取消目录", "（2）市级行政权力事项下放目录"]
    assert attachments(_located(lines, lines[3:])) == ("市级行政权力事项取消目录", "市级行政权力事项下放目录")


def test_a_running_header_between_attachment_items_is_passed_over(make_document):
    from gongwen.extractors.fields import document_fields, locate
    doc = locate(make_document([
        "港湾街道办事处关于集中拆除滨江路段违法建设的请示", "佳木斯市前进区人民政府：", "恳请区政府批准集中拆除。", "妥否，请批示。",
        "附件：1.滨江路段违法建设点位清单", "— 1 —", "佳木斯市前进区港湾街道办事处第 2 页", "2.集中拆除工作方案",
        "3.拆除及绿化恢复经费测算表", "佳木斯市前进区港湾街道办事处", "2024年6月3日",
    ]))
    assert document_fields(doc).attachments == ("滨江路段违法建设点位清单", "集中拆除工作方案", "拆除及绿化恢复经费测算表")
