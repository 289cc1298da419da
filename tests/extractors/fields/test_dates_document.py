"""The 成文日期 reader (extractors/fields/dates.py): which of a document's dates is its 成文日期."""
from dataclasses import replace

from gongwen.extractors.fields.dates import document_date
from tests.extractors.fields.conftest import make_document, with_elements

TITLE = "最高人民法院、最高人民检察院关于非法采伐国家重点保护植物刑事案件适用法律问题的批复"
REPLY = [
    "各省、自治区、直辖市高级人民法院、人民检察院：",
    "近来，部分高级人民法院、省级人民检察院就有关问题请示。经研究，批复如下：",
    "此复。",
]


def test_a_joint_reply_is_dated_by_the_last_meeting_that_adopted_it_not_its_first_date():
    note = ["2020年3月2日最高人民法院审判委员会第1792次会议",
            "2020年3月20日最高人民检察院第十三届检察委员会第三十五次会议通过",
            "2020年4月1日施行"]
    doc = with_elements(make_document([TITLE, *note, *REPLY]),
                        title=[TITLE], date=[note[0][:9]], recipients=[REPLY[0]], body=REPLY[1:])
    assert document_date(doc) == ("2020-03-20", "2020年3月20日")


def test_an_adoption_note_broken_over_lines_with_no_date_element_is_still_read():
    title = "最高人民法院关于建设工程价款优先受偿权问题的批复"
    note = ["2023年11月9日最高人民法院审判委员会", "第1901次会议通过，自2024年1月1日起施行）"]
    lines = [title, *note, "广东省高级人民法院：", "你院《关于建设工程价款有关问题的请示》收悉。经研究，批复如下："]
    doc = with_elements(make_document(lines), title=[title], recipients=[lines[3]], body=[lines[4]])
    assert document_date(doc) == ("2023-11-09", "2023年11月9日")


def test_the_closing_date_wins_over_a_byline_date_under_the_title():
    lines = ["关于2024年防汛工作情况的报告", "（2024年5月6日）", "区人民政府：",
             "现将今年防汛工作情况报告如下。", "区水务局", "2024年5月8日"]
    doc = with_elements(make_document(lines), title=[lines[0]], date=[lines[1][1:-1], lines[5]],
                        recipients=[lines[2]], body=[lines[3]], signature=[lines[4]])
    assert document_date(doc) == ("2024-05-08", "2024年5月8日")


def test_a_full_width_closing_date():
    lines = ["关于申请拨付防汛物资经费的请示", "区人民政府：", "现申请拨付经费。妥否，请批示。", "区应急管理局", "２０２４年６月３日"]
    doc = with_elements(make_document(lines), title=[lines[0]], recipients=[lines[1]], body=[lines[2]],
                        date=[lines[4]])
    assert document_date(doc) == ("2024-06-03", "２０２４年６月３日")


def _portal_page(metadata: dict[str, str]):
    lines = ["关于进一步加强文物保护工作的通知", "各街道办事处：", "现将有关事项通知如下。请遵照执行。"]
    doc = with_elements(make_document(lines, fmt="html"), title=[lines[0]], recipients=[lines[1]], body=[lines[2]])
    return replace(doc, raw=replace(doc.raw, meta={"page_metadata": metadata}))


def test_a_page_whose_text_has_no_date_takes_the_metadata_table_s_full_width_cheng_wen_date():
    doc = _portal_page({"成文日期": "２０１８年１月１９日", "发布日期": "2018-01-23"})
    assert document_date(doc) == ("2018-01-19", "２０１８年１月１９日")


def test_only_a_publication_date_gives_the_date_but_no_written_form_to_judge():
    assert document_date(_portal_page({"发布日期": "2018-01-23"})) == ("2018-01-23", None)


def test_a_publication_date_never_replaces_a_date_the_text_writes():
    lines = ["关于进一步加强文物保护工作的通知", "各街道办事处：", "现将有关事项通知如下。", "区人民政府", "2018年1月19日"]
    doc = with_elements(make_document(lines, fmt="html"), title=[lines[0]], recipients=[lines[1]], body=[lines[2]],
                        signature=[lines[3]], date=[lines[4]])
    doc = replace(doc, raw=replace(doc.raw, meta={"page_metadata": {"发布日期": "2018-01-23"}}))
    assert document_date(doc) == ("2018-01-19", "2018年1月19日")


def test_a_meeting_named_in_the_body_does_not_outrank_the_closing_date():
    """A 决定 with no 主送, its body wrapped by the PDF: 「经…会议审议通过」 is running text, not a 题注."""
    title = "阳泉市城区人民政府关于废止部分行政规范性文件的决定"
    body = ["为维护法制统一，区政府对行政规范性文件进行了清理", "经2024年5月14日区政府第二十四次常务会议审议通过",
            "现决定废止5件。"]
    lines = [title, *body, "阳泉市城区人民政府", "2024年5月20日"]
    doc = with_elements(make_document(lines), title=[title], body=body, signature=[lines[4]], date=[lines[5]])
    assert document_date(doc) == ("2024-05-20", "2024年5月20日")
