"""Write a copy of the clerk's .docx with every finding attached as a Word comment (批注).

A finding's offsets index the text as the docx reader produced it (blocks joined by newlines). Each
block carries its anchor (``pipeline.model.Anchor``): which text elements of the file hold which of
its characters. The comment is placed from that anchor alone: the finding's characters are mapped
to the elements holding them, runs are split at those characters, and the comment covers exactly
them. The file is not walked the way the reader walks it.

Where that is impossible the comment falls back, in order, to: the whole line of the block
(findings that point at a place rather than at text), the run holding a text box (Word does not
anchor comments inside text boxes reliably), the first paragraph of the body (findings without a
location, those in headers or footers, which cannot carry comments, and text the file no longer
holds: the comment says where the text is).
"""
from __future__ import annotations

import copy
import io
from pathlib import Path

from gongwen.extractors.readers import read_document
from gongwen.pipeline.errors import IngestError
from gongwen.pipeline.model import Anchor, Block, DocResult, Finding
from gongwen.pipeline.paths import same_file
from gongwen.reports.common import EVIDENCE_LABEL, evidence_text, source_label

AUTHOR = "gongwen"
INITIALS = "GW"
_STORY_NOTES = {"header": "页眉", "footer": "页脚"}


def comment_text(finding: Finding, where: str | None = None) -> str:
    """"[rule id] message（依据：…）（所据要素：…）建议：…", with where the text is when the
    comment could not be placed on it."""
    text = f"[{finding.rule}] {finding.message}"
    if where:
        text += f"（位于{where}：“{finding.excerpt}”）" if finding.excerpt else f"（位于{where}）"
    if finding.source:
        text += f"（依据：{source_label(finding.source)}）"
    if finding.evidence:
        text += f"（{EVIDENCE_LABEL}：{evidence_text(finding)}）"
    if finding.suggestion:
        text += f"建议：{finding.suggestion}"
    return text


def annotate_docx(source: Path, result: DocResult, output: Path) -> int:
    """Save a copy of ``source`` at ``output`` with one comment per finding; return how many.

    ``source`` itself is never written. A result that could not be processed has no findings, so
    its copy carries no comments.
    """
    import docx

    source, output = Path(source), Path(output)
    if source.suffix.lower() != ".docx":
        raise IngestError("unsupported-format", source, suffix=source.suffix or "（无扩展名）")
    if same_file(output, source):  # a hard link or a symlink to the source included
        raise ValueError("annotate_docx writes a copy: output must differ from source")
    data = source.read_bytes()
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises several unrelated types for a broken package
        raise IngestError("corrupt-file", source, reason=f"Word 文档结构无效（{error}）") from None
    blocks = _reader_blocks(source, result) if result.findings else ()
    annotator = _Annotator(document, blocks)
    for finding in result.findings:
        annotator.annotate(finding)
    output.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(output))
    return len(result.findings)


def _reader_blocks(source: Path, result: DocResult) -> tuple[Block, ...]:
    if result.document is not None:
        return result.document.raw.blocks
    return read_document(source).blocks


# --- from anchors to runs ------------------------------------------------------------------------

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_RUN, _TEXT, _RUN_PROPERTIES, _TEXTBOX = W + "r", W + "t", W + "rPr", W + "txbxContent"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


class _Annotator:
    def __init__(self, document, blocks: tuple[Block, ...]) -> None:
        self._document = document
        self._blocks = blocks
        self._starts = []
        offset = 0
        for block in blocks:
            self._starts.append(offset)
            offset += len(block.text) + 1
        # Anchors count the body's elements as the file was read: listed before any run is split.
        self._elements = list(document.element.body.iter())
        self._tails: dict = {}  # a w:t cut in two -> (offset of the cut, the element holding the rest)

    def annotate(self, finding: Finding) -> None:
        target = self._target(finding)
        if target is None:
            first, last = self._first_runs()
            self._comment(first, last, comment_text(finding, self._place(finding)))
            return
        first, last = target
        host = _textbox_host(first[0])
        if host is not None:
            self._comment(host, host, comment_text(finding, "文本框"))
            return
        self._cut(*first)
        self._cut(last[0], last[1] + 1)
        self._comment(self._run_at(*first), self._run_at(*last), comment_text(finding))

    def _place(self, finding: Finding) -> str | None:
        """Where a finding that could not be anchored at its text is, in words."""
        location = finding.location
        if location is None or location.block is None or not 0 <= location.block < len(self._blocks):
            return None
        block = self._blocks[location.block]
        if block.anchor is not None and block.anchor.part in _STORY_NOTES:
            return _STORY_NOTES[block.anchor.part]
        return _STORY_NOTES.get(block.kind, f"第{location.block + 1}段")

    def _target(self, finding: Finding) -> tuple[tuple[object, int], tuple[object, int]] | None:
        """The (element, character) of the finding's first and last character in the body."""
        location = finding.location
        if location is None or location.block is None or not 0 <= location.block < len(self._blocks):
            return None
        block = self._blocks[location.block]
        anchor = block.anchor
        if anchor is None or anchor.part != "body" or not self._holds(block.text, anchor):
            return None
        start = max(0, min(location.start - self._starts[location.block], len(block.text)))
        end = max(start, min(location.end - self._starts[location.block], len(block.text)))
        pieces = [piece for piece in anchor.pieces if piece[0] < end and piece[0] + piece[3] > start]
        if not block.text[start:end].strip() or not pieces:  # a point in a line: the whole line
            pieces = list(anchor.pieces)
            start, end = 0, len(block.text)
        if not pieces:
            return None
        first = pieces[0]
        paragraph = _paragraph_of(self._elements[first[1]])
        last = next(piece for piece in reversed(pieces)
                    if piece is first or _paragraph_of(self._elements[piece[1]]) is paragraph)
        return (self._character(first, max(start, first[0])),
                self._character(last, min(end, last[0] + last[3]) - 1))

    def _holds(self, text: str, anchor: Anchor) -> bool:
        """Whether the file still holds the block's text where the anchor says (not a stale result)."""
        for offset, position, start, length in anchor.pieces:
            if position >= len(self._elements):
                return False
            element = self._elements[position]
            if element.tag == _TEXT and self._text_as_read(element)[start:start + length] != text[offset:offset + length]:
                return False
        return True

    def _text_as_read(self, element) -> str:
        text = element.text or ""
        while element in self._tails:
            element = self._tails[element][1]
            text += element.text or ""
        return text

    def _character(self, piece: tuple[int, int, int, int], offset: int) -> tuple[object, int]:
        block_offset, position, start, _ = piece
        return self._elements[position], start + offset - block_offset

    def _fragment(self, element, at: int) -> tuple[object, int]:
        """Where character ``at`` of ``element`` (as read) is now, after the cuts made so far."""
        while element in self._tails and at >= self._tails[element][0]:
            offset, element = self._tails[element]
            at -= offset
        return element, at

    def _run_at(self, element, at: int):
        return self._fragment(element, at)[0].getparent()

    def _cut(self, element, at: int) -> None:
        """Make a run boundary before character ``at`` of ``element`` (its end: after it); the run's
        formatting is kept on both sides."""
        element, at = self._fragment(element, at)
        run = element.getparent()
        content = [child for child in run if child.tag != _RUN_PROPERTIES]
        if element.tag == _TEXT and 0 < at < len(element.text or ""):
            rest = copy.deepcopy(element)
            element.text, rest.text = element.text[:at], element.text[at:]
            for piece in (element, rest):
                piece.set(_XML_SPACE, "preserve")
            if element in self._tails:
                offset, later = self._tails[element]
                self._tails[rest] = (offset - at, later)
            self._tails[element] = (at, rest)
            element.addnext(rest)
            moved = rest
        elif at > 0:  # after the element
            following = content.index(element) + 1
            if following == len(content):
                return
            moved = content[following]
        else:
            moved = element
        content = [child for child in run if child.tag != _RUN_PROPERTIES]
        index = content.index(moved)
        if index == 0:
            return
        second = run.makeelement(run.tag, dict(run.attrib))
        properties = run.find(_RUN_PROPERTIES)
        if properties is not None:
            second.append(copy.deepcopy(properties))
        for child in content[index:]:
            second.append(child)  # moves it: the elements anchors point at stay the same objects
        run.addnext(second)

    def _first_runs(self) -> tuple[object, object]:
        """The first and last run of the body's first paragraph that holds text (not a text box)."""
        for block in self._blocks:
            anchor = block.anchor
            if anchor is not None and anchor.part == "body" and not anchor.textbox and anchor.pieces \
                    and block.kind == "para" and self._holds(block.text, anchor):
                first, last = anchor.pieces[0], anchor.pieces[-1]
                paragraph = _paragraph_of(self._elements[first[1]])
                last = next(piece for piece in reversed(anchor.pieces)
                            if _paragraph_of(self._elements[piece[1]]) is paragraph)
                return self._run_at(*self._character(first, first[0])), \
                    self._run_at(*self._character(last, last[0] + last[3] - 1))
        for paragraph in self._document.paragraphs:  # blocks without anchors: the file's own first text
            runs = [run for run in paragraph.runs if run.text.strip()]
            if runs:
                return runs[0]._r, runs[-1]._r
        body_paragraph = self._document.paragraphs[0] if self._document.paragraphs else self._document.add_paragraph()
        run = body_paragraph.add_run()
        return run._r, run._r

    def _comment(self, first_run, last_run, text: str) -> None:
        from docx.text.run import Run

        self._document.add_comment([Run(first_run, None), Run(last_run, None)], text=text,
                                   author=AUTHOR, initials=INITIALS)


def _paragraph_of(element):
    return next(element.iterancestors(W + "p"), None)


def _textbox_host(element):
    """The body run holding the text box ``element`` is in, or None when it is in no text box."""
    if next(element.iterancestors(_TEXTBOX), None) is None:
        return None
    runs = list(element.iterancestors(_RUN))
    return runs[-1] if runs else None
