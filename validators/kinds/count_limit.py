"""Kind ``count_limit``: the Word/WPS 字数 of a part of the document against a per-type limit.

Parameters:
  limits     a list of {doc_type, limit, severity?, source?}: the limit for each material type;
             severity and source override the rule's for that type (e.g. one seed hedges with 一般);
             an extending pack merges it with its parent's by doc_type
  scope      body (正文, excluding 版头 and 版记; the whole text when no body was found) or text
  inclusive  true when the limit itself is allowed (「以内」「不超过」 include it); default true
Message placeholders: {count}, {limit}, {over} (字数 over the limit), {doc_type}, {scope}.
The finding points at the place where the count passes the limit. Automatic list numbers of a
.docx (the reader's ``meta["numbering_labels"]``) are not counted: Word and WPS leave them out of
字数统计, since they are not text the author typed.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Literal

from gongwen.validators.context import Hit, RuleContext
from gongwen.validators.params import MergeKey, SourceRef
from gongwen.validators.registry import kind
from gongwen.validators.wordcount import count_words


@dataclass(frozen=True)
class Limit:
    doc_type: str
    limit: int
    severity: Literal["error", "warning", "info"] | None = None
    source: SourceRef | None = None

    def __post_init__(self) -> None:
        if self.limit <= 0:
            raise ValueError(f"{self.doc_type} 的字数上限应为正整数")


@dataclass(frozen=True)
class CountLimitParams:
    limits: Annotated[tuple[Limit, ...], MergeKey("doc_type")]
    scope: Literal["body", "text"] = "body"
    inclusive: bool = True

    def __post_init__(self) -> None:
        types = [entry.doc_type for entry in self.limits]
        if len(types) != len(set(types)):
            raise ValueError("同一文种的字数上限重复定义")


@kind("count_limit", params=CountLimitParams, placeholders=("count", "limit", "over", "doc_type", "scope"),
      rests_on=("doc_type",))
def count_limit(ctx: RuleContext, params: CountLimitParams) -> Iterator[Hit]:
    entry = next((e for e in params.limits if e.doc_type == ctx.doc_type), None)
    if entry is None:
        return
    scope = ctx.scope(params.scope)
    numbering = _numbering_words(ctx, scope.start, scope.start + len(scope.text))
    count = count_words(scope.text) - numbering
    allowed = entry.limit if params.inclusive else entry.limit - 1
    if count <= allowed:
        return
    first_over = _offset_past(scope.text, allowed + numbering)
    yield Hit(
        scope.start + first_over, scope.start + len(scope.text.rstrip()),
        {"count": count, "limit": entry.limit, "over": count - entry.limit,
         "doc_type": entry.doc_type, "scope": scope.label},
        severity=entry.severity, source=entry.source.to_source() if entry.source else None,
    )


def _numbering_words(ctx: RuleContext, start: int, end: int) -> int:
    """字数 of the automatic list numbers printed in the blocks that start inside [start, end)."""
    spans = ctx.doc.block_spans
    return sum(count_words(label) for block, label in ctx.doc.raw.meta.get("numbering_labels", ())
               if block < len(spans) and start <= spans[block][0] < end)


def _offset_past(text: str, allowed: int) -> int:
    """The offset of the first character whose 字 takes the count past ``allowed``."""
    low, high = 0, len(text)
    while low < high:
        middle = (low + high) // 2
        if count_words(text[: middle + 1]) > allowed:
            high = middle
        else:
            low = middle + 1
    return low
