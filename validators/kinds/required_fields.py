"""Kind ``required_fields``: fields a document of this type must carry.

Parameters:
  fields         dotted field names that must be non-empty: signer, contact.name, contact.phone,
                 doc_number, recipients, date_text …
  only_if        check only documents where all these fields are non-empty (e.g. only documents
                 with a 发文字号, i.e. formally issued ones with a 版头)
  text_fallback  regexes; when one matches the text the requirement counts as met, so a missed
                 extraction does not become a false alarm
  anchor         the field whose position the finding points at (default: title)
Message placeholders: {missing} (the Chinese names of the missing fields), {doc_type}.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated

from gongwen.validators.context import Hit, RuleContext
from gongwen.validators.params import OneOf, Regex
from gongwen.validators.registry import kind

FIELD_LABELS = {
    "signer": "签发人", "doc_number": "发文字号", "recipients": "主送机关", "date_text": "成文日期",
    "date": "成文日期", "title": "标题", "issuer": "发文机关", "contact": "联系人和联系电话",
    "contact.name": "联系人", "contact.phone": "联系电话", "attachments": "附件说明",
    "copy_number": "份号", "classification": "密级", "printed_by": "印发机关", "printed_date": "印发日期",
}
FieldName = Annotated[str, OneOf(tuple(FIELD_LABELS))]


@dataclass(frozen=True)
class RequiredFieldsParams:
    fields: tuple[FieldName, ...]
    only_if: tuple[FieldName, ...] = ()
    text_fallback: tuple[Regex, ...] = ()
    anchor: FieldName = "title"

    def __post_init__(self) -> None:
        if not self.fields:
            raise ValueError("fields 至少须给出一个字段")


def field_value(ctx: RuleContext, dotted: str):
    if dotted == "title":
        return ctx.title
    value = ctx.fields
    for part in dotted.split("."):
        value = getattr(value, part, None) if value is not None else None
    return value


@kind("required_fields", params=RequiredFieldsParams, placeholders=("missing", "doc_type"),
      reports_absence=True, rests_on=lambda params: params.fields + params.only_if)
def required_fields(ctx: RuleContext, params: RequiredFieldsParams) -> Iterator[Hit]:
    if not all(field_value(ctx, name) for name in params.only_if):
        return
    missing = [name for name in params.fields if not field_value(ctx, name)]
    if not missing or any(re.search(p, ctx.doc.text) for p in params.text_fallback):
        return
    anchor = field_value(ctx, params.anchor)
    anchor_text = anchor if isinstance(anchor, str) else (anchor[0] if anchor else None)
    yield ctx.hit_at_field(
        anchor_text,
        values={"missing": "、".join(FIELD_LABELS[name] for name in missing), "doc_type": ctx.doc_type or ""},
    )
