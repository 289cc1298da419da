"""approval_record: the three forms, label variants, names and dates, roster posts, sidecar errors."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from gongwen.extractors.fields.approval import approval_record, parse_entry, sidecar_companion, sidecar_path
from gongwen.pipeline.errors import IngestError
from gongwen.pipeline.model import ApprovalStep, Companion
from gongwen.pipeline.roster import Person, Roster

ROSTER = Roster("阳泉市城区人民政府", (
    Person("周某某", "区长", "阳泉市城区人民政府"),
    Person("韩某某", "常务副区长", "阳泉市城区人民政府", departments=("区财政局",)),
    Person("王某某", "局长", "阳泉市城区财政局"),
    Person("张某某", "办公室主任", "阳泉市城区教育局"),
    Person("郑某某", "副局长", "阳泉市城区教育局"),
    Person("李明", "副局长", "阳泉市城区住房和城乡建设局"),
))

TEXT_FORM = [
    "发文稿纸",
    "拟稿：区教育局 张某某 2024年3月1日",
    "核稿：郑某某 2024.3.2",
    "会签：区财政局 王某某 2024-03-03",
    "签发：常务副区长 韩某某 3月5日",
    "",
    "阳泉市城区教育局关于申请拨付第二小学教学楼加固资金的请示",
    "区人民政府：",
    "恳请区政府拨付第二小学教学楼加固资金120万元。",
]


def steps_of(doc, roster=None):
    return approval_record(doc, roster)


# --- text form ----------------------------------------------------------------------------------

def test_text_form_without_roster(make_document):
    steps, source = steps_of(make_document(TEXT_FORM))
    assert source == "text"
    assert steps == (
        ApprovalStep("拟稿", "张某某", None, "2024-03-01", "区教育局"),
        ApprovalStep("核稿", "郑某某", None, "2024-03-02"),
        ApprovalStep("会签", "王某某", None, "2024-03-03", "区财政局"),
        ApprovalStep("签发", "韩某某", "常务副区长", "2024-03-05", year_inferred=True),  # the year of the other steps
    )


def test_text_form_with_roster_takes_missing_posts_from_it(make_document):
    steps, _ = steps_of(make_document(TEXT_FORM), ROSTER)
    assert [(step.name, step.post) for step in steps] == [
        ("张某某", "办公室主任"), ("郑某某", "副局长"), ("王某某", "局长"), ("韩某某", "常务副区长")]
    assert steps[1].organ == "阳泉市城区教育局"  # not in the record: from the roster
    assert steps[2].organ == "区财政局"  # as the record gives it


@pytest.mark.parametrize("title", ["公文审批单", "发文审批单", "发 文 稿 纸", "阳泉市城区教育局发文稿纸", "会议纪要审签单"])
def test_form_titles(make_document, title):
    steps, source = steps_of(make_document([title, "签发：周某某 2024年3月5日", "", "正文"]))
    assert source == "text" and steps == (ApprovalStep("签发", "周某某", None, "2024-03-05"),)


def test_text_form_closed_by_a_dash_line(make_document):
    doc = make_document(["发文稿纸", "拟稿：张某某 2024年3月1日", "-" * 30, "签发：周某某 2024年3月5日"])
    steps, _ = steps_of(doc)
    assert [step.role for step in steps] == ["拟稿"]


def test_text_form_continuation_line_and_blank_after_title(make_document):
    doc = make_document(["公文审批单", "", "拟稿：张某某 2024年3月1日", "会签：区财政局 王某某 2024年3月3日",
                         "      区住房和城乡建设局 李明 2024年3月4日", "标题：关于某某的请示", "签发：周某某 2024年3月5日", ""])
    steps, _ = steps_of(doc, ROSTER)
    assert [(step.role, step.organ, step.name) for step in steps] == [
        ("拟稿", "阳泉市城区教育局", "张某某"), ("会签", "区财政局", "王某某"),
        ("会签", "区住房和城乡建设局", "李明"), ("签发", "阳泉市城区人民政府", "周某某")]


def test_a_sentence_mentioning_the_form_is_not_a_record(make_document):
    doc = make_document(["各单位要认真填写发文稿纸，签发：由区长负责。", "签发：周某某"])
    assert steps_of(doc) == ((), None)


# --- table form ---------------------------------------------------------------------------------

def test_table_with_labels_in_the_first_column(make_document):
    doc = make_document([
        ("发文稿纸",),
        ("签发", "同意。韩某某 3月5日", "同意。韩某某 3月5日"),  # a merged cell Word repeats
        ("会签单位", "区财政局 王某某 2024.3.3；区住房和城乡建设局 李明 2024.3.4"),
        ("拟稿单位", "区教育局", "拟稿人", "张某某 2024-03-01"),
        ("核稿人", "郑某某 3月2日", "份数", "5"),
        ("标题", "关于申请拨付第二小学教学楼加固资金的请示"),
        ("主送", "区人民政府"),
        ("文号", "城教发〔2024〕3号"),
        ("审核", ""),
        "正文第一段。",
    ])
    steps, source = steps_of(doc, ROSTER)
    assert source == "table"
    assert steps == (
        ApprovalStep("拟稿", "张某某", "办公室主任", "2024-03-01", "区教育局"),
        ApprovalStep("核稿", "郑某某", "副局长", "2024-03-02", "阳泉市城区教育局", year_inferred=True),
        ApprovalStep("会签", "王某某", "局长", "2024-03-03", "区财政局"),
        ApprovalStep("会签", "李明", "副局长", "2024-03-04", "区住房和城乡建设局"),
        ApprovalStep("签发", "韩某某", "常务副区长", "2024-03-05", "阳泉市城区人民政府", "同意", year_inferred=True),
    )


def test_table_cells_holding_label_and_value(make_document):
    doc = make_document([("拟稿：张某某 2024年3月1日", "核稿：郑某某 2024年3月2日"), ("签发：区长 周某某 2024年3月5日",)])
    steps, source = steps_of(doc)
    assert source == "table"
    assert [(s.role, s.name, s.post, s.date) for s in steps] == [
        ("拟稿", "张某某", None, "2024-03-01"), ("核稿", "郑某某", None, "2024-03-02"), ("签发", "周某某", "区长", "2024-03-05")]


def test_a_body_table_with_one_role_word_is_not_a_record(make_document):
    doc = make_document([("环节", "责任单位"), ("审核", "区财政局负责审核资金使用情况"), ("实施", "区住建局")])
    assert steps_of(doc) == ((), None)


def test_the_table_wins_over_a_text_block(make_document):
    doc = make_document([*TEXT_FORM, ("签发", "周某某 2024年4月1日"), ("拟稿", "张某某 2024年3月30日")])
    steps, source = steps_of(doc)
    assert source == "table" and [step.name for step in steps] == ["张某某", "周某某"]


@pytest.mark.parametrize(("label", "role"), [
    ("拟稿人", "拟稿"), ("起草人", "拟稿"), ("核稿人", "核稿"), ("审核人", "审核"), ("单位负责人审核", "审核"),
    ("会签", "会签"), ("会签部门", "会签"), ("会签单位", "会签"), ("签发人", "签发"), ("审签", "审签"),
    ("审阅人", "审阅"), ("签 发 人：", "签发"),
])
def test_role_label_variants(make_document, label, role):
    other = "核稿" if role != "核稿" else "拟稿"  # a record needs two different roles
    doc = make_document([(label, "周某某 2024年3月5日"), (other, "张某某 2024年3月1日")])
    steps, _ = steps_of(doc)
    assert (role, "周某某") in [(step.role, step.name) for step in steps]


def test_a_record_printed_from_the_signing_down_reads_bottom_up(make_document):
    doc = make_document([("签发", "周某某"), ("审阅", "韩某某"), ("会签", "区财政局 王某某"), ("审核", "郑某某"),
                         ("核稿", "张某某"), ("拟稿", "区教育局 李明")])
    steps, _ = steps_of(doc, ROSTER)
    assert [step.role for step in steps] == ["拟稿", "核稿", "审核", "会签", "审阅", "签发"]


def test_steps_between_drafting_and_signing_keep_the_record_order(make_document):
    doc = make_document([("拟稿", "核稿", "审核", "会签", "签发"),
                         ("田佳琪 2024年4月16日", "曲丽 4月16日", "贺卫东 4月17日", "郜建平 4月17日", "禤志刚 4月19日")])
    steps, _ = steps_of(doc)
    assert [step.role for step in steps] == ["拟稿", "核稿", "审核", "会签", "签发"]


# --- values and dates ---------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "name", "post", "organ", "opinion"), [
    ("同意。韩某某 3月5日", "韩某某", None, None, "同意"),
    ("同意印发。张某某 2024年9月10日", "张某某", None, None, "同意印发"),
    ("区财政局 王某某 2024年3月3日", "王某某", None, "区财政局", None),
    ("区财政局王某某2024.3.3", "王某某", None, "区财政局", None),
    ("常务副区长韩某某", "韩某某", "常务副区长", None, None),
    ("区财政局局长 王明 2024-03-05", "王明", "局长", "区财政局", None),
    ("拟同意，请韩区长审签。郭某某 3月4日", "郭某某", None, None, "拟同意，请韩区长审签"),
    ("区长", None, "区长", None, None),
    ("张某", "张某", None, None, None),
])
def test_parse_entry_without_roster(value, name, post, organ, opinion):
    entry = parse_entry("签发", value, None)
    assert (entry.name, entry.post, entry.organ, entry.opinion) == (name, post, organ, opinion)


def test_roster_names_are_recognised_even_when_unusual():
    entry = parse_entry("会签", "同意 区住建局李明", ROSTER)
    assert (entry.name, entry.organ, entry.opinion) == ("李明", "区住建局", "同意")


@pytest.mark.parametrize(("rows", "dates"), [
    ([("拟稿", "张某某 3月1日"), ("签发", "周某某 3月5日")], [None, None]),  # no year anywhere
    ([("拟稿", "张某某 2024年12月30日"), ("签发", "周某某 1月2日")], ["2024-12-30", "2025-01-02"]),
    ([("拟稿", "张某某 12月30日"), ("签发", "周某某 2025年1月2日")], ["2024-12-30", "2025-01-02"]),
    ([("拟稿", "张某某 2024年2月30日"), ("签发", "周某某 2024年3月1日")], [None, "2024-03-01"]),
])
def test_year_less_dates(make_document, rows, dates):
    steps, _ = steps_of(make_document(rows))
    assert [step.date for step in steps] == dates


# --- sidecar ------------------------------------------------------------------------------------

SIDECAR = """\
steps:
  - {role: 拟稿, name: 张某某, date: 2024-03-01}
  - {role: 会签, organ: 区财政局, name: 王某某, date: 2024-03-03}
  - {role: 签发人, name: 韩某某, post: 常务副区长, date: "2024年3月5日", opinion: 同意上报}
"""


@pytest.fixture
def document_path(tmp_path) -> Path:
    path = tmp_path / "城区教育局请示.docx"
    path.write_bytes(b"")
    return path


def test_sidecar_path(tmp_path, document_path):
    assert sidecar_path(document_path) == tmp_path / "城区教育局请示.approval.yaml"
    specific = tmp_path / "城区教育局请示.docx.approval.yaml"
    specific.write_text(SIDECAR, encoding="utf-8")
    assert sidecar_path(document_path) == specific


def with_sidecar(doc, document_path):
    """``doc`` as ingest delivers it: with the sidecar beside ``document_path`` among its companions."""
    companion = sidecar_companion(document_path)
    return replace(doc, raw=replace(doc.raw, companions=(companion,) if companion else ()))


def test_sidecar_is_read_at_ingest_and_wins(make_document, document_path):
    sidecar_path(document_path).write_text(SIDECAR, encoding="utf-8")
    doc = make_document([("签发", "周某某 2024年4月1日"), ("拟稿", "张某某 2024年3月30日")], path=str(document_path))
    assert sidecar_companion(document_path) == Companion("城区教育局请示.approval.yaml", "approval_sidecar", SIDECAR)
    steps, source = approval_record(with_sidecar(doc, document_path), ROSTER)
    assert source == "sidecar"
    assert steps == (
        ApprovalStep("拟稿", "张某某", "办公室主任", "2024-03-01", "阳泉市城区教育局"),
        ApprovalStep("会签", "王某某", "局长", "2024-03-03", "区财政局"),
        ApprovalStep("签发", "韩某某", "常务副区长", "2024-03-05", "阳泉市城区人民政府", "同意上报"),
    )


def test_extraction_reads_no_file(make_document, document_path):
    # the sidecar lies beside the document, but only what ingest delivered counts
    sidecar_path(document_path).write_text(SIDECAR, encoding="utf-8")
    steps, source = approval_record(make_document(TEXT_FORM, path=str(document_path)))
    assert source == "text" and len(steps) == 4


def test_no_sidecar_no_companion(document_path):
    assert sidecar_companion(document_path) is None


def test_no_record(make_document):
    assert approval_record(make_document(["区人民政府：", "恳请批准。"], path="")) == ((), None)


@pytest.mark.parametrize(("text", "expected"), [
    ("steps: [\n", "第 2 行第 1 列 YAML 格式错误"),
    ("- {role: 拟稿, name: 张某某}\n", "应包含 steps 列表"),
    ("steps: {role: 拟稿}\n", "应包含 steps 列表"),
    ("steps:\n  - 张某某\n", "第 2 行（第 1 个环节）应为键值结构"),
    ("steps:\n  - {role: 拟稿, name: 张某某}\n  - {role: 签字, name: 周某某}\n", "第 3 行（第 2 个环节）的环节“签字”无法识别"),
    ("steps:\n  - {name: 张某某}\n", "缺少 role"),
    ("steps:\n  - {role: 拟稿, nmae: 张某某}\n", "无法识别的项“nmae”"),
    ("steps:\n  - {role: 拟稿, date: 2024-03-01}\n", "缺少 name（姓名）或 organ（单位）"),
    ("steps:\n  - {role: 拟稿, name: 张某某, date: 下周一}\n", "日期“下周一”无法识别"),
    ("steps:\n  - {role: 拟稿, name: 张某某, date: 2024年2月30日}\n", "日期“2024年2月30日”无法识别"),
    ("steps:\n  - {role: 拟稿, name: 张某某, date: 20240301}\n", "日期“20240301”无法识别"),
    ("steps:\n  - {role: 拟稿, name: [张某某]}\n", "name 应为文字"),
])
def test_a_wrong_sidecar_is_that_documents_error(make_document, document_path, text, expected):
    sidecar = sidecar_path(document_path)
    sidecar.write_text(text, encoding="utf-8")
    with pytest.raises(IngestError) as caught:
        approval_record(with_sidecar(make_document(TEXT_FORM, path=str(document_path)), document_path))
    error = caught.value.to_error()
    assert error.code == "approval-invalid"
    assert "城区教育局请示.docx" in error.message and sidecar.name in error.message
    assert expected in error.message, error.message


def test_a_sidecar_that_is_not_utf8(make_document, document_path):
    sidecar_path(document_path).write_bytes(SIDECAR.encode("gbk"))
    with pytest.raises(IngestError, match="approval-invalid") as caught:
        approval_record(with_sidecar(make_document(TEXT_FORM, path=str(document_path)), document_path))
    assert "不是 UTF-8 编码" in caught.value.to_error().message


def test_an_empty_step_list_is_an_explicit_empty_record(make_document, document_path):
    sidecar_path(document_path).write_text("steps: []\n", encoding="utf-8")
    assert approval_record(with_sidecar(make_document(TEXT_FORM, path=str(document_path)), document_path)) == ((), "sidecar")


def _alias_bomb(levels: int, key: str = "name") -> str:
    """Each level a list of ten aliases of the one before: 10**levels names from a few hundred bytes."""
    lines = ["l0: &l0 [张某某, 张某某, 张某某, 张某某, 张某某, 张某某, 张某某, 张某某, 张某某, 张某某]"]
    lines += [f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 10)}]" for n in range(1, levels)]
    lines += ["steps:", f"  - {{role: 拟稿, {key}: *l{levels - 1}}}"]
    return "\n".join(lines) + "\n"


def test_a_sidecar_of_nested_aliases_gives_a_short_message(make_document, document_path):
    # A 340-byte sidecar like this one gave a 312 M-character message, stored and rendered.
    sidecar_path(document_path).write_text(_alias_bomb(6), encoding="utf-8")
    with pytest.raises(IngestError) as caught:
        approval_record(with_sidecar(make_document(TEXT_FORM, path=str(document_path)), document_path))
    message = caught.value.to_error().message
    assert caught.value.code == "approval-invalid" and "别名" in message
    assert len(message) < 300, len(message)


def test_a_long_value_is_quoted_cut_short(make_document, document_path):
    sidecar_path(document_path).write_text(f"steps:\n  - {{role: 拟稿, name: 张某某, date: {'九' * 5000}}}\n",
                                           encoding="utf-8")
    with pytest.raises(IngestError) as caught:
        approval_record(with_sidecar(make_document(TEXT_FORM, path=str(document_path)), document_path))
    message = caught.value.to_error().message
    assert "日期“" + "九" * 79 + "…”无法识别" in message and len(message) < 300


def test_an_oversized_sidecar_states_its_size_and_the_limit(make_document, document_path):
    sidecar_path(document_path).write_text("# " + "备注" * 600_000 + "\nsteps: []\n", encoding="utf-8")
    with pytest.raises(IngestError) as caught:
        approval_record(with_sidecar(make_document(TEXT_FORM, path=str(document_path)), document_path))
    assert "文件大小为 3.4 MB，超过上限 1 MB" in caught.value.to_error().message


def test_a_sidecar_keeps_its_order(make_document, document_path):
    """An exported record lists the steps as they happened: a review after the signing stays after it
    (a printed 发文稿纸's layout is put in process order; a sidecar's list is not)."""
    sidecar_path(document_path).write_text(
        "steps:\n- {role: 拟稿, name: 张某某, date: '2024-06-03'}\n- {role: 签发, name: 周某某, date: '2024-06-07'}\n"
        "- {role: 审核, name: 韩某某, date: '2024-06-11'}\n", encoding="utf-8")
    doc = make_document(["区政府关于推进城市更新工作的通知"], path=str(document_path))
    steps, source = approval_record(with_sidecar(doc, document_path))
    assert source == "sidecar" and [step.role for step in steps] == ["拟稿", "签发", "审核"]
