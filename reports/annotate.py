"""Write a copy of the clerk's .docx with every finding attached as a Word comment (批注).

A finding's offsets index the text as the docx reader produced it (``extractors.readers.docx``:
header blocks, then the body's paragraphs, text boxes and table rows, then footer blocks, joined
by newlines). To find the same characters in the Word file, the body is walked the way the reader
walks it, and the finding's text is located by occurrence: if it is the third "经研究" among the
body paragraphs in the reader's text, the comment goes on the third "经研究" of the body. Runs are
split so the comment covers exactly those characters.

Where that is impossible the comment falls back, in order, to: the whole line of the paragraph
(findings that point at a place rather than at text), the run holding a text box (Word does not
anchor comments inside text boxes reliably), the first paragraph of the body (findings without a
location, and those in headers or footers, which cannot carry comments: the comment says where the
text is).
"""
from __future__ import annotations

import copy
import io
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

# Annotation must see exactly the reader's text, so it walks the XML with the reader's own names.
from gongwen.extractors.readers import docx as reader
from gongwen.extractors.readers import read_document
from gongwen.pipeline.errors import IngestError
from gongwen.pipeline.model import Block, DocResult, Finding
from gongwen.pipeline.paths import same_file
from gongwen.reports.markdown_report import source_label

AUTHOR = "gongwen"
INITIALS = "GW"
_STORY_NOTES = {"header": "页眉", "footer": "页脚"}


def comment_text(finding: Finding, where: str | None = None) -> str:
    """"[rule id] message（依据：…）建议：…", with where the text is when the comment could not
    be placed on it."""
    text = f"[{finding.rule}] {finding.message}"
    if where:
        text += f"（位于{where}：“{finding.excerpt}”）" if finding.excerpt else f"（位于{where}）"
    if finding.source:
        text += f"（依据：{source_label(finding.source)}）"
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


# --- the body as the docx reader sees it --------------------------------------------------------

@dataclass
class _Segment:
    """One visible piece of a paragraph's text: a text-bearing child of a run."""

    run: object  # the w:r element
    child: object  # its w:t, w:tab, w:br … element
    start: int  # offset in the paragraph's visible text
    text: str


@dataclass
class _Paragraph:
    element: object  # w:p
    group: str  # "para" for body paragraphs and text boxes, "table" for table cells
    host_run: object | None = None  # for a text-box paragraph: the body run holding the box

    def segments(self) -> tuple[list[_Segment], list]:
        """The visible text pieces and the text boxes of this paragraph, in reader order."""
        segments: list[_Segment] = []
        boxes: list = []
        fields: list[bool] = []
        offset = 0

        def visit(element, run) -> None:
            nonlocal offset
            for child in element:
                tag = child.tag
                if not isinstance(tag, str) or tag in reader._SKIPPED:
                    continue
                piece = None
                if tag == reader._T:
                    piece = child.text or ""
                elif tag in (reader._TAB, reader._PTAB):
                    piece = "\t"
                elif tag in (reader._BR, reader._CR):
                    piece = "\n"
                elif tag == reader._NO_BREAK_HYPHEN:
                    piece = "-"
                elif tag == reader._FLD_CHAR:
                    reader._field_char(child.get(reader.W + "fldCharType"), fields)
                elif tag == reader._TXBX_CONTENT:
                    boxes.append((child, run))
                elif tag == reader._ALTERNATE:
                    branch = child.find(reader._CHOICE)
                    if branch is None:
                        branch = child.find(reader._FALLBACK)
                    if branch is not None:
                        visit(branch, run)
                else:
                    visit(child, child if tag == reader.W + "r" else run)
                if piece and not any(fields) and run is not None:
                    segments.append(_Segment(run, child, offset, piece))
                    offset += len(piece)

        visit(self.element, None)
        return segments, boxes

    @cached_property
    def text(self) -> str:
        """The visible text; splitting runs never changes it."""
        return "".join(segment.text for segment in self.segments()[0])


def _body_paragraphs(container, group: str, host_run=None) -> list[_Paragraph]:
    """Paragraphs in the reader's order: a paragraph's text boxes come just before it."""
    paragraphs: list[_Paragraph] = []
    for child in container:
        if child.tag == reader._P:
            paragraph = _Paragraph(child, group, host_run)
            if group == "para":
                for box, run in paragraph.segments()[1]:
                    paragraphs.extend(_body_paragraphs(box, "para", host_run or run))
            paragraphs.append(paragraph)
        elif child.tag == reader._TBL:
            for cell in child.iter(reader._TC):
                if reader._owning_table(cell) is child:
                    paragraphs.extend(_body_paragraphs(cell, "table", host_run))
        elif child.tag in (reader._SDT, reader._CUSTOM_XML):
            content = child.find(reader._SDT_CONTENT) if child.tag == reader._SDT else child
            if content is not None:
                paragraphs.extend(_body_paragraphs(content, group, host_run))
    return paragraphs


def _occurrences(text: str, needle: str) -> list[int]:
    found, at = [], text.find(needle)
    while at != -1:
        found.append(at)
        at = text.find(needle, at + 1)
    return found


_BLOCK_GROUPS = {"para": "para", "textbox": "para", "table_row": "table"}


class _Annotator:
    def __init__(self, document, blocks: tuple[Block, ...]) -> None:
        self._document = document
        self._blocks = blocks
        self._starts = []
        offset = 0
        for block in blocks:
            self._starts.append(offset)
            offset += len(block.text) + 1
        self._paragraphs = _body_paragraphs(document.element.body, "para")

    def annotate(self, finding: Finding) -> None:
        target = self._target(finding)
        if target is None:
            first, last = self._first_runs()
            self._comment(first, last, comment_text(finding, self._place(finding)))
            return
        paragraph, start, end = target
        if paragraph.host_run is not None:
            self._comment(paragraph.host_run, paragraph.host_run, comment_text(finding, "文本框"))
            return
        first, last = self._isolate(paragraph, start, end)
        self._comment(first, last, comment_text(finding))

    def _place(self, finding: Finding) -> str | None:
        """Where a finding that could not be anchored at its text is, in words."""
        location = finding.location
        if location is None or location.block is None or not 0 <= location.block < len(self._blocks):
            return None
        return _STORY_NOTES.get(self._blocks[location.block].kind, f"第{location.block + 1}段")

    def _target(self, finding: Finding) -> tuple[_Paragraph, int, int] | None:
        """The paragraph and the [start, end) of its visible text the finding is about."""
        location = finding.location
        if location is None or location.block is None or not 0 <= location.block < len(self._blocks):
            return None
        index = location.block
        block = self._blocks[index]
        group = _BLOCK_GROUPS.get(block.kind)
        if group is None:
            return None
        offset = max(0, min(location.start - self._starts[index], len(block.text)))
        needle = block.text[offset:max(offset, location.end - self._starts[index])]
        if group == "table":
            needle = needle.split("\t")[0]
        if needle.strip():
            found = self._nth(group, needle, self._count_before(group, needle, index, offset))
            if found is None and finding.excerpt and finding.excerpt.strip():
                found = self._nth(group, finding.excerpt, 0)
            if found is not None:
                return found
        if group == "para":  # a point in a line, or text not found: the whole line
            line = block.text
            return self._nth(group, line, self._count_before(group, line, index, 0))
        return None

    def _count_before(self, group: str, needle: str, index: int, offset: int) -> int:
        """How often ``needle`` occurs in the reader's text of ``group`` before (index, offset)."""
        count = 0
        for earlier in range(index):
            if _BLOCK_GROUPS.get(self._blocks[earlier].kind) == group:
                count += len(_occurrences(self._blocks[earlier].text, needle))
        return count + sum(1 for at in _occurrences(self._blocks[index].text, needle) if at < offset)

    def _nth(self, group: str, needle: str, wanted: int) -> tuple[_Paragraph, int, int] | None:
        seen = 0
        for paragraph in self._paragraphs:
            if paragraph.group != group:
                continue
            text = paragraph.text
            line_start = 0
            for line in text.split("\n"):
                for at in _occurrences(line, needle):
                    if seen == wanted:
                        return paragraph, line_start + at, line_start + at + len(needle)
                    seen += 1
                line_start += len(line) + 1
        return None

    def _isolate(self, paragraph: _Paragraph, start: int, end: int) -> tuple[object, object]:
        """Split runs so whole runs cover exactly [start, end); return the first and last run."""
        _split_at(paragraph, start)
        _split_at(paragraph, end)
        segments = paragraph.segments()[0]
        inside = [segment for segment in segments if start <= segment.start < end]
        return inside[0].run, inside[-1].run

    def _first_runs(self) -> tuple[object, object]:
        for paragraph in self._paragraphs:
            segments = paragraph.segments()[0]
            if segments and paragraph.host_run is None:
                return segments[0].run, segments[-1].run
        body_paragraph = self._document.paragraphs[0] if self._document.paragraphs else self._document.add_paragraph()
        run = body_paragraph.add_run()
        return run._r, run._r

    def _comment(self, first_run, last_run, text: str) -> None:
        from docx.text.run import Run

        self._document.add_comment([Run(first_run, None), Run(last_run, None)], text=text,
                                   author=AUTHOR, initials=INITIALS)


def _split_at(paragraph: _Paragraph, offset: int) -> None:
    """Make ``offset`` fall on a run boundary of the paragraph's visible text."""
    segments = paragraph.segments()[0]
    containing = next((segment for segment in segments
                       if segment.start <= offset < segment.start + len(segment.text)), None)
    if containing is None:
        return
    run_start = min(segment.start for segment in segments if segment.run is containing.run)
    if run_start == offset:
        return
    _split_run(containing.run, containing.child, offset - containing.start)


def _split_run(run, child, at: int) -> None:
    """Cut ``run`` before character ``at`` of its content element ``child``; formatting is kept
    on both halves."""
    from docx.oxml.ns import qn

    second = copy.deepcopy(run)
    position = list(run).index(child)
    for index, (kept, moved) in enumerate(zip(list(run), list(second))):
        if kept.tag == qn("w:rPr"):
            continue
        if index < position:
            second.remove(moved)
        elif index > position or at == 0:
            run.remove(kept)
        else:  # only a w:t can be cut inside: the other content elements are one character long
            kept.text, moved.text = kept.text[:at], kept.text[at:]
            for element in (kept, moved):
                element.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    run.addnext(second)
