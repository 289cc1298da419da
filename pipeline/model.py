"""Typed data contracts between the pipeline stages, in the order the runner runs them:

ingest (read) -> RawDocument(blocks with their anchors, companions) -> normalize -> Document(text,
offset map) -> extract -> Document(structure, fields) -> segment -> Document(tokens, entities)
-> validate -> DocResult(findings) -> report.

Segmentation follows extraction because it covers only the regions the structure marks as naming
organs, posts and people (not the body), and it runs only when its result is used (``extract``
reports entities; a check only when one of its rules reads tokens or entities): fields never
depend on it. Ingest is the only stage that reads files: the approval sidecar and the files beside
a document arrive with it (``RawDocument.companions``), and each block's ``anchor`` says where in
the file it was read, so no later stage reads the file again.

Every stage returns a new frozen object (``dataclasses.replace``); no stage mutates an earlier one.
Offsets are code-point offsets. ``Document.text`` is the normalized text; ``Document.original`` is
the text exactly as read (blocks joined by newlines); ``Document.to_original`` maps a normalized
offset back, so findings point at the characters as written.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Any

BLOCK_KINDS = ("para", "table_row", "header", "footer", "textbox")
SEVERITY_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}  # how every output names a severity
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}  # the gate (--fail-on) fails at its level and above


@dataclass(frozen=True)
class BlockStyle:
    alignment: str | None = None  # "left" | "center" | "right" | "justify"
    bold: bool | None = None
    font_size: float | None = None  # points
    style_name: str | None = None  # e.g. the docx paragraph style


@dataclass(frozen=True)
class Anchor:
    """Where a block was read in its file, so a later stage (annotate) finds its characters again
    without walking the file the way the reader did.

    .docx: the story ``part`` ("body", "header", "footer"; ``part_index`` tells headers and footers
    apart, in document order) and, in ``pieces``, each stretch of ``Block.text`` that a text element
    of that part holds: (offset in Block.text, the element's position among all elements of the part
    in document order, offset in the element's text, length). Characters in no piece were added by
    the reader (a numbering label, the space between a cell's paragraphs, the tab between cells).
    ``paragraph`` is the position of the block's (first) w:p, counted the same way; ``row`` a table
    row's position in its table.
    PDF: ``part`` "page" and ``boxes``, one (page, left, top, right, bottom) per page the block lies
    on, in points from the page's top-left corner.
    """

    part: str
    part_index: int = 0
    paragraph: int | None = None
    row: int | None = None
    textbox: bool = False  # docx: read from a text box
    pieces: tuple[tuple[int, int, int, int], ...] = ()
    boxes: tuple[tuple[int, float, float, float, float], ...] = ()


@dataclass(frozen=True)
class Block:
    """One paragraph, table row, header/footer paragraph or text-box paragraph, in reading order."""

    kind: str
    text: str
    page: int | None = None  # 1-based where the format has pages
    style: BlockStyle = field(default_factory=BlockStyle)
    cells: tuple[str, ...] = ()  # table rows only: the cell texts; ``text`` joins them with a tab
    table: int | None = None  # table rows only: which table of the document (0-based)
    confidence: float | None = None  # read by OCR only: the lowest line confidence (0–1) in the block
    # where in the file it was read (.docx, PDF; None for other formats). Not part of equality: the
    # same block read from another file is the same block.
    anchor: Anchor | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Companion:
    """A file that arrives with a document at ingest, so no later stage touches the file system."""

    name: str  # the file name, as shown to clerks
    role: str  # "approval_sidecar" (its text is read) | "sibling" (a file lying beside the document: listed only)
    text: str | None = None


@dataclass(frozen=True)
class RawDocument:
    """What a reader produces: blocks in reading order plus format metadata."""

    path: str
    format: str  # "docx" | "pdf" | "ofd" | "txt" | "md" | "html"
    blocks: tuple[Block, ...]
    meta: dict[str, Any] = field(default_factory=dict)  # e.g. {"encoding": "gb18030", "pages": 3}
    sha256: str = ""
    companions: tuple[Companion, ...] = ()  # filled by ingest: the approval sidecar and the files beside it


@dataclass(frozen=True)
class Token:
    text: str
    start: int  # offsets into Document.text
    end: int


@dataclass(frozen=True)
class Entity:
    label: str  # "ORG" | "POST" | "PERSON" | "DOCTYPE"
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Span:
    """A stretch of Document.text; ``block`` is the index of the block it starts in."""

    start: int
    end: int
    block: int | None = None
    page: int | None = None


@dataclass(frozen=True)
class RequestItem:
    text: str  # the ask as written, without the hard breaks that only wrap a line (text pasted from a PDF)
    start: int  # offsets into Document.text
    end: int
    subject: str | None = None  # the matter as the title names it, where the title names this item's matter


@dataclass(frozen=True)
class ApprovalStep:
    role: str  # 拟稿 | 核稿 | 审核 | 会签 | 签发 | 审签 | 审阅
    name: str | None = None
    post: str | None = None
    date: str | None = None  # ISO YYYY-MM-DD
    organ: str | None = None  # for 会签: the department that countersigned, where known
    opinion: str | None = None
    year_inferred: bool = False  # the record wrote no year (3月5日): ``date`` took a neighbouring step's


@dataclass(frozen=True)
class Contact:
    name: str | None = None
    phone: str | None = None


@dataclass(frozen=True)
class Provenance:
    """Where a field's value came from and how sure extraction is of it.

    ``start``/``end`` cover the value as written: offsets into Document.text during the pipeline,
    into Document.original in a DocResult (the runner maps them, like request items); None where the
    value is not in the text (a sidecar). ``producer`` names what read it: "labeller:<element>",
    "page_metadata", "front_matter", "doc_type:<basis>", "request_items", "approval:<source>".
    """

    producer: str
    confidence: float  # 0–1
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class Fields:
    """The extracted fields. Empty list / None where the document has none."""

    doc_type: str | None = None
    title: str | None = None
    issuer: tuple[str, ...] = ()
    doc_number: str | None = None  # as written, e.g. "国发〔2019〕5号" or a malformed "国发[2019]5号"
    signer: tuple[str, ...] = ()
    date: str | None = None  # ISO YYYY-MM-DD
    date_text: str | None = None  # as written, e.g. "2021年11月11日"
    recipients: tuple[str, ...] = ()
    cc: tuple[str, ...] = ()
    attachments: tuple[str, ...] = ()
    contact: Contact | None = None
    copy_number: str | None = None  # 份号
    classification: str | None = None  # 密级和保密期限 as written, e.g. "秘密★1年"
    urgency: str | None = None  # 特急 | 加急 | 特提 | 平急
    printed_by: str | None = None
    printed_date: str | None = None  # ISO
    request_items: tuple[RequestItem, ...] = ()
    approval: tuple[ApprovalStep, ...] = ()
    # field name -> its provenance, one per non-empty field (a list field's span covers all its
    # items). Not part of equality: the same values read from another layout are the same fields.
    provenance: dict[str, Provenance] = field(default_factory=dict, compare=False)


# GB/T 9704-2012 elements recognised by the structure stage, in document order.
ELEMENTS = (
    "copy_number", "classification", "urgency", "issuer_mark", "doc_number", "signer",
    "title", "recipients", "body", "attachment_note", "signature", "date", "note",
    "attachments", "cc", "printed",
)


@dataclass(frozen=True)
class Structure:
    """Where each GB/T 9704 element sits: element name -> spans of Document.text."""

    elements: dict[str, tuple[Span, ...]] = field(default_factory=dict)
    # element name -> the labeller's confidence (0–1) in each of its spans, parallel to ``elements``
    confidence: dict[str, tuple[float, ...]] = field(default_factory=dict)

    def span(self, element: str) -> Span | None:
        spans = self.elements.get(element, ())
        return spans[0] if spans else None

    def confidence_of(self, element: str, index: int = 0) -> float | None:
        """How sure the labeller is of the ``index``-th span of ``element``; None where it gave no score."""
        scores = self.confidence.get(element, ())
        return scores[index] if index < len(scores) else None


@dataclass(frozen=True)
class Document:
    raw: RawDocument
    text: str  # normalized text, blocks joined by "\n"
    original: str  # raw block texts joined by "\n"
    offset_map: tuple[int, ...]  # len(text) + 1 entries: normalized offset -> original offset
    block_spans: tuple[tuple[int, int], ...]  # per block: (start, end) in ``text``
    # offsets in ``text`` where normalization dropped blanks between two CJK characters (sorted)
    blank_gaps: tuple[int, ...] = ()
    tokens: tuple[Token, ...] = ()
    entities: tuple[Entity, ...] = ()
    structure: Structure = field(default_factory=Structure)
    fields: Fields = field(default_factory=Fields)
    approval_source: str | None = None  # "table" | "text" | "sidecar" where an approval record was found

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        return self.offset_map[start], self.offset_map[end]

    def written(self, start: int, end: int) -> str:
        """``text[start:end]`` with a space where blanks between two CJK characters were written
        ("张某某　李某某", "王　强"): the word boundaries as written, without reading them again."""
        inside = self.blank_gaps[bisect_right(self.blank_gaps, start):bisect_left(self.blank_gaps, end)]
        pieces, previous = [], start
        for gap in inside:
            pieces += [self.text[previous:gap], " "]
            previous = gap
        return "".join(pieces) + self.text[previous:end]

    def block_at(self, offset: int) -> int | None:
        for index, (start, end) in enumerate(self.block_spans):
            if start <= offset <= end:
                return index
        return None

    def span(self, start: int, end: int) -> Span:
        block = self.block_at(start)
        page = self.raw.blocks[block].page if block is not None else None
        return Span(start, end, block, page)


@dataclass(frozen=True)
class DocError:
    """A structured, per-document error: never stops a batch."""

    code: str  # kebab-case, from pipeline.errors.CATALOGUE
    message: str  # Chinese, names the file and the reason


@dataclass(frozen=True)
class Location:
    block: int | None
    page: int | None
    start: int  # offsets into Document.original
    end: int


@dataclass(frozen=True)
class Source:
    document: str  # e.g. 《东安区人民政府工作规则》
    article: str | None = None  # e.g. 第五十八条
    quote: str | None = None


@dataclass(frozen=True)
class Evidence:
    """A field a finding rests on, as extraction read it (see ``Provenance``); ``producer`` and
    ``confidence`` are None where the field is empty (the finding is about its absence)."""

    field: str
    producer: str | None
    confidence: float | None
    start: int | None = None  # offsets into Document.original
    end: int | None = None


@dataclass(frozen=True)
class Finding:
    rule: str  # stable dotted id, e.g. "request.one-matter"
    severity: str  # "error" | "warning" | "info"
    message: str  # Chinese
    location: Location | None
    excerpt: str | None
    source: Source | None
    suggestion: str | None = None
    pack: str | None = None
    tool_fault: bool = False  # the rule itself failed: never suppressed or baselined away
    evidence: tuple[Evidence, ...] = ()  # the fields the finding rests on


@dataclass(frozen=True)
class DocResult:
    path: str
    format: str | None
    status: str  # "ok" | "error"
    error: DocError | None = None
    fields: Fields | None = None
    findings: tuple[Finding, ...] = ()
    entities: tuple[Entity, ...] = ()  # offsets into the original text; filled when segmented
    sha256: str = ""
    timings: dict[str, float] = field(default_factory=dict)
    document: Document | None = None  # kept only when a caller asks (HTML report, annotate)
