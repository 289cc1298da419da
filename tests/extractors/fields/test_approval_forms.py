"""The approval reader on the forms offices write (issue 8 §3), and property tests: any record rendered
as a text block or a table, in either orientation, with or without colons, reads back as written."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongwen.extractors.fields import extract
from gongwen.extractors.fields.approval import read_approval
from gongwen.extractors.fields.names import read_name, split_names
from gongwen.extractors.fields.signer import signer
from gongwen.extractors.fields.structure import recognise_structure
from gongwen.pipeline.roster import Person, Roster
from tests.extractors.fields.conftest import make_document

HEAD = ["阳泉市城区人民政府文件", "城政发〔2024〕3号", "", "阳泉市城区人民政府关于做好防汛工作的通知", "各街道办事处：",
        "现就有关事项通知如下。"]
BODY_AFTER = ["请认真贯彻执行。", "阳泉市城区人民政府", "2024年3月8日"]


def steps(lines, roster=None):
    reading = read_approval(make_document(lines), roster)
    return [(s.role, s.name, s.post, s.organ, s.opinion, s.date) for s in reading.steps]


# (case id, document lines, expected steps (role, name, post, organ, opinion, date))
FORMS = [
    ("post-in-brackets", ["发文稿纸", "拟稿：秘书科 姜涛 2024年3月1日", "签发：刘卫东（区长）2024年3月8日", "-" * 20, *HEAD],
     [("拟稿", "姜涛", None, "秘书科", None, "2024-03-01"), ("签发", "刘卫东", "区长", None, None, "2024-03-08")]),
    ("label-without-colon", ["发文稿纸", "拟稿：区政府办公室 司马俊 2024年3月5日", "审核　张敏　副区长　3月6日", "", *HEAD],
     [("拟稿", "司马俊", None, "区政府办公室", None, "2024-03-05"), ("审核", "张敏", "副区长", None, None, "2024-03-06")]),
    ("month-and-day-with-a-dot", ["发文稿纸", "拟稿：村镇建设股 苗雨涵 5.14", "核稿：廉文杰 5.15", "签发：廉文杰 同意上报 2024.5.16", "", *HEAD],
     [("拟稿", "苗雨涵", None, "村镇建设股", None, "2024-05-14"), ("核稿", "廉文杰", None, None, None, "2024-05-15"),
      ("签发", "廉文杰", None, None, "同意上报", "2024-05-16")]),
    ("countersign-organ-and-opinion", ["公文审批单", "拟稿：牛晨 2024年3月1日", "会签单位：区财政局　意见：同意　王强　3月5日", "", *HEAD],
     [("拟稿", "牛晨", None, None, None, "2024-03-01"), ("会签", "王强", None, "区财政局", "同意", "2024-03-05")]),
    ("labels-row-over-values-row", ["发文审批单", ("拟稿人", "核稿人", "签发人"),
                                    ("包文静　2024年3月11日", "曲丽　2024年3月12日", "同意。逯长青　2024年3月13日"), *HEAD],
     [("拟稿", "包文静", None, None, None, "2024-03-11"), ("核稿", "曲丽", None, None, None, "2024-03-12"),
      ("签发", "逯长青", None, None, "同意", "2024-03-13")]),
    ("labels-above-values-twice", [("拟稿", "核稿"), ("田佳琪　2024年4月16日", "贺卫东　2024年4月17日"),
                                   ("会签", "签发"), ("欧阳文斌　2024年4月18日", "禤志刚　同意印发　2024年4月19日"), *HEAD],
     [("拟稿", "田佳琪", None, None, None, "2024-04-16"), ("核稿", "贺卫东", None, None, None, "2024-04-17"),
      ("会签", "欧阳文斌", None, None, None, "2024-04-18"), ("签发", "禤志刚", None, None, "同意印发", "2024-04-19")]),
    ("step-named-qianfaren", ["发文稿纸", "拟稿人：亓官静 2024年3月1日", "签发人：刘卫东区长 2024年3月8日", "", *HEAD],
     [("拟稿", "亓官静", None, None, None, "2024-03-01"), ("签发", "刘卫东", "区长", None, None, "2024-03-08")]),
    ("tongzhi-after-the-name", ["发文稿纸", "拟稿：党政办 曹宇 2024年9月2日", "签发：姚丹同志 2024年9月3日", "", *HEAD],
     [("拟稿", "曹宇", None, "党政办", None, "2024-09-02"), ("签发", "姚丹", None, None, None, "2024-09-03")]),
    ("spaced-two-character-name", ["发文稿纸", "拟稿：王　强 2024年3月1日", "签发：常　晓燕 2024年3月8日", "", *HEAD],
     [("拟稿", "王强", None, None, None, "2024-03-01"), ("签发", "常晓燕", None, None, None, "2024-03-08")]),
    ("minority-name", ["发文稿纸", "拟稿：阿依古丽·买买提 2024年3月1日", "签发：上官晓峰（常务副区长）2024年3月8日", "", *HEAD],
     [("拟稿", "阿依古丽·买买提", None, None, None, "2024-03-01"),
      ("签发", "上官晓峰", "常务副区长", None, None, "2024-03-08")]),
    ("opinions", ["发文稿纸", "核稿：办公室 王丽君 拟同意，请常晓燕同志阅示 2024年3月4日", "签发：同意。常晓燕 2024.3.8", "", *HEAD],
     [("核稿", "王丽君", None, "办公室", "拟同意，请常晓燕同志阅示", "2024-03-04"),
      ("签发", "常晓燕", None, None, "同意", "2024-03-08")]),
    ("dates-without-year-take-the-records-year", ["发文稿纸", "拟稿：张敏 12月30日", "签发：刘卫东 2025年1月2日", "", *HEAD],
     [("拟稿", "张敏", None, None, None, "2024-12-30"), ("签发", "刘卫东", None, None, None, "2025-01-02")]),
    ("labels-row-over-several-value-rows", [("拟稿", "核稿", "会签", "签发"), ("区教育局办公室", "", "区财政局", ""),
                                            ("张敏", "李娜（副局长）", "王强", "刘卫东（区长）"),
                                            ("2024年5月6日", "2024年5月7日", "2024年5月8日", "2024年5月9日"), *HEAD],
     [("拟稿", "张敏", None, "区教育局办公室", None, "2024-05-06"), ("核稿", "李娜", "副局长", None, None, "2024-05-07"),
      ("会签", "王强", None, "区财政局", None, "2024-05-08"), ("签发", "刘卫东", "区长", None, None, "2024-05-09")]),
    ("labels-row-under-a-row-heading", [("环节", "拟稿人", "签发人"), ("姓名", "张敏", "刘卫东"),
                                        ("日期", "2024年5月6日", "2024年5月9日"), *HEAD],
     [("拟稿", "张敏", None, None, None, "2024-05-06"), ("签发", "刘卫东", None, None, None, "2024-05-09")]),
    ("text-labels-above-values", ["发文稿纸", "拟稿", "张敏 2024年3月1日", "签发", "刘卫东 2024年3月8日", "", *HEAD],
     [("拟稿", "张敏", None, None, None, "2024-03-01"), ("签发", "刘卫东", None, None, None, "2024-03-08")]),
    ("text-label-line-over-value-lines", ["发文稿纸", "拟稿　　核稿　　签发", "张敏　　李娜　　刘卫东",
                                          "2024年3月1日　2024年3月2日　2024年3月8日", "", *HEAD],
     [("拟稿", "张敏", None, None, None, "2024-03-01"), ("核稿", "李娜", None, None, None, "2024-03-02"),
      ("签发", "刘卫东", None, None, None, "2024-03-08")]),
    ("an-organ-alone-holds-no-name", ["发文稿纸", "拟稿：区教育局办公室", "核稿：李娜 2024年3月2日", "签发：刘卫东 2024年3月8日", "",
                                      *HEAD],
     [("拟稿", None, None, "区教育局办公室", None, None), ("核稿", "李娜", None, None, None, "2024-03-02"),
      ("签发", "刘卫东", None, None, None, "2024-03-08")]),
    ("value-parts-labelled", [("拟稿", "单位：区教育局 姓名：张敏 日期：2024年3月1日"),
                              ("签发", "意见：同意 签名：刘卫东 时间：2024.3.8"), *HEAD],
     [("拟稿", "张敏", None, "区教育局", None, "2024-03-01"), ("签发", "刘卫东", None, None, "同意", "2024-03-08")]),
    ("what-the-form-asks-for-is-no-value", ["发文稿纸", "拟稿：张敏 2024年3月1日", "会签：区财政局（盖章） 王强 2024年3月5日",
                                            "签发：刘卫东（签字） 2024年3月8日", "", *HEAD],
     [("拟稿", "张敏", None, None, None, "2024-03-01"), ("会签", "王强", None, "区财政局", None, "2024-03-05"),
      ("签发", "刘卫东", None, None, None, "2024-03-08")]),
    ("two-steps-a-line-without-colons", ["发文稿纸", "拟稿　张敏　2024年3月1日　核稿　李娜　2024年3月2日",
                                         "会签　区财政局　王强　2024年3月3日　签发　刘卫东　2024年3月8日", "", *HEAD],
     [("拟稿", "张敏", None, None, None, "2024-03-01"), ("核稿", "李娜", None, None, None, "2024-03-02"),
      ("会签", "王强", None, "区财政局", None, "2024-03-03"), ("签发", "刘卫东", None, None, None, "2024-03-08")]),
    ("process-table-in-the-body-is-not-the-record",
     [*HEAD, ("环节", "经办"), ("拟稿", "区住建局 张敏 3月1日"), ("签发", "区长 刘卫东 3月8日"), *BODY_AFTER], []),
    ("record-after-the-banji", [*HEAD, *BODY_AFTER, "阳泉市城区人民政府办公室　　2024年3月8日印发",
                                ("拟稿", "张敏 2024年3月1日"), ("签发", "刘卫东 2024年3月8日")],
     [("拟稿", "张敏", None, None, None, "2024-03-01"), ("签发", "刘卫东", None, None, None, "2024-03-08")]),
]


@pytest.mark.parametrize(("lines", "expected"), [case[1:] for case in FORMS], ids=[case[0] for case in FORMS])
def test_record_forms(lines, expected):
    assert steps(lines) == expected


@pytest.mark.parametrize(("record", "document_date", "expected"), [
    (["拟稿：张敏 5月6日", "签发：刘卫东 5月8日"], "2024年5月9日", ["2024-05-06", "2024-05-08"]),
    (["拟稿：张敏 12月30日", "签发：刘卫东 1月2日"], "2025年1月3日", ["2024-12-30", "2025-01-02"]),
    (["拟稿：张敏 5月6日", "签发：刘卫东 2023年5月8日"], "2023年5月9日", ["2023-05-06", "2023-05-08"]),
])
def test_a_year_less_record_takes_the_documents_year(record, document_date, expected):
    lines = ["发文稿纸", *record, "", "阳泉市城区教育局文件", "城教字〔2024〕3号", "阳泉市城区教育局关于更新课桌椅的请示",
             "阳泉市城区人民政府：", "请批示。", "阳泉市城区教育局", document_date]
    approval = extract(make_document(lines)).fields.approval
    assert [step.date for step in approval] == expected
    assert [step.year_inferred for step in approval] == ["年" not in line for line in record]


@pytest.mark.parametrize(("written", "name"), [
    ("禤志刚", "禤志刚"), ("亓官静", "亓官静"), ("欧阳文斌", "欧阳文斌"), ("姚丹同志", "姚丹"), ("王　强", "王强"),
    ("阿依古丽·买买提", "阿依古丽·买买提"), ("刘卫东区长", "刘卫东"), ("韩某某", "韩某某"),
    ("同意", None), ("拟同意", None), ("常务副区长", None), ("区财政局", None), ("韩区长", None),
])
def test_read_name(written, name):
    found = read_name(written)
    assert (found.name if found else None) == name


def test_a_roster_name_wins_over_the_surname_list():
    roster = Roster("阳泉市城区人民政府", (Person("扎西多吉", "副区长", "阳泉市城区人民政府"),))
    assert read_name("扎西多吉") is None or read_name("扎西多吉").source == "segmentation"
    assert read_name("扎西多吉", roster).source == "roster"
    assert steps(["发文稿纸", "拟稿：张敏 2024年3月1日", "签发：扎西多吉 2024年3月8日", ""], roster)[1][:3] == (
        "签发", "扎西多吉", "副区长")


@pytest.mark.parametrize(("written", "names"), [
    ("常　晓燕", ["常晓燕"]), ("欧阳　文斌", ["欧阳文斌"]), ("王强　李明", ["王强", "李明"]), ("刘卫东区长", ["刘卫东"]),
    ("韩某某 王某某", ["韩某某", "王某某"]),
    # OCR drops the blank between two signers; the cut that leaves two names is taken
    ("萧某某贾某某", ["萧某某", "贾某某"]), ("刘卫东王建国", ["刘卫东", "王建国"]), ("欧阳明月李华", ["欧阳明月", "李华"]),
    ("综合科", ["综合科"]), ("区长", ["区长"]),
])
def test_split_names(written, names):
    assert split_names(written) == names


@pytest.mark.parametrize(("header_line", "expected"), [
    ("城政发〔2024〕3号　　签发人：刘卫东区长", ("刘卫东",)),
    ("城政发〔2024〕3号　　签发人：常　晓燕", ("常晓燕",)),
    ("城政发〔2024〕3号　　签发：刘卫东", ("刘卫东",)),
])
def test_signer_field_reads_names_through_the_names_module(header_line, expected):
    doc = make_document(["阳泉市城区人民政府文件", header_line, "关于做好防汛工作的请示", "阳泉市人民政府：", "请批示。"])
    doc = doc.__class__(**{**doc.__dict__, "structure": recognise_structure(doc)})
    assert signer(doc) == expected


def test_signer_wrapped_by_a_pdf_text_layer_continues_on_the_next_line():
    doc = make_document(["城审批请〔2024〕2号　　　　签发人：吉", "海波", "关于审批制度改革实施方案的请示",
                         "阳泉市城区人民政府：", "请批示。"])
    doc = doc.__class__(**{**doc.__dict__, "structure": recognise_structure(doc)})
    assert signer(doc) == ("吉海波",)


# --- property: any record, any rendering, reads back -------------------------------------------

NAMES = ["刘卫东", "张敏", "王强", "禤志刚", "亓官静", "欧阳文斌", "上官晓峰", "司马俊", "姚丹", "焦红梅", "阿依古丽·买买提"]
POSTS = [None, "区长", "副区长", "局长", "主任", "科长"]
ORGANS = ["区财政局", "区住房和城乡建设局", "区发展和改革局"]
OPINIONS = [None, "同意", "拟同意", "同意印发"]
LABELS = {"拟稿": ["拟稿", "拟稿人"], "核稿": ["核稿", "核稿人"], "会签": ["会签", "会签人"], "审核": ["审核", "审核人"],
          "签发": ["签发", "签发人"]}


@st.composite
def records(draw):
    roles = draw(st.lists(st.sampled_from(list(LABELS)), min_size=2, max_size=5, unique=True))
    roles.sort(key=list(LABELS).index)
    written = []
    for index, role in enumerate(roles):
        day = draw(st.integers(1, 28))
        written.append({
            "role": role, "label": draw(st.sampled_from(LABELS[role])), "name": draw(st.sampled_from(NAMES)),
            "post": draw(st.sampled_from(POSTS)), "organ": draw(st.sampled_from(ORGANS)) if role == "会签" else None,
            "opinion": draw(st.sampled_from(OPINIONS)), "day": day, "month": index + 3,
            "year": index == 0 or draw(st.booleans()), "post_style": draw(st.sampled_from(["brackets", "after"])),
        })
    return written


def date_text(step) -> str:
    return f"{'2024年' if step['year'] else ''}{step['month']}月{step['day']}日"


def who_text(step, post_style: str) -> str:
    if not step["post"]:
        return step["name"]
    return f"{step['name']}（{step['post']}）" if post_style == "brackets" else f"{step['name']}　{step['post']}"


def value_text(step) -> str:
    parts = [step["opinion"], step["organ"], who_text(step, step["post_style"]), date_text(step)]
    return "　".join(part for part in parts if part)


def render(record, form: str, colon: bool) -> list:
    separator = "：" if colon else "　"
    if form == "text":
        return ["发文稿纸", *(f"{step['label']}{separator}{value_text(step)}" for step in record), "-" * 20, *HEAD]
    if form == "table-column":
        return [*((step["label"], value_text(step)) for step in record), *HEAD]
    if form == "table-columns":  # labels in the first row, one row a part below: one column a step
        return [tuple(step["label"] for step in record), tuple(step["opinion"] or "" for step in record),
                tuple(step["organ"] or "" for step in record),
                tuple(who_text(step, step["post_style"]) for step in record),
                tuple(date_text(step) for step in record), *HEAD]
    if form == "text-columns":  # a line of labels over a line of names and a line of dates
        return ["发文稿纸", "　".join(step["label"] for step in record),
                "　".join(who_text(step, "brackets") for step in record),
                "　".join(date_text(step) for step in record), "", *HEAD]
    return [tuple(step["label"] for step in record), tuple(value_text(step) for step in record), *HEAD]


@settings(max_examples=80, deadline=2000, derandomize=True, database=None)
@given(records(), st.sampled_from(["text", "table-column", "table-row", "table-columns", "text-columns"]), st.booleans())
def test_any_record_in_any_rendering_reads_back(record, form, colon):
    names_and_dates_only = form == "text-columns"
    expected = [(step["role"], step["name"], step["post"], None if names_and_dates_only else step["organ"],
                 None if names_and_dates_only else step["opinion"], f"2024-{step['month']:02d}-{step['day']:02d}")
                for step in record]
    assert steps(render(record, form, colon)) == expected


def test_a_form_title_with_a_note_in_brackets():
    doc = make_document(["发文稿纸（区政府）", ("拟稿", "审核", "签发"),
                         ("祁佳慧 2024年3月4日", "栾海涛 2024年3月5日", "同意印发。刘卫东 2024年3月6日"),
                         "阳泉市城区人民政府文件", "阳城政发〔2024〕6号", "阳泉市城区人民政府关于印发《整治方案》的通知",
                         "各街道办事处：", "现印发给你们，请认真贯彻落实。"])
    steps = read_approval(doc).steps
    assert [(step.role, step.name) for step in steps] == [("拟稿", "祁佳慧"), ("审核", "栾海涛"), ("签发", "刘卫东")]
