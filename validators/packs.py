"""Rule packs: YAML files of rules, layered by ``extends``, validated when loaded.

A pack file looks like::

    pack: yangquan-chengqu
    title: 阳泉市城区人民政府
    extends: national          # a built-in name, or a path relative to this file
    rules:
      request.to-individual:   # override a parent rule by id: only the keys given change
        severity: warning
        source: {document: 《阳泉市城区人民政府工作规则》, article: 第四十六条, quote: ……}
      length.limit:            # a new rule: every key below is required (suggestion is optional)
        kind: count_limit      # a generic kind, or `check` for the registered check of this id
        severity: error
        applies_to: {doc_types: [汇报稿]}
        params: {...}          # validated against the kind's typed schema
        message: "字数超限：{scope}{count}字，超过{limit}字的上限。"
        source: {document: ..., article: ..., quote: ...}
        doc: {what: ..., why: ..., fail: [...], pass: [...]}
        status: stable         # stable | preview | removed

``params`` and ``doc`` merge key by key with the parent's; every other key replaces it. Within
``params``, a list declared with a merge key (``count_limit.limits`` by doc_type, see
``params.merge``) merges entry by entry, and ``{doc_type: 情况说明, remove: true}`` drops an entry.
``enabled: false`` switches an inherited rule off. Every error is a ``ConfigError`` with a Chinese
message naming the file, the rule id and the line (of the faulty parameter where there is one).
"""
from __future__ import annotations

import difflib

import hashlib
import json
import string
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from gongwen.pipeline import safe_yaml
from gongwen.pipeline.config import read_user_file
from gongwen.pipeline.errors import ConfigError
from gongwen.pipeline.model import Source
from gongwen.validators.params import ParamError, build, choice_error, merge
from gongwen.validators.registry import CHECKS, KINDS, Runner, load_builtins
from gongwen.validators.vocab import ISSUER_KINDS

PACK_DIR = Path(__file__).resolve().parent / "packs"
SEVERITIES = ("error", "warning", "info")
STATUSES = ("stable", "preview", "removed")
RULE_KEYS = {
    "kind", "check", "severity", "applies_to", "params", "message", "source", "doc",
    "suggestion", "status", "enabled",
}
REQUIRED_NEW_RULE_KEYS = ("kind", "severity", "message", "source", "doc")


@dataclass(frozen=True)
class AppliesTo:
    """Which documents a rule looks at. Empty tuples mean "any"."""

    doc_types: tuple[str, ...] = ()
    exclude_doc_types: tuple[str, ...] = ()
    issuer_kinds: tuple[str, ...] = ()

    def matches(self, doc_type: str | None, issuer_kinds: tuple[str, ...]) -> bool:
        if self.doc_types and doc_type not in self.doc_types:
            return False
        if doc_type is not None and doc_type in self.exclude_doc_types:
            return False
        if self.issuer_kinds and not set(issuer_kinds) & set(self.issuer_kinds):
            return False
        return True


@dataclass(frozen=True)
class Example:
    """A rule-doc example or a test case: document text plus the facts extraction should find.

    ``fields`` are ``pipeline.model.Fields`` values (the labels); ``elements`` mark structure
    elements by the exact text they cover; ``approval`` is a list of approval steps; ``roster``
    a list of people; ``companions`` the names of files lying beside the document (a 政策解读,
    a 合法性审查意见书), created empty next to it when the example is run. Running through the real
    pipeline uses ``text`` (and ``approval`` as a sidecar); running the engine alone uses all of them.
    """

    text: str = ""
    fields: dict[str, Any] = field(default_factory=dict)
    elements: dict[str, tuple[str, ...]] = field(default_factory=dict)
    approval: tuple[dict[str, Any], ...] = ()
    roster: dict[str, Any] = field(default_factory=dict)  # {government, people: [...]}
    companions: tuple[str, ...] = ()
    note: str | None = None  # why this example fails or passes, for the docs


@dataclass(frozen=True)
class RuleDoc:
    what: str
    why: str
    fail: tuple[Example, ...]
    pass_: tuple[Example, ...]


@dataclass(frozen=True)
class Rule:
    id: str
    kind: str  # a kind name, or "check"
    severity: str
    applies_to: AppliesTo
    params: dict[str, Any]  # as resolved from the YAML files (for display)
    message: str
    source: Source
    doc: RuleDoc
    suggestion: str | None = None
    status: str = "stable"
    enabled: bool = True
    runner: str = ""  # the registered kind or check name that runs this rule
    options: Any = None  # ``params`` converted to the runner's typed schema
    defined_in: str = ""  # the pack that last defined or overrode this rule


@dataclass(frozen=True)
class Pack:
    name: str
    version: str  # digest of the resolved rules: changes whenever any rule would behave differently
    parents: tuple[str, ...]  # nearest first
    rules: dict[str, Rule]
    title: str = ""
    path: str = ""

    def __setstate__(self, state: dict) -> None:
        # a pack sent to another process (a Dask worker started afresh) brings its checks along
        load_builtins()
        object.__setattr__(self, "__dict__", state)

    def active_rules(self) -> list[Rule]:
        return [r for r in self.rules.values() if r.enabled and r.status != "removed"]

    def requires(self) -> frozenset[str]:
        """The Document layers ("tokens", "entities") some active rule reads."""
        runners = [CHECKS[r.runner] if r.kind == "check" else KINDS[r.kind] for r in self.active_rules()]
        return frozenset().union(*(runner.requires for runner in runners))


def available_packs() -> list[str]:
    return sorted(p.stem for p in PACK_DIR.glob("*.yaml"))


Place = tuple[Path, int]  # file and 1-based line


class _Places:
    """Where each key of a parsed mapping and each item of a parsed list was written, looked up by
    the object's identity (the objects are kept alive here, so an identity is never reused)."""

    def __init__(self) -> None:
        self._at: dict[int, tuple[object, dict]] = {}

    def record(self, obj: object, places: dict) -> None:
        self._at[id(obj)] = (obj, places)

    def of(self, obj: object) -> dict:
        return self._at.get(id(obj), (None, {}))[1]

    def find(self, root: Any, keys: tuple) -> Place | None:
        """The place of the deepest of ``keys`` (dict keys, list indices) found below ``root``."""
        best, obj = None, root
        for key in keys:
            best = self.of(obj).get(key) or best
            try:
                obj = obj[key]
            except (KeyError, IndexError, TypeError):
                break
        return best


class _PlacingLoader(safe_yaml.BaseLoader):  # libyaml when present: packs load at every cold start
    def __init__(self, text: str, path: Path, places: _Places) -> None:
        super().__init__(text)
        self.pack_path, self.places = path, places

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        data = super().construct_object(node, deep=deep)
        if isinstance(node, yaml.MappingNode) and isinstance(data, dict):
            self.places.record(data, {key.value: (self.pack_path, key.start_mark.line + 1)
                                      for key, _ in node.value if isinstance(key, yaml.ScalarNode)})
        elif isinstance(node, yaml.SequenceNode) and isinstance(data, list):
            self.places.record(data, {index: (self.pack_path, item.start_mark.line + 1)
                                      for index, item in enumerate(node.value)})
        return data


def load_pack(name_or_path: str | Path) -> Pack:
    """Load a built-in pack by name, or a user's pack file (which may extend a built-in)."""
    load_builtins()
    path = _pack_path(str(name_or_path), None)
    places = _Places()
    raw_rules, parents, header = _resolve(path, (), places)
    rules = {rule_id: _build_rule(rule_id, entry, places) for rule_id, entry in raw_rules.items()}
    canonical = json.dumps(
        {rule_id: entry["data"] for rule_id, entry in sorted(raw_rules.items())},
        ensure_ascii=False, sort_keys=True, default=str,
    )
    version = hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]
    return Pack(
        name=header["pack"], version=version, parents=parents, rules=rules,
        title=header.get("title", ""), path=str(path),
    )


def _pack_path(name: str, relative_to: Path | None) -> Path:
    if name in available_packs():
        return PACK_DIR / f"{name}.yaml"
    candidate = Path(name)
    if relative_to is not None and not candidate.is_absolute():
        candidate = relative_to.parent / candidate
    if candidate.suffix in (".yaml", ".yml") and candidate.is_file():
        return candidate.resolve()
    where = f"（在 {relative_to} 中引用）" if relative_to else ""
    close = difflib.get_close_matches(name, available_packs(), n=1, cutoff=0.6)
    guess = f"您是否想用“{close[0]}”？" if close else ""
    raise ConfigError(
        f"找不到规则包“{name}”{where}。{guess}内置规则包有：{'、'.join(available_packs())}；"
        "也可以给出一个 .yaml 规则包文件的路径。"
    )


def _read_yaml(path: Path, places: _Places) -> dict:
    """The parsed file, its keys and items recorded in ``places``."""
    text = read_user_file(path, "规则包文件")
    try:
        data = safe_yaml.load(text, lambda source: _PlacingLoader(source, path, places))
    except yaml.YAMLError as error:
        raise ConfigError(f"规则包文件 {path} 不是有效的 YAML：{safe_yaml.error_text(error)}") from None
    if not isinstance(data, dict):
        raise ConfigError(f"规则包文件 {path} 的顶层应为映射（pack、extends、rules）。")
    return data


def _resolve(path: Path, chain: tuple[Path, ...], places: _Places) -> tuple[dict[str, dict], tuple[str, ...], dict]:
    if path in chain:
        names = " → ".join(p.stem for p in chain + (path,))
        raise ConfigError(f"规则包继承关系出现循环：{names}（文件 {path}）。")
    data = _read_yaml(path, places)
    unknown = sorted(set(data) - {"pack", "title", "extends", "rules"})
    if unknown:
        raise ConfigError(f"规则包文件 {path} 含有未知的顶层键：{'、'.join(unknown)}。")
    if not isinstance(data.get("pack"), str) or not data["pack"].strip():
        raise ConfigError(f"规则包文件 {path} 缺少包名（pack: 名称）。")
    rules_raw = data.get("rules") or {}
    if not isinstance(rules_raw, dict):
        raise ConfigError(f"规则包文件 {path} 中 rules 应为“规则编号: 定义”的映射。")

    resolved: dict[str, dict] = {}
    parents: tuple[str, ...] = ()
    if data.get("extends"):
        parent_path = _pack_path(str(data["extends"]), path)
        resolved, grand_parents, parent_header = _resolve(parent_path, chain + (path,), places)
        parents = (parent_header["pack"],) + grand_parents

    for rule_id, entry in rules_raw.items():
        line = places.of(rules_raw).get(rule_id, (path, "?"))[1]
        where = f"规则包文件 {path} 第 {line} 行，规则“{rule_id}”"
        if not isinstance(entry, dict):
            raise ConfigError(f"{where}：规则定义应为映射。")
        extra = sorted(set(entry) - RULE_KEYS)
        if extra:
            raise ConfigError(f"{where}：未知的键 {'、'.join(extra)}（可用：{'、'.join(sorted(RULE_KEYS))}）。")
        if rule_id in resolved:
            merged = dict(resolved[rule_id]["data"])
            for key, value in entry.items():
                if key == "params" and isinstance(value, dict) and isinstance(merged.get(key), dict):
                    merged[key] = _merge_params(merged, value, rule_id, where, places)
                elif key == "doc" and isinstance(value, dict):
                    merged[key] = {**merged.get(key, {}), **value}
                else:
                    merged[key] = value
        else:
            missing = [k for k in REQUIRED_NEW_RULE_KEYS if k not in entry]
            if missing:
                raise ConfigError(f"{where}：新规则缺少 {'、'.join(missing)}。")
            merged = dict(entry)
        resolved[rule_id] = {"data": merged, "where": where, "pack": data["pack"]}
    return resolved, parents, data


def _merge_params(parent_rule: dict, child: dict, rule_id: str, where: str, places: _Places) -> dict:
    """The parent's params overridden by the child's (lists with a merge key merged entry by entry),
    with the place of every key and list entry recorded for error messages."""
    parent = parent_rule["params"]
    kind = parent_rule.get("kind")
    runner = _runner_for(kind, parent_rule.get("check") or rule_id, lambda reason: ConfigError(f"{where}：{reason}"))
    try:
        merged = merge(runner.params, parent, child)
    except ParamError as error:
        raise _param_error(error, child, rule_id, where, places) from None
    places.record(merged, {**places.of(parent), **places.of(child)})
    for name, value in merged.items():
        if isinstance(value, list) and value is not child.get(name) and value is not parent.get(name):
            entry_places = {id(item): places.of(source).get(index)
                            for source in (parent.get(name), child.get(name)) if isinstance(source, list)
                            for index, item in enumerate(source)}
            places.record(value, {index: entry_places.get(id(item)) for index, item in enumerate(value)})
    return merged


def _param_error(error: ParamError, params: Any, rule_id: str, where: str, places: _Places) -> ConfigError:
    """The error at the line of the faulty parameter, in whichever pack file wrote it."""
    place = places.find(params, error.keys)
    at = f"规则包文件 {place[0]} 第 {place[1]} 行，规则“{rule_id}”" if place else where
    end = "" if error.reason.endswith(("。", "？")) else "。"
    return ConfigError(f"{at}：参数 {error.path} 有误：{error.reason}{end}")


def _build_rule(rule_id: str, entry: dict, places: _Places) -> Rule:
    data, where = entry["data"], entry["where"]

    def fail(reason: str) -> ConfigError:
        return ConfigError(f"{where}：{reason}")

    kind = data["kind"]
    runner = _runner_for(kind, data.get("check") or rule_id, fail)
    severity = data["severity"]
    if reason := choice_error(severity, SEVERITIES):
        raise fail(f"severity {reason}。")
    status = data.get("status", "stable")
    if reason := choice_error(status, STATUSES):
        raise fail(f"status {reason}。")
    enabled = data.get("enabled", True)
    if not isinstance(enabled, bool):
        raise fail("enabled 应为 true 或 false。")
    params = data.get("params") or {}
    try:
        options = build(runner.params, params)
    except ParamError as error:
        raise _param_error(error, params, rule_id, where, places) from None
    message = _text(data["message"], "message", fail)
    _check_placeholders(message, runner, "message", fail)
    suggestion = data.get("suggestion")
    if suggestion is not None:
        suggestion = _text(suggestion, "suggestion", fail)
        _check_placeholders(suggestion, runner, "suggestion", fail, extra={"suggested"})
    return Rule(
        id=rule_id, kind=kind, severity=severity, applies_to=_applies_to(data.get("applies_to"), fail),
        params=params, message=message, source=_source(data["source"], fail),
        doc=_doc(data["doc"], fail), suggestion=suggestion, status=status, enabled=enabled,
        runner=runner.name, options=options, defined_in=entry["pack"],
    )


def _runner_for(kind: str, check_id: str, fail) -> Runner:
    if kind == "check":
        if check_id not in CHECKS:
            raise fail(f"没有名为“{check_id}”的已注册检查（已注册：{'、'.join(sorted(CHECKS))}）。")
        return CHECKS[check_id]
    if kind not in KINDS:
        raise fail(f"未知的规则类型 kind: {kind}（可用：{'、'.join(sorted(KINDS))}，或 check）。")
    return KINDS[kind]


def _text(value: Any, key: str, fail) -> str:
    if not isinstance(value, str) or not value.strip():
        raise fail(f"{key} 应为非空文字。")
    return value.strip()


def _check_placeholders(template: str, runner: Runner, key: str, fail, extra: set[str] = frozenset()) -> None:
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(template) if name}
    except ValueError as error:
        raise fail(f"{key} 模板格式有误（{error}）。") from None
    unknown = sorted(names - runner.placeholders - set(extra))
    if unknown:
        available = "、".join("{" + n + "}" for n in sorted(runner.placeholders | set(extra)))
        raise fail(f"{key} 使用了“{runner.name}”不提供的占位符 {'、'.join(unknown)}（可用：{available}）。")


def _applies_to(raw: Any, fail) -> AppliesTo:
    raw = raw or {}
    if not isinstance(raw, dict):
        raise fail("applies_to 应为映射（doc_types、exclude_doc_types、issuer_kinds）。")
    unknown = sorted(set(raw) - {"doc_types", "exclude_doc_types", "issuer_kinds"})
    if unknown:
        raise fail(f"applies_to 含有未知的键 {'、'.join(unknown)}。")
    values = {}
    for key in ("doc_types", "exclude_doc_types", "issuer_kinds"):
        items = raw.get(key) or []
        if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
            raise fail(f"applies_to.{key} 应为文字列表。")
        values[key] = tuple(items)
    for issuer in values["issuer_kinds"]:
        if reason := choice_error(issuer, ISSUER_KINDS):
            raise fail(f"applies_to.issuer_kinds 中发文机关类别{reason}。")
    return AppliesTo(**values)


def _source(raw: Any, fail) -> Source:
    if not isinstance(raw, dict) or not isinstance(raw.get("document"), str) or not raw["document"].strip():
        raise fail("source 应给出依据文件（document），以及条款（article）和原文摘录（quote）。")
    unknown = sorted(set(raw) - {"document", "article", "quote"})
    if unknown:
        raise fail(f"source 含有未知的键 {'、'.join(unknown)}。")
    return Source(document=raw["document"], article=raw.get("article"), quote=raw.get("quote"))


def _doc(raw: Any, fail) -> RuleDoc:
    if not isinstance(raw, dict):
        raise fail("doc 应为映射（what、why、fail、pass）。")
    missing = [k for k in ("what", "why", "fail", "pass") if not raw.get(k)]
    if missing:
        raise fail(f"规则说明 doc 缺少 {'、'.join(missing)}：每条规则都须说明检查什么、依据什么，并给出违规和合规示例。")
    unknown = sorted(set(raw) - {"what", "why", "fail", "pass"})
    if unknown:
        raise fail(f"doc 含有未知的键 {'、'.join(unknown)}。")
    return RuleDoc(
        what=_text(raw["what"], "doc.what", fail), why=_text(raw["why"], "doc.why", fail),
        fail=tuple(parse_example(e, fail, f"doc.fail[{i}]") for i, e in enumerate(_list(raw["fail"], "doc.fail", fail))),
        pass_=tuple(parse_example(e, fail, f"doc.pass[{i}]") for i, e in enumerate(_list(raw["pass"], "doc.pass", fail))),
    )


def _list(value: Any, key: str, fail) -> list:
    if not isinstance(value, list):
        raise fail(f"{key} 应为示例列表。")
    return value


EXAMPLE_KEYS = {"text", "repeat", "fields", "elements", "approval", "roster", "companions", "note"}


def parse_example(raw: Any, fail, key: str) -> Example:
    """An example is document text, or a mapping with text/repeat/fields/elements/approval/roster/
    companions/note.

    ``repeat: {text: 一段话, times: N}`` appends the paragraph N times to ``text``: long documents
    (length limits) are written as a realistic paragraph and a count, not pasted in full.
    """
    if isinstance(raw, str):
        return Example(text=raw)
    if not isinstance(raw, dict):
        raise fail(f"{key} 应为文字或映射。")
    unknown = sorted(set(raw) - EXAMPLE_KEYS)
    if unknown:
        raise fail(f"{key} 含有未知的键 {'、'.join(unknown)}（可用：{'、'.join(sorted(EXAMPLE_KEYS))}）。")
    fields = raw.get("fields") or {}
    if not isinstance(fields, dict):
        raise fail(f"{key}.fields 应为映射。")
    elements = {}
    for name, value in (raw.get("elements") or {}).items():
        elements[name] = (value,) if isinstance(value, str) else tuple(value)
    text = raw.get("text") or ""
    repeat = raw.get("repeat")
    if repeat is not None:
        if not (isinstance(repeat, dict) and isinstance(repeat.get("text"), str)
                and isinstance(repeat.get("times"), int) and repeat["times"] > 0):
            raise fail(f"{key}.repeat 应写作 {{text: 段落, times: 正整数}}。")
        text = text.rstrip("\n") + "\n" + "\n".join([repeat["text"].strip()] * repeat["times"])
    companions = raw.get("companions") or []
    if not (isinstance(companions, list)
            and all(isinstance(name, str) and name.strip() and Path(name).name == name for name in companions)):
        raise fail(f"{key}.companions 应为文件名列表（只写文件名，不含路径）。")
    return Example(
        text=text, fields=fields, elements=elements,
        approval=tuple(raw.get("approval") or ()), roster=dict(raw.get("roster") or {}),
        companions=tuple(companions), note=raw.get("note"),
    )
