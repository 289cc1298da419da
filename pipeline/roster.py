"""The roster: who holds which post in one government, and what each leader is in charge of.

A roster is a user-written YAML file, one government a file::

    government: 阳泉市城区人民政府
    people:
      - {name: 周某某, post: 区长, organ: 阳泉市城区人民政府}
      - name: 韩某某
        post: 常务副区长
        areas: [区政府常务工作, 财政]          # 分管 areas
        departments: [区政府办公室, 区财政局]  # departments in their charge
      - {name: 武某某, post: 局长, organ: 阳泉市城区教育局}

``organ`` defaults to the government. Keys other than name/post/organ/areas/departments are kept in
``Person.extra`` (e.g. ``acting_for`` for an acting deputy). A roster that cannot be trusted stops
the run: every problem raises ``ConfigError`` with a Chinese message naming the file, the line
where YAML tells it, and what to fix.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from gongwen.extractors.knowledge.organs import government_place, same_organ
from gongwen.pipeline import safe_yaml
from gongwen.pipeline.config import read_user_file
from gongwen.pipeline.errors import ConfigError
from gongwen.pipeline.safe_read import quoted

PERSON_KEYS = ("name", "post", "organ", "areas", "departments")


@dataclass(frozen=True)
class Person:
    name: str
    post: str
    organ: str
    areas: tuple[str, ...] = ()
    departments: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict, hash=False)


@dataclass(frozen=True)
class Roster:
    government: str
    people: tuple[Person, ...]

    def by_name(self, name: str) -> Person | None:
        wanted = _compact(name)
        return next((person for person in self.people if person.name == wanted), None)

    def post_of(self, name: str) -> str | None:
        person = self.by_name(name)
        return person.post if person else None

    def in_charge_of(self, department: str) -> tuple[Person, ...]:
        """The people whose ``departments`` include this one, however it is written (区财政局,
        阳泉市城区财政局, 财政局: ``organs.same_organ`` with the roster's own place)."""
        wanted = _compact(department)
        places = (government_place(self.government),) if self.government else ()
        return tuple(person for person in self.people
                     if any(same_organ(wanted, own, places) for own in person.departments))

    def names(self) -> tuple[str, ...]:
        return tuple(person.name for person in self.people)


def _compact(text: str) -> str:
    return "".join(text.split())


# --- YAML with line numbers -------------------------------------------------------------------

class YamlLines:
    """Where the mappings and lists of a parsed YAML document start, for error messages.

    Objects are looked up by identity, so the answers hold while the parsed data is alive.
    """

    def __init__(self) -> None:
        self._starts: dict[int, int] = {}
        self._items: dict[int, list[int]] = {}

    def line(self, obj: object, index: int | None = None) -> int | None:
        """The 1-based line of ``obj`` or, with ``index``, of the list item at that index."""
        if index is not None:
            items = self._items.get(id(obj), [])
            return items[index] if 0 <= index < len(items) else None
        return self._starts.get(id(obj))

    def record(self, data: object, node: yaml.Node) -> None:
        if isinstance(data, (dict, list)):
            self._starts[id(data)] = node.start_mark.line + 1
        if isinstance(data, list) and isinstance(node, yaml.SequenceNode):
            self._items[id(data)] = [child.start_mark.line + 1 for child in node.value]


class _LineLoader(safe_yaml.BaseLoader):
    def __init__(self, stream: str, lines: YamlLines) -> None:
        super().__init__(stream)
        self.yaml_lines = lines

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        data = super().construct_object(node, deep=deep)
        self.yaml_lines.record(data, node)
        return data


def load_yaml_with_lines(text: str) -> tuple[Any, YamlLines]:
    """Parse YAML with ``safe_yaml`` and say where its parts start. Raises ``yaml.YAMLError``."""
    lines = YamlLines()
    return safe_yaml.load(text, lambda source: _LineLoader(source, lines)), lines


# --- loading ----------------------------------------------------------------------------------

def load_roster(path: str | Path) -> Roster:
    path = Path(path)
    text = read_user_file(path, "人员名单文件")
    try:
        data, lines = load_yaml_with_lines(text)
    except yaml.YAMLError as error:
        raise ConfigError(f"人员名单文件“{path}”{safe_yaml.error_text(error)}，请修改后再试。") from None
    return _parse_roster(data, lines, path)


def _parse_roster(data: Any, lines: YamlLines, path: Path) -> Roster:
    def fail(problem: str, where: object = None, index: int | None = None) -> ConfigError:
        line = lines.line(where, index) if where is not None else None
        at = f"第 {line} 行：" if line else ""
        return ConfigError(f"人员名单文件“{path}”有误：{at}{problem}")

    if not isinstance(data, dict):
        raise fail("文件顶层应为键值结构，包含 government（政府名称）和 people（人员列表）。")
    government = data.get("government")
    if not isinstance(government, str) or not government.strip():
        raise fail("缺少 government（本名单所属政府的全称，如“阳泉市城区人民政府”）。", data)
    if "people" not in data:
        raise fail("缺少 people（人员列表）。", data)
    entries = data["people"]
    if not isinstance(entries, list) or not entries:
        raise fail("people 应为非空列表，每项写明一位人员的 name（姓名）和 post（职务）。", data)

    government = government.strip()
    people: list[Person] = []
    seen: dict[str, int] = {}
    for number, entry in enumerate(entries, start=1):
        label = f"people 第 {number} 项"
        if not isinstance(entry, dict):
            raise fail(f"{label}应为键值结构（如 {{name: 张某某, post: 局长}}），实际为“{quoted(entry)}”。",
                       entries, number - 1)
        name = _required_text(entry, "name", "姓名", label, fail)
        post = _required_text(entry, "post", "职务", label, fail)
        organ = _optional_text(entry, "organ", "所在单位", label, fail) or government
        if name in seen:
            raise fail(f"{label}的姓名“{name}”与第 {seen[name]} 项重复；同名人员无法区分，请加以区别。", entry)
        seen[name] = number
        people.append(Person(
            name=name, post=post, organ=organ,
            areas=_text_list(entry, "areas", "分管领域", label, fail),
            departments=_text_list(entry, "departments", "联系/分管部门", label, fail),
            extra={key: value for key, value in entry.items() if key not in PERSON_KEYS},
        ))
    return Roster(government=government, people=tuple(people))


def _required_text(entry: dict, key: str, meaning: str, label: str, fail) -> str:
    value = _optional_text(entry, key, meaning, label, fail)
    if not value:
        raise fail(f"{label}缺少 {key}（{meaning}）。", entry)
    return value


def _optional_text(entry: dict, key: str, meaning: str, label: str, fail) -> str | None:
    value = entry.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise fail(f"{label}的 {key}（{meaning}）应为文字，实际为“{quoted(value)}”。", entry)
    return _compact(value) or None


def _text_list(entry: dict, key: str, meaning: str, label: str, fail) -> tuple[str, ...]:
    """A list of names; one name written without brackets is accepted as a list of one."""
    value = entry.get(key)
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise fail(f"{label}的 {key}（{meaning}）应为文字列表，如 [区财政局, 区审计局]。", entry)
    return tuple(item for item in (_compact(item) for item in value) if item)
