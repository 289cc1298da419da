"""The 规范性文件 procedure rules (legality review, public consultation, policy interpretation):
which documents they look at, where they find evidence, and the accompanying-file rule."""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from gongwen.pipeline.companions import companion_keywords, read_companions
from gongwen.pipeline.errors import ConfigError
from gongwen.pipeline.roster import Person, Roster
from gongwen.validators.context import RuleContext
from gongwen.validators.engine import validate
from gongwen.validators.examples import build_document
from gongwen.validators.packs import Pack, available_packs, load_pack
from gongwen.validators.vocab import is_normative

LEGALITY = "regulation.legality-review"
CONSULTATION = "regulation.public-consultation"
INTERPRETATION = "regulation.policy-interpretation"
PROCEDURE_RULES = (LEGALITY, CONSULTATION, INTERPRETATION)
DRAFT = "城区犬只管理办法（送审稿）"
BODY = "第一条 为规范犬只管理，维护公共秩序，结合本区实际，制定本办法。"
SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
SEED_FILES = {
    "《阳泉市城区人民政府工作规则》": "000_",
    "《东安区人民政府工作规则》": "001_",
    "《前进区人民政府常务会议制度》": "002_",
    "《晋城市城区区长办公会议工作细则》": "003_",
    "《咸阳市人民政府工作规则（试行）》": "004_",
}


def rules_fired(findings) -> set[str]:
    return {f.rule for f in findings}


def draft_on_disk(folder: Path, companions=(), *, name: str = DRAFT, title: str | None = DRAFT,
                  lines: tuple[str, ...] = (BODY,), approval=(), looked_for: Pack | None = None):
    """A draft written to ``folder/NAME.txt`` with empty companion files beside it, carrying the
    companions ingest hands over for the pack ``looked_for``."""
    path = folder / f"{name}.txt"
    text_lines = ([title] if title else []) + list(lines)
    path.write_text("\n".join(text_lines), encoding="utf-8")
    for companion in companions:
        (folder / companion).touch()
    found = read_companions(path, companion_keywords(looked_for))
    return build_document(text_lines, {"title": title} if title else {}, approval=approval, path=str(path),
                          companions=[companion.name for companion in found if companion.role == "sibling"])


@pytest.mark.parametrize(("title", "doc_type", "expected"), [
    ("城区犬只管理办法（送审稿）", None, True),
    ("关于印发《城区犬只管理办法》的通知", "通知", True),
    ("城区户外广告设置管理规定（试行）", None, True),
    ("阳泉市城区人民政府关于春节期间禁止燃放烟花爆竹的通告", "通告", True),
    ("城区人民政府工作规则（送审稿）", None, False),
    ("关于开展犬只集中登记工作的通知", "通知", False),
    ("前进区老旧小区供热管网改造实施方案（送审稿）", None, False),
])
def test_one_normative_test_serves_creates_power_and_the_procedure_rules(title, doc_type, expected):
    assert is_normative(title, doc_type) is expected


def test_only_drafts_submitted_for_review_are_checked(pack):
    national = pack()
    issued = build_document(["关于印发《城区犬只管理办法》的通知", "各街道办事处："],
                            {"doc_type": "通知", "title": "关于印发《城区犬只管理办法》的通知", "doc_number": "城政办发〔2024〕6号"})
    for_comment = build_document(["城区犬只管理办法（征求意见稿）", BODY], {"title": "城区犬只管理办法（征求意见稿）"})
    submitted = build_document([DRAFT, BODY], {"title": DRAFT})
    assert not rules_fired(validate(issued, national)) & set(PROCEDURE_RULES)
    assert not rules_fired(validate(for_comment, national)) & set(PROCEDURE_RULES)
    assert {LEGALITY, CONSULTATION} <= rules_fired(validate(submitted, national))


def test_a_draft_mark_in_the_file_name_is_enough(tmp_path, pack):
    document = draft_on_disk(tmp_path, name=DRAFT, title="城区犬只管理办法")
    assert LEGALITY in rules_fired(validate(document, pack()))


def test_finding_names_the_draft_and_points_at_its_title(pack):
    document = build_document([DRAFT, BODY], {"title": DRAFT}, elements={"title": DRAFT})
    (finding,) = [f for f in validate(document, pack("dongan")) if f.rule == INTERPRETATION]
    assert "《城区犬只管理办法》" in finding.message and "政策解读材料" in finding.message
    assert finding.severity == "error" and finding.location.start == 0
    assert finding.source.article == "第六十条"


@pytest.mark.parametrize(("step", "roster_person", "reviewed"), [
    ({"role": "会签", "organ": "区司法局", "name": "程某某"}, None, True),
    ({"role": "审核", "name": "程某某", "post": "区司法局局长"}, None, True),
    ({"role": "审核", "name": "程某某"}, Person("程某某", "主任", "咸阳市人民政府法制办公室"), True),
    ({"role": "审核", "organ": "区政府办公室", "name": "王某某", "opinion": "已进行合法性审核，同意提交常务会议"}, None, True),
    ({"role": "审核", "organ": "区政府办公室", "name": "王某某", "opinion": "同意"}, None, False),
    ({"role": "审核", "name": "程某某"}, None, False),
])
def test_approval_steps_that_record_the_review(pack, step, roster_person, reviewed):
    document = build_document([DRAFT, BODY], {"title": DRAFT},
                              approval=[{"role": "拟稿", "organ": "区农业农村局", "name": "孙某某"}, step])
    roster = Roster("区人民政府", (roster_person,)) if roster_person else None
    assert (LEGALITY not in rules_fired(validate(document, pack(), roster))) is reviewed


@pytest.mark.parametrize(("sentence", "reviewed"), [
    ("本办法已经区司法局合法性审查，未发现违法内容。", True),
    ("经区司法局审核，同意提交区政府常务会议审议。", True),
    ("附件：区司法局合法性审查意见书", True),
    ("本办法尚未进行合法性审查。", False),
    ("提交常务会议前将提请区司法局进行合法性审查。", False),
    ("区司法局负责本办法实施的监督。", False),
])
def test_text_that_records_the_review(pack, sentence, reviewed):
    document = build_document([DRAFT, sentence, BODY], {"title": DRAFT})
    assert (LEGALITY not in rules_fired(validate(document, pack()))) is reviewed


@pytest.mark.parametrize(("sentence", "fires"), [
    ("本办法于2024年8月1日至8月31日在区政府门户网站公开征求意见，收到意见12条。", False),
    ("本办法涉及国家秘密，依法需要保密，未公开征求意见。", False),
    ("因时间紧，尚未公开征求意见。", True),
    ("拟于下月在区政府网站公开征求意见。", True),
    ("书面征求了区财政局、区公安分局意见。", True),
])
def test_public_consultation_in_yangquan_is_an_error(pack, sentence, fires):
    document = build_document([DRAFT, sentence, BODY], {"title": DRAFT})
    found = [f for f in validate(document, pack("yangquan-chengqu")) if f.rule == CONSULTATION]
    assert bool(found) is fires
    assert all(f.severity == "error" for f in found)


def test_dongan_asks_for_business_input_only_when_businesses_are_concerned(pack):
    business = build_document(["东安区餐饮企业油烟污染防治管理办法（送审稿）", "第三条 餐饮企业应当安装油烟净化设施。"],
                              {"title": "东安区餐饮企业油烟污染防治管理办法（送审稿）"})
    heard = build_document(["东安区餐饮企业油烟污染防治管理办法（送审稿）", "起草过程中召开了餐饮企业座谈会。",
                            "第三条 餐饮企业应当安装油烟净化设施。"],
                           {"title": "东安区餐饮企业油烟污染防治管理办法（送审稿）"})
    residents = build_document([DRAFT, "第三条 养犬人应当为犬只办理登记。"], {"title": DRAFT})
    dongan = pack("dongan")
    (finding,) = [f for f in validate(business, dongan) if f.rule == CONSULTATION]
    assert finding.severity == "warning" and "企业" in finding.message
    assert CONSULTATION not in rules_fired(validate(heard, dongan))
    assert CONSULTATION not in rules_fired(validate(residents, dongan))


@pytest.mark.parametrize(("companions", "accompanied"), [
    (["犬只管理办法-政策解读.docx"], True),
    (["《城区犬只管理办法（送审稿）》政策解读.pdf"], True),
    (["阳泉市城区犬只管理办法政策解读.docx"], True),
    (["政策解读.docx"], True),
    (["城区停车管理办法-政策解读.docx"], False),
    (["《城区停车管理办法》解读.docx"], False),
    (["犬只管理办法-起草说明.docx"], False),
    ([], False),
])
def test_which_files_accompany_the_draft(tmp_path, pack, companions, accompanied):
    document = draft_on_disk(tmp_path, companions, looked_for=pack("dongan"))
    assert (INTERPRETATION not in rules_fired(validate(document, pack("dongan")))) is accompanied


def test_companion_listing_follows_changes_to_the_folder(tmp_path, pack):
    dongan = pack("dongan")
    document = draft_on_disk(tmp_path, looked_for=dongan)
    assert INTERPRETATION in rules_fired(validate(document, dongan))
    (tmp_path / "犬只管理办法-政策解读.docx").touch()
    later = os.stat(tmp_path).st_mtime_ns + 1_000_000  # a coarse clock may not have ticked yet
    os.utime(tmp_path, ns=(later, later))
    document = draft_on_disk(tmp_path, looked_for=dongan)  # ingested again
    assert INTERPRETATION not in rules_fired(validate(document, dongan))


def test_a_document_not_on_disk_has_no_companions(pack):
    assert read_companions(Path("no/such/folder/draft.txt"), ("解读",)) == ()
    document = build_document([DRAFT, BODY], {"title": DRAFT}, path="no/such/folder/draft.txt")
    context = RuleContext(document, pack().rules[LEGALITY])
    assert context.siblings == () and context.companions(["解读"]) == ()


def test_the_document_itself_is_not_its_own_companion(tmp_path, pack):
    document = draft_on_disk(tmp_path, name="犬只管理办法政策解读（送审稿）", title=DRAFT, looked_for=pack("dongan"))
    assert RuleContext(document, pack().rules[LEGALITY]).siblings == ()


def test_interpretation_is_required_only_where_the_work_rules_require_it(pack):
    document = build_document([DRAFT, BODY], {"title": DRAFT})
    required = {name for name in available_packs() if INTERPRETATION in rules_fired(validate(document, pack(name)))}
    assert required == {"dongan", "qianjin"}


def test_a_rule_without_any_evidence_source_is_refused(tmp_path):
    path = tmp_path / "pack.yaml"
    path.write_text(
        "pack: broken\nextends: national\nrules:\n  regulation.legality-review:\n"
        "    params: {steps: null, text: [], companions: []}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="证据来源"):
        load_pack(path)


def test_companion_names_in_examples_must_be_bare_file_names(tmp_path):
    path = tmp_path / "pack.yaml"
    path.write_text(
        "pack: broken\nextends: national\nrules:\n  regulation.legality-review:\n"
        "    doc: {pass: [{text: 城区犬只管理办法（送审稿）, companions: [../审查意见.pdf]}]}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="companions"):
        load_pack(path)


def _normalised(text: str) -> str:
    """The seeds mix ASCII and full-width punctuation; the packs quote them full-width."""
    return re.sub(r"\s", "", text.translate(str.maketrans({",": "，", ";": "；", ":": "：", "(": "（", ")": "）"})))


def test_every_seed_quotation_of_the_procedure_rules_is_in_the_seed():
    if not SEEDS.is_dir():
        pytest.skip("shared seeds are not available")
    checked = 0
    for name in available_packs():
        for rule_id in PROCEDURE_RULES:
            source = load_pack(name).rules[rule_id].source
            prefix = SEED_FILES.get(source.document)
            if prefix is None or not source.quote:
                continue
            (seed,) = SEEDS.glob(f"{prefix}*.txt")
            text = _normalised(seed.read_text(encoding="utf-8"))
            for part in source.quote.split("……"):
                assert _normalised(part) in text, (name, rule_id, part)
            checked += 1
    assert checked >= 9


def test_a_draft_mark_in_the_title_must_be_bracketed(pack):
    title = "关于印发《城区国土空间规划草案编制管理办法》的通知"
    document = build_document([title, "各街道办事处："], {"doc_type": "通知", "title": title})
    assert LEGALITY not in rules_fired(validate(document, pack()))
