"""The one YAML loader: front matter of .md/.txt documents, approval sidecars, rule packs, rosters,
rule cases and the bundled data all go through ``load``.

YAML itself is loaded safely (libyaml's SafeLoader when present: no arbitrary objects), and
bounded:

* at most ``MAX_CHARS`` characters (files are read with ``safe_read.read_capped_text``);
* aliases (``*name``) may add at most ``MAX_ALIAS_NODES`` nodes to the document in all, and may
  not refer to themselves. PyYAML shares an aliased value rather than copying it, so a 340-byte
  sidecar of nested aliases loads instantly and then expands to hundreds of millions of
  characters the moment a message, a report or the store prints it;
* libyaml refuses nesting deeper than 1,000 levels.

Every failure is a ``yaml.YAMLError``; ``error_text`` says what it is in Chinese.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import yaml

from gongwen.pipeline.safe_read import MAX_CONFIG_BYTES

MAX_CHARS = MAX_CONFIG_BYTES
MAX_ALIAS_NODES = 10_000

BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YamlLimitError(yaml.MarkedYAMLError):
    """YAML refused by a limit, or a value the safe constructor cannot build; ``problem`` is Chinese."""

    def __init__(self, problem: str, mark: yaml.Mark | None = None) -> None:
        super().__init__(problem=problem, problem_mark=mark)


def load(text: str, make_loader: Callable[[str], Any] = BaseLoader) -> Any:
    """The single document in ``text`` (None when empty). ``make_loader(text)`` gives the loader:
    ``BaseLoader`` or a subclass that records where things are (rosters, packs)."""
    if len(text) > MAX_CHARS:
        raise YamlLimitError(f"内容超过 {MAX_CHARS:,} 个字符的上限")
    instance = make_loader(text)
    try:
        node = instance.get_single_node()
        if node is None:
            return None
        _check_aliases(node)
        try:
            return instance.construct_document(node)
        # The date 2012-13-01 (ValueError); an explicit tag on a value it does not fit, where
        # PyYAML fails inside: "!!timestamp x" (AttributeError), "!!int ''" (IndexError).
        except (ValueError, TypeError, AttributeError, LookupError, ArithmeticError):
            raise YamlLimitError("含有无法识别的值（例如不存在的日期）") from None
        except RecursionError:
            raise YamlLimitError("嵌套层数过多", node.start_mark) from None
    finally:
        instance.dispose()


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return node.value
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def _check_aliases(root: yaml.Node) -> None:
    """Refuse a node graph whose aliases expand too far or refer to their own ancestors.

    An alias is the same node object reached twice. Each node's expanded size (itself and all it
    contains, aliases expanded) is computed once, walking iteratively (no recursion limit).
    """
    expanded: dict[int, int] = {}
    ancestors: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    ceiling = MAX_CHARS + MAX_ALIAS_NODES  # no expansion of a document under MAX_CHARS comes near
    while stack:
        node, measured_children = stack.pop()
        key = id(node)
        if measured_children:
            ancestors.discard(key)
            size = 1 + sum(expanded[id(child)] for child in _children(node))
            if size > ceiling:
                raise _alias_error(node)
            expanded[key] = size
        elif key in ancestors:
            raise YamlLimitError("别名引用了包含它自身的内容（循环引用）", node.start_mark)
        elif key not in expanded:
            ancestors.add(key)
            stack.append((node, True))
            stack.extend((child, False) for child in _children(node))
    if expanded[id(root)] - len(expanded) > MAX_ALIAS_NODES:
        raise _alias_error(root)


def _alias_error(node: yaml.Node) -> YamlLimitError:
    return YamlLimitError(f"别名（*）展开后的内容过多（超过 {MAX_ALIAS_NODES:,} 项），请直接写出各项内容",
                          node.start_mark)


def error_text(error: yaml.YAMLError) -> str:
    """A short Chinese description of a YAML error, with its line and column when known."""
    mark = getattr(error, "problem_mark", None)
    problem = getattr(error, "problem", None) or str(error)
    kind = "YAML 内容有误" if isinstance(error, YamlLimitError) else "YAML 格式错误"
    if mark is not None:
        return f"第 {mark.line + 1} 行第 {mark.column + 1} 列 {kind}（{problem}）"
    return f"{kind}（{problem}）"
