"""The roster file: loading, look-ups, and clear errors for every way it can be wrong."""
from __future__ import annotations

from pathlib import Path

import pytest

from gongwen.pipeline.errors import ConfigError
from gongwen.pipeline.roster import Person, Roster, load_roster

REPO = Path(__file__).resolve().parents[2]

ROSTER = """\
government: 阳泉市城区人民政府
people:
  - {name: 周某某, post: 区长, organ: 阳泉市城区人民政府}
  - name: 韩某某
    post: 常务副区长
    organ: 阳泉市城区人民政府
    areas: [区政府常务工作, 财政]
    departments: [区政府办公室, 阳泉市城区财政局]
  - name: 李某某
    post: 副区长
    departments: 区教育局
    acting_for: 周某某
  - {name: 武某某, post: 局长, organ: 阳泉市城区教育局}
"""


@pytest.fixture
def roster(tmp_path) -> Roster:
    path = tmp_path / "roster.yaml"
    path.write_text(ROSTER, encoding="utf-8")
    return load_roster(path)


def test_people_in_order_with_their_fields(roster):
    assert roster.government == "阳泉市城区人民政府"
    assert roster.names() == ("周某某", "韩某某", "李某某", "武某某")
    han = roster.by_name("韩某某")
    assert han == Person(name="韩某某", post="常务副区长", organ="阳泉市城区人民政府",
                         areas=("区政府常务工作", "财政"), departments=("区政府办公室", "阳泉市城区财政局"))


def test_organ_defaults_to_the_government_and_extra_keys_are_kept(roster):
    li = roster.by_name("李某某")
    assert li.organ == "阳泉市城区人民政府"
    assert li.departments == ("区教育局",)  # one department written without brackets
    assert li.extra == {"acting_for": "周某某"}


def test_post_of(roster):
    assert roster.post_of("武某某") == "局长"
    assert roster.post_of("韩 某某") == "常务副区长"  # blanks inside a name do not matter
    assert roster.post_of("无此人") is None
    assert roster.by_name("无此人") is None


@pytest.mark.parametrize(("department", "names"), [
    ("阳泉市城区财政局", ("韩某某",)),
    ("区财政局", ("韩某某",)),  # the short name of the same department
    ("财政局", ("韩某某",)),  # without its 区 prefix
    ("财政部门", ("韩某某",)),  # the generic name of its field
    ("阳泉市城区财政 局", ("韩某某",)),  # a blank inside the name
    ("市财政局", ()),  # the city's department, not the district's
    ("区政府办公室", ("韩某某",)),
    ("区教育局", ("李某某",)),
    ("局", ()),  # too short to name a department
    ("区审计局", ()),
])
def test_in_charge_of(roster, department, names):
    assert tuple(person.name for person in roster.in_charge_of(department)) == names


def test_a_person_is_hashable_and_frozen(roster):
    person = roster.by_name("周某某")
    assert hash(person) == hash(Person("周某某", "区长", "阳泉市城区人民政府"))
    with pytest.raises(AttributeError):
        person.post = "副区长"


@pytest.mark.parametrize(("text", "expected"), [
    ("people: []\n", "缺少 government"),
    ("government: 阳泉市城区人民政府\n", "缺少 people"),
    ("government: 阳泉市城区人民政府\npeople: []\n", "people 应为非空列表"),
    ("- 周某某\n", "顶层应为键值结构"),
    ("", "顶层应为键值结构"),
    ("government: 城区\npeople:\n  - {name: 周某某, post: 区长}\n  - 武某某\n", "第 4 行：people 第 2 项应为键值结构"),
    ("government: 城区\npeople:\n  - {post: 区长}\n", "第 3 行：people 第 1 项缺少 name（姓名）"),
    ("government: 城区\npeople:\n  - {name: 周某某}\n", "people 第 1 项缺少 post（职务）"),
    ("government: 城区\npeople:\n  - {name: 周某某, post: ''}\n", "people 第 1 项缺少 post（职务）"),
    ("government: 城区\npeople:\n  - {name: 123, post: 区长}\n", "name（姓名）应为文字，实际为“123”"),
    ("government: 城区\npeople:\n  - {name: 周某某, post: 区长, departments: {a: 1}}\n", "departments（联系/分管部门）应为文字列表"),
    ("government: 城区\npeople:\n  - {name: 周某某, post: 区长}\n  - {name: 周某某, post: 副区长}\n",
     "第 4 行：people 第 2 项的姓名“周某某”与第 1 项重复"),
    ("government: 城区\npeople:\n  - {name: 周某某, post: 区长\n", "第 4 行第 1 列 YAML 格式错误"),
    ("government: [城区\n", "YAML 格式错误"),
])
def test_a_bad_roster_stops_the_run_with_a_clear_message(tmp_path, text, expected):
    path = tmp_path / "名单.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_roster(path)
    message = str(caught.value)
    assert "名单.yaml" in message and expected in message, message


def test_missing_file(tmp_path):
    with pytest.raises(ConfigError, match="找不到人员名单文件.*none.yaml"):
        load_roster(tmp_path / "none.yaml")


def test_not_utf8(tmp_path):
    path = tmp_path / "gbk.yaml"
    path.write_bytes("government: 城区\npeople:\n  - {name: 周某某, post: 区长}\n".encode("gbk"))
    with pytest.raises(ConfigError, match="不是 UTF-8 编码"):
        load_roster(path)


def test_unsafe_yaml_is_refused(tmp_path):
    path = tmp_path / "unsafe.yaml"
    path.write_text("government: !!python/object/apply:os.system ['true']\npeople: []\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="YAML 格式错误"):
        load_roster(path)


def test_the_rosters_shipped_with_the_corpus_load():
    paths = sorted((REPO / "corpus").glob("roster*.yaml")) + sorted((REPO / "corpus" / "rosters").glob("*.yaml"))
    if not paths:
        pytest.skip("no corpus rosters in this checkout")
    for path in paths:
        roster = load_roster(path)
        assert roster.people and all(person.name and person.post for person in roster.people)
