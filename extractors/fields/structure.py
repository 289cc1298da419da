"""Locate the GB/T 9704-2012 elements of a document: which lines (or parts of lines) of the
normalized text are the 版头, the title, the 主送, the body, the 署名 and 成文日期, the 版记 …

Each line is labelled by the element labeller (``labeller``, on the features of ``features``),
decoded under the standard's element order, so a date or a document number cited in the body is
never taken for the document's own. This module turns the labelled lines into the spans the field
readers read (a part of a line where the element is only part of it: the 发文字号 beside the
签发人, the date beside an inline 署名), each with the labeller's confidence in its lines.
"""
from __future__ import annotations

from gongwen.extractors.fields.cover_sheet import mark_cover_sheet
from gongwen.extractors.fields.features import (
    CLASSIFICATION,
    COPY_NUMBER,
    ISSUE_NUMBER,
    MARKER,
    SIGNER,
    URGENCY,
    inline_signature,
    signers_row_end,
    speaker_organ,
    leading_doc_number,
    metadata_title_value,
    title_note_date,
    trailing_doc_number,
    document_features,
)
from gongwen.extractors.fields.labeller import decode
from gongwen.extractors.fields.patterns import DOC_NUMBER, Line, document_lines
from gongwen.pipeline.model import ELEMENTS, Document, Span, Structure


class _Spans:
    """Element -> spans and their confidence, in the order they are added."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.spans: dict[str, list[Span]] = {}
        self.scores: dict[str, list[float]] = {}

    def add(self, element: str, start: int, end: int, confidence: float) -> None:
        self.spans.setdefault(element, []).append(self.doc.span(start, end))
        self.scores.setdefault(element, []).append(round(confidence, 3))

    def structure(self) -> Structure:
        names = [name for name in ELEMENTS if name in self.spans]
        return Structure({name: tuple(self.spans[name]) for name in names},
                         {name: tuple(self.scores[name]) for name in names})


def recognise_structure(doc: Document) -> Structure:
    lines = mark_cover_sheet(doc, document_lines(doc))
    labelling = decode(document_features(doc, lines))
    labelled: dict[str, list[Line]] = {}
    for line, label in zip(lines, labelling.labels):
        labelled.setdefault(label, []).append(line)
    confidence = labelling.confidence
    spans = _Spans(doc)
    _header(doc, labelled, confidence, spans)
    for line in labelled.get("title", ()):
        start, end = _title_part(doc, line)
        spans.add("title", start, end, confidence[line.index])
    if recipients := labelled.get("recipients"):
        run = [recipients[0]]  # a 主送 over several lines ends at its colon
        for line in recipients[1:]:
            if line.index != run[-1].index + 1 or run[-1].text.endswith(("：", ":")):
                break
            run.append(line)
        spans.add("recipients", run[0].start, run[-1].end, min(confidence[line.index] for line in run))
    _byline(doc, labelled, confidence, spans)
    if body := labelled.get("body"):
        spans.add("body", body[0].start, body[-1].end, min(confidence[body[0].index], confidence[body[-1].index]))
    for element in ("attachment_note", "signature"):
        for line in labelled.get(element, ()):
            spans.add(element, line.start, line.end, confidence[line.index])
    for line in labelled.get("date", ()):
        inline = inline_signature(doc, line)
        if inline:
            organ_length, date = inline
            spans.add("signature", line.start, line.start + organ_length, confidence[line.index])
            spans.add("date", line.start + date.start, line.start + date.end, confidence[line.index])
        else:
            spans.add("date", line.start, line.end, confidence[line.index])
    for line in labelled.get("note", ()):
        spans.add("note", line.start, line.end, confidence[line.index])
    if attachments := labelled.get("attachments"):
        spans.add("attachments", attachments[0].start, lines[-1].end, confidence[attachments[0].index])
    if cc := labelled.get("cc"):
        spans.add("cc", cc[0].start, cc[0].end, confidence[cc[0].index])
    for line in labelled.get("printed", ()):
        spans.add("printed", line.start, line.end, confidence[line.index])
    return spans.structure()


SIGNER_LINES_MAX = 2  # how far below the first 签发人 line another may follow


def _header(doc: Document, labelled: dict[str, list[Line]], confidence: tuple[float, ...], spans: _Spans) -> None:
    """份号, 密级, 紧急程度 from their line; 发文机关标志; the 发文字号 (the last number line: a web
    page's metadata may repeat it above the document's own; else a number on the title's line, or
    a 期号); the 签发人's names, on their line or beside the number."""
    for line in labelled.get("marks", ()):
        for element, pattern in (("copy_number", COPY_NUMBER), ("classification", CLASSIFICATION), ("urgency", URGENCY)):
            match = pattern.search(line.text)
            if match:
                spans.add(element, line.start + match.start(), line.start + match.end(), confidence[line.index])
    for line in labelled.get("issuer_mark", ()):
        spans.add("issuer_mark", line.start, line.end, confidence[line.index])
    number_lines = labelled.get("doc_number", [])
    number = None
    for line in reversed(number_lines):
        match = DOC_NUMBER.search(line.text)
        if match:
            number = (line, line.start + match.start(), line.start + match.end())
            break
    else:
        for line in labelled.get("title", ()):
            match = leading_doc_number(line.text) or trailing_doc_number(line.text)
            if match:
                number = (line, line.start + match.start(), line.start + match.end())
                break
        else:
            for line in number_lines:
                issue = ISSUE_NUMBER.match(line.text)
                if issue:
                    number = (line, line.start + issue.start("number"), line.start + issue.end("number"))
                    break
    if number:
        line, start, end = number
        spans.add("doc_number", start, end, confidence[line.index])
    signer_lines = sorted((line for line in (*labelled.get("signer", ()), *number_lines) if SIGNER.search(line.text)),
                          key=lambda line: line.index)
    # a joint document's signers may stand on consecutive lines, each after its own 签发人
    signer_lines = [line for line in signer_lines if line.index - signer_lines[0].index <= SIGNER_LINES_MAX]
    for line in signer_lines:
        signer = SIGNER.search(line.text)
        names = (signer.group("names") or "").rstrip()
        start = line.start + (signer.start("names") if signer.group("names") else signer.end())
        spans.add("signer", start, start + len(names), confidence[line.index])
    for below in number_lines:
        names_start = signers_row_end(doc, below) if signer_lines and below.index > signer_lines[-1].index else None
        if names_start is not None:
            spans.add("signer", below.start + names_start, below.end, confidence[below.index])
    for line in labelled.get("signer", ()):
        if not SIGNER.search(line.text):  # names wrapped onto the next line
            spans.add("signer", line.start, line.end, confidence[line.index])


def _title_part(doc: Document, line: Line) -> tuple[int, int]:
    """The title's part of a title line: without a 发文字号 printed before or after it."""
    start, end = line.start, line.end
    value = metadata_title_value(line.text)
    if value:
        start = end - len(value)
    number = leading_doc_number(line.text)
    if number:
        start += number.end()
    trailing = trailing_doc_number(line.text)
    if trailing:
        end = line.start + trailing.start()
    while start < end and doc.text[start].isspace():
        start += 1
    while end > start and (doc.text[end - 1].isspace() or (trailing and doc.text[end - 1] in "（(")):
        end -= 1
    return start, end


def _byline(doc: Document, labelled: dict[str, list[Line]], confidence: tuple[float, ...], spans: _Spans) -> None:
    """The 署名 and date printed under the title: a meeting material's department and date, a
    draft's 起草单位 (the organ after its label) and date line."""
    for line in labelled.get("byline", ()):
        marker = MARKER.match(line.text)
        start = line.start + marker.start("organ") if marker else line.start
        speaker = speaker_organ(line.text)
        end = line.start + len(speaker) if speaker and line.text.startswith(speaker) else line.end
        spans.add("signature", start, end, confidence[line.index])
    for line in labelled.get("byline_date", ()):
        inline = inline_signature(doc, line)
        date = title_note_date(line.text)
        if inline:
            organ_length, date = inline
            spans.add("signature", line.start, line.start + organ_length, confidence[line.index])
        if date:
            spans.add("date", line.start + date.start, line.start + date.end, confidence[line.index])
        else:
            spans.add("date", line.start, line.end, confidence[line.index])
