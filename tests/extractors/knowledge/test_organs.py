"""Organ names: place and core, one canonical organ for its several mentions, lists of recipients."""
import pytest

from gongwen.extractors.knowledge.organs import (
    OrganIndex, find_departments, is_complete_organ, is_leader_addressee, joins_previous, same_organ, split_organ_list,
    split_place,
)
from gongwen.pipeline.roster import Person, Roster

ROSTER = Roster("阳泉市城区人民政府", (
    Person("韩某某", "常务副区长", "阳泉市城区人民政府",
           departments=("阳泉市城区财政局", "阳泉市城区人力资源和社会保障局", "阳泉市城区统计局")),
    Person("武某某", "局长", "阳泉市城区市场监督管理局"),
))


@pytest.mark.parametrize(("name", "place", "core"), [
    ("阳泉市城区财政局", "阳泉市城区", "财政局"),
    ("区财政局", "区", "财政局"),
    ("财政局", "", "财政局"),
    ("区市场监督管理局", "区", "市场监督管理局"),
    ("阳泉市城区市场监督管理局", "阳泉市城区", "市场监督管理局"),
    ("区住房和城乡建设局", "区", "住房和城乡建设局"),
    ("牡丹江市东安区财政局", "牡丹江市东安区", "财政局"),
])
def test_split_place_never_cuts_the_name(name, place, core):
    assert split_place(name) == (place, core)
    assert place + core == name


@pytest.mark.parametrize("mention", ["区财政局", "阳泉市城区财政局", "财政局", "财政部门", "城区财政局"])
def test_mentions_of_the_finance_bureau_are_one_organ(mention):
    index = OrganIndex.build(ROSTER)
    assert index.canonical(mention) == "阳泉市城区财政局"


@pytest.mark.parametrize(("a", "b"), [
    ("区人社局", "阳泉市城区人力资源和社会保障局"),
    ("区发改委", "区发展和改革委员会"),
    ("区委办", "区委办公室"),
    ("区卫健局", "牡丹江市东安区卫生健康局"),
    ("公安机关", "区公安分局"),
    ("教育行政部门", "区教育局"),
])
def test_abbreviations_and_generic_names_match(a, b):
    assert same_organ(a, b)


@pytest.mark.parametrize(("a", "b"), [
    ("市财政局", "区财政局"),  # another level of government
    ("区统计局", "区财政局"),
    ("有关部门", "区财政局"),  # names no field of work
    ("市场监督管理局", "区财政局"),
])
def test_different_organs_stay_apart(a, b):
    assert not same_organ(a, b)


def test_pack_names_join_the_roster_without_code():
    index = OrganIndex.build(None, extra=["晋城市城区行政审批服务管理局"])
    assert index.canonical("区行政审批局") == "晋城市城区行政审批服务管理局"


def test_complete_names_and_parts_sharing_a_head():
    assert is_complete_organ("区财政局") and is_complete_organ("国务院") and is_complete_organ("各有关单位")
    assert not is_complete_organ("各省") and not is_complete_organ("办")
    assert joins_previous("国务院各部委", "各直属机构")
    assert joins_previous("市政府各委", "办")
    assert not joins_previous("区财政局", "区住建局")


@pytest.mark.parametrize(("text", "items"), [
    ("各省、自治区、直辖市人民政府，国务院各部委、各直属机构", ("各省、自治区、直辖市人民政府", "国务院各部委、各直属机构")),
    ("各区人民政府，市政府各委、办、局，各有关单位", ("各区人民政府", "市政府各委、办、局", "各有关单位")),
    ("黑龙江省人民政府、教育部、外交部", ("黑龙江省人民政府", "教育部", "外交部")),
    ("区财政局、区住建局", ("区财政局", "区住建局")),
])
def test_split_organ_list(text, items):
    assert split_organ_list(text) == items


def test_a_branch_written_after_its_parent_is_one_department():
    """「市自然资源局城区分局」 is the branch, not 市自然资源局 followed by another 城区分局."""
    assert [m.name for m in find_departments("我局会同区财政局、市自然资源局城区分局和相关街道")] == [
        "区财政局", "市自然资源局城区分局"]
    assert [m.name for m in find_departments("由市公安局交警支队负责")] == ["市公安局交警支队"]


@pytest.mark.parametrize(("text", "leader"), [
    ("周某某区长", True), ("第五明远市长", True), ("司马明远副市长", True), ("区长关德明同志", True),
    ("区政府刘区长", True), ("分管副区长", True),
    ("区人民政府", False), ("区长办公会议", False), ("市长办公室", False), ("各副区长", False),
])
def test_leader_addressees(text, leader):
    assert is_leader_addressee(text) is leader
