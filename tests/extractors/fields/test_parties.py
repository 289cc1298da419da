"""主送 and 抄送 readers (extractors/fields/parties.py) over the organ-list splitter."""
from hypothesis import given, settings
from hypothesis import strategies as st

from gongwen.extractors.fields.parties import cc, recipients
from gongwen.extractors.knowledge.organs import is_complete_organ, joins_previous
from tests.extractors.fields.conftest import make_document, with_elements

TITLE = "阳泉市城区人民政府关于废止部分行政规范性文件的决定"
BODY = "经区政府常务会议审议通过，决定废止下列文件。"


def _closing(lines, cc_lines):
    return with_elements(make_document([TITLE, "各街道办事处：", BODY, *lines]), title=[TITLE], body=[BODY],
                         cc=cc_lines, printed=[lines[-1]])


def test_a_cc_list_broken_by_the_line_width_is_read_on_to_its_closing_full_stop():
    lines = ["抄送：市政府办公室，市司法局，区委办公室，区人大常委会办", "公室，区政协办公室。",
             "阳泉市城区人民政府办公室 2024年5月21日印发"]
    assert cc(_closing(lines, [lines[0]])) == ("市政府办公室", "市司法局", "区委办公室", "区人大常委会办公室", "区政协办公室")


def test_a_cc_list_without_its_full_stop_does_not_swallow_the_printed_line():
    lines = ["抄送：区委办公室，区人大常委会办公室", "阳泉市城区人民政府办公室 2024年5月21日印发"]
    doc = with_elements(make_document([TITLE, BODY, *lines]), title=[TITLE], body=[BODY], cc=[lines[0]])
    assert cc(doc) == ("区委办公室", "区人大常委会办公室")


def test_groups_that_share_one_owner_stay_one_recipient():
    line = "各省、自治区、直辖市人民政府，国务院各部委、各直属机构："
    doc = with_elements(make_document([TITLE, line, BODY]), title=[TITLE], recipients=[line], body=[BODY])
    assert recipients(doc) == ("各省、自治区、直辖市人民政府", "国务院各部委、各直属机构")


PLACES = ("阳泉市城区", "咸阳市", "牡丹江市东安区", "静安区", "区", "市")
FIELDS = ("财政", "教育", "住房和城乡建设", "卫生健康", "自然资源和规划", "应急管理", "市场监督管理")
SUFFIXES = ("局", "委员会", "办公室")
organ = st.builds(lambda place, work, suffix: place + work + suffix,
                  st.sampled_from(PLACES), st.sampled_from(FIELDS), st.sampled_from(SUFFIXES))


@settings(max_examples=60, deadline=2000)
@given(st.lists(organ, min_size=1, max_size=6, unique=True), st.lists(st.sampled_from("、，；"), min_size=5, max_size=5))
def test_complete_organs_joined_then_split_come_back(parts, separators):
    assert all(is_complete_organ(part) for part in parts)
    assert not any(joins_previous(before, after) for before, after in zip(parts, parts[1:]))
    line = parts[0] + "".join(separator + part for separator, part in zip(separators, parts[1:])) + "："
    doc = with_elements(make_document([TITLE, line, BODY]), title=[TITLE], recipients=[line], body=[BODY])
    assert recipients(doc) == tuple(parts)


def test_a_cc_line_written_without_its_colon():
    lines = ["抄送　区委办公室，区人大常委会办公室。", "阳泉市城区人民政府办公室 2024年5月21日印发"]
    assert cc(_closing(lines, [lines[0]])) == ("区委办公室", "区人大常委会办公室")


def test_a_recipients_line_printed_in_the_closing_block_with_its_label():
    line = "主送：区委办公室，区人大常委会办公室。"
    doc = with_elements(make_document([TITLE, BODY, line]), title=[TITLE], body=[BODY], recipients=[line])
    assert recipients(doc) == ("区委办公室", "区人大常委会办公室")


def test_leaders_addressed_personally_are_read_as_the_recipients():
    """A 请示 addressed to a person is still read: the fault is the check's to report, not the reader's
    to drop. 「区政府刘区长」 (the organ then the person), 「区领导」, and a person beside an organ."""
    cases = {"区政府刘区长：": ("区政府刘区长",), "区领导：": ("区领导",), "分管副区长：": ("分管副区长",),
             "区人民政府、刘卫东区长：": ("区人民政府", "刘卫东区长"), "区人民政府办公室：": ("区人民政府办公室",)}
    for line, expected in cases.items():
        title = "阳泉市城区民政局关于申请养老服务补助资金的请示"
        body = "为做好养老服务工作，恳请拨付养老服务补助资金20万元。"
        doc = with_elements(make_document([title, line, body]), title=[title], recipients=[line], body=[body])
        assert recipients(doc) == expected, line


def test_groups_owned_by_the_previous_organ_stay_with_it_without_their_ge():
    """「直属机构」 after 「市人民政府各工作部门」 is the 市人民政府's, as 「各直属机构」 would be."""
    line = "各县市区人民政府，市人民政府各工作部门、派出机构、直属事业机构："
    doc = with_elements(make_document([TITLE, line, BODY]), title=[TITLE], recipients=[line], body=[BODY])
    assert recipients(doc) == ("各县市区人民政府", "市人民政府各工作部门、派出机构、直属事业机构")
    line = "区财政局、区教育局："
    doc = with_elements(make_document([TITLE, line, BODY]), title=[TITLE], recipients=[line], body=[BODY])
    assert recipients(doc) == ("区财政局", "区教育局")
