"""Kind ``phrase``: phrases that must not (or must) appear in a part of the document.

Parameters:
  scope             the part searched: body (正文; the whole text when no body was found), text, or
                    another GB/T 9704 element (title, note …; ``context.SCOPE_NAMES``)
  forbid            regexes; a sentence matching one is a violation (one finding per sentence)
  forbid_uncertain  regexes for softer cues; each match is reported as a 疑似 warning
  require           regexes; when none matches anywhere in the scope, one violation is reported
  exceptions        regexes; a sentence that matches one of them is not searched
Message placeholders: {found} (the matched text), {scope} (which part was searched).
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated

from gongwen.extractors.fields.provenance import fields_read_from
from gongwen.validators.context import SCOPE_NAMES, Hit, RuleContext
from gongwen.validators.params import OneOf, Regex
from gongwen.validators.registry import kind
from gongwen.validators.vocab import sentence_spans


@dataclass(frozen=True)
class PhraseParams:
    scope: Annotated[str, OneOf(SCOPE_NAMES)] = "body"
    forbid: tuple[Regex, ...] = ()
    forbid_uncertain: tuple[Regex, ...] = ()
    require: tuple[Regex, ...] = ()
    exceptions: tuple[Regex, ...] = ()

    def __post_init__(self) -> None:
        if not (self.forbid or self.forbid_uncertain or self.require):
            raise ValueError("forbid、forbid_uncertain、require 至少须给出一项")


@kind("phrase", params=PhraseParams, placeholders=("found", "scope"),
      rests_on=lambda params: fields_read_from(params.scope))
def phrase(ctx: RuleContext, params: PhraseParams) -> Iterator[Hit]:
    scope = ctx.scope(params.scope)
    exceptions = [re.compile(p) for p in params.exceptions]
    searched = [
        (start, end) for start, end in sentence_spans(scope.text, scope.start, unwrap=True)
        if not any(e.search(ctx.doc.text[start:end]) for e in exceptions)
    ]
    reported: set[int] = set()  # one finding per sentence, the firmest cue first
    for patterns, uncertain in ((params.forbid, False), (params.forbid_uncertain, True)):
        for pattern in map(re.compile, patterns):
            for start, end in searched:
                found = _search_unwrapped(pattern, ctx.doc.text, start, end)
                if found is None or start in reported:
                    continue
                reported.add(start)
                yield Hit(found[0], found[1], {"found": found[2], "scope": scope.label}, uncertain=uncertain)
    if params.require and not any(
        re.search(p, ctx.doc.text[start:end]) for p in params.require for start, end in searched
    ):
        yield Hit(None, None, {"found": "", "scope": scope.label})


def _search_unwrapped(pattern: re.Pattern[str], text: str, start: int, end: int) -> tuple[int, int, str] | None:
    """``pattern`` in text[start:end] read as one line: a sentence wrapped by hard line breaks (text
    pasted from a PDF: 「恳请\n市政府批准…」) matches as written unwrapped. Returns (start, end, matched
    text without the breaks), offsets into ``text``."""
    sentence = text[start:end]
    if "\n" not in sentence:
        match = pattern.search(text, start, end)
        return (match.start(), match.end(), match.group(0)) if match else None
    kept = [index for index, char in enumerate(sentence) if not _is_wrap(sentence, index)]
    match = pattern.search("".join(sentence[index] for index in kept))
    if match is None or match.end() == match.start():
        return None
    return start + kept[match.start()], start + kept[match.end() - 1] + 1, match.group(0)


def _is_wrap(sentence: str, index: int) -> bool:
    """A line break, or the indentation around it."""
    if sentence[index] == "\n":
        return True
    if not sentence[index].isspace():
        return False
    before, after = sentence[:index].rstrip(" \t\u3000"), sentence[index:].lstrip(" \t\u3000")
    return before.endswith("\n") or after.startswith("\n") or not before
