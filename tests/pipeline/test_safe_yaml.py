"""The one YAML loader: aliases, size and nesting bounded, every failure a YAMLError with Chinese text."""
from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from gongwen.extractors.readers import read_document
from gongwen.pipeline import safe_yaml
from gongwen.pipeline.errors import ConfigError
from gongwen.pipeline.roster import load_roster
from gongwen.pipeline.safe_read import quoted
from gongwen.validators.packs import load_pack


def _alias_levels(levels: int) -> str:
    lines = ["l0: &l0 [甲, 甲, 甲, 甲, 甲, 甲, 甲, 甲, 甲, 甲]"]
    lines += [f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 10)}]" for n in range(1, levels)]
    return "\n".join(lines) + "\n"


def _error_text(text: str) -> str:
    with pytest.raises(yaml.YAMLError) as caught:
        safe_yaml.load(text)
    return safe_yaml.error_text(caught.value)


def test_nested_aliases_are_refused_before_anything_expands():
    started = time.perf_counter()
    assert "别名（*）展开后的内容过多" in _error_text(_alias_levels(9))  # a billion items
    assert time.perf_counter() - started < 1


def test_a_recursive_alias_is_refused():
    assert "循环引用" in _error_text("a: &a [1, *a]\n")


def test_ordinary_anchors_and_merge_keys_still_load():
    text = "base: &base {scope: body, limit: 3}\nrule:\n  <<: *base\n  limit: 5\nagain: *base\n"
    assert safe_yaml.load(text) == {"base": {"scope": "body", "limit": 3}, "rule": {"scope": "body", "limit": 5},
                                     "again": {"scope": "body", "limit": 3}}
    assert safe_yaml.load(_alias_levels(3))["l2"][9][9][9] == "甲"  # 1,000 items through aliases


@pytest.mark.parametrize(("text", "expected"), [
    ("[" * 5000 + "]" * 5000, "YAML 格式错误"),  # was a RecursionError with the pure-Python loader
    ("date: 2012-13-01\n", "无法识别的值"),  # was a ValueError, not a YAMLError
    ("date: !!timestamp 3月5日\n", "无法识别的值"),  # was an AttributeError inside PyYAML
    ("count: !!int\n", "无法识别的值"),  # was an IndexError inside PyYAML
    ("a: 1\n" * 300_000, "字符的上限"),
])
def test_every_failure_is_a_yaml_error_with_chinese_text(text, expected):
    assert expected in _error_text(text)


def test_values_load_as_before():
    assert safe_yaml.load("d: 2024-03-05\nn: 1\n") == {"d": dt.date(2024, 3, 5), "n": 1}
    assert safe_yaml.load("") is None


def test_quoted_cuts_any_value_short_without_building_it():
    assert quoted("短") == "短"
    assert quoted("长" * 200) == "长" * 79 + "…"
    huge = [["甲"] * 1000] * 1000
    for _ in range(4):
        huge = [huge] * 1000  # 10**18 items if printed
    started = time.perf_counter()
    assert len(quoted(huge)) <= 80
    assert time.perf_counter() - started < 1


def test_front_matter_of_nested_aliases_stays_text(tmp_path: Path):
    path = tmp_path / "导出.md"
    path.write_text(f"---\n{_alias_levels(8)}---\n# 关于开展检查的通知\n", encoding="utf-8")
    document = read_document(path)
    assert "front_matter" not in document.meta
    assert document.blocks[-1].text == "关于开展检查的通知"


def test_a_roster_of_nested_aliases_is_a_config_error(tmp_path: Path):
    path = tmp_path / "名单.yaml"
    path.write_text(f"{_alias_levels(7)}government: 东安区人民政府\npeople: *l6\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="别名") as caught:
        load_roster(path)
    assert len(str(caught.value)) < 300


def test_a_pack_of_nested_aliases_is_a_config_error(tmp_path: Path):
    path = tmp_path / "包.yaml"
    path.write_text(f"pack: 测试\nextends: dongan\n{_alias_levels(7)}rules: {{}}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="别名"):
        load_pack(str(path))


# --- fuzzing -------------------------------------------------------------------------------------

_FUZZ = settings(max_examples=80, deadline=1000, derandomize=True, database=None)
_YAML_TOKENS = ["a", "甲", ": ", "- ", "\n", "  ", "[", "]", "{", "}", ", ", "&x ", "&y ", "*x", "*y", "<<: ", "? ",
                "!!int ", "!!str ", "!!binary ", "!!timestamp ", "!!python/object:os.system ", "!!set ", "'", '"',
                "|", ">", "#", "---\n", "...\n", "%YAML 1.1\n", "2024-13-45", "0x1F", "1e999", ".nan", "~", "\t", "\\"]
# YAML normalizes the line breaks NEL, LS and PS (and lone CR) when it reads them back.
_TEXT = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\r\x85\u2028\u2029"), max_size=20)
_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), _TEXT)
_VALUES = st.recursive(_SCALARS, lambda children: st.one_of(
    st.lists(children, max_size=4), st.dictionaries(_TEXT, children, max_size=4)), max_leaves=20)


@_FUZZ
@given(st.lists(st.sampled_from(_YAML_TOKENS), max_size=60).map("".join))
def test_any_yaml_text_loads_or_gives_a_chinese_yaml_error(text):
    try:
        safe_yaml.load(text)
    except yaml.YAMLError as error:
        assert "YAML" in safe_yaml.error_text(error)


@_FUZZ
@given(_VALUES)
def test_what_yaml_writes_loads_back_the_same(value):
    assert safe_yaml.load(yaml.safe_dump(value, allow_unicode=True)) == value
