"""Word .docx reader.

python-docx opens the package (parts, relationships, styles); the text is walked from the XML
directly, because python-docx's ``paragraph.text`` cannot express what a reviewer must see:

* document order across paragraphs, tables and content controls (``w:sdt``) at body level;
* tracked changes as if accepted: ``w:ins``/``w:moveTo`` text in, ``w:del``/``w:moveFrom`` out;
* fields as their visible result (runs between ``fldChar`` separate and end), never the
  ``w:instrText`` instruction; hyperlinks as their text;
* text boxes (the 发文机关标志 often sits in one) read once: ``mc:AlternateContent`` carries the
  same box twice (DrawingML Choice and VML Fallback), so only the first branch is read. Their
  paragraphs become ``textbox`` blocks just before the paragraph that anchors them;
* a soft line break (``w:br``, ``w:cr``) ends a block, so no block text contains a newline;
* a table cell's paragraphs (nested tables and text boxes included) are joined by a space, one
  ``table_row`` block per non-empty row; a vertically merged continuation cell is empty in the
  XML and stays an empty cell, so merged cells are never repeated.

Style hints: alignment (direct, else the style chain), bold and font size as the majority of the
paragraph's characters (run, character style, paragraph style, document defaults), style name.
Headers come first and footers last (a .docx has no pages until it is laid out).
Empty paragraphs are left out: in a .docx they are spacing, not content.
"""
from __future__ import annotations

import io
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from extractors.readers.guard import ReadLimits, open_zip
from pipeline.errors import IngestError
from pipeline.model import Block, BlockStyle, RawDocument

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"

_P, _TBL, _TR, _TC, _SDT, _SDT_CONTENT = W + "p", W + "tbl", W + "tr", W + "tc", W + "sdt", W + "sdtContent"
_CUSTOM_XML = W + "customXml"
_T, _TAB, _PTAB, _BR, _CR = W + "t", W + "tab", W + "ptab", W + "br", W + "cr"
_NO_BREAK_HYPHEN, _FLD_CHAR, _TXBX_CONTENT = W + "noBreakHyphen", W + "fldChar", W + "txbxContent"
_ALTERNATE, _CHOICE, _FALLBACK = MC + "AlternateContent", MC + "Choice", MC + "Fallback"
# Subtrees that never contribute visible text of the accepted document.
_SKIPPED = frozenset({
    W + "del", W + "moveFrom", W + "delText", W + "delInstrText", W + "instrText", W + "pPr", W + "rPr",
    W + "tcPr", W + "trPr", W + "tblPr", W + "tblGrid", W + "sdtPr", W + "sdtEndPr", W + "sectPr",
    W + "footnoteReference", W + "endnoteReference", W + "commentReference",
})
_ALIGNMENTS = {
    "left": "left", "start": "left", "center": "center", "right": "right", "end": "right",
    "both": "justify", "distribute": "justify", "thaiDistribute": "justify",
    "highKashida": "justify", "mediumKashida": "justify", "lowKashida": "justify",
}
_FALSE_VALUES = frozenset({"0", "false", "off", "none"})


def read_docx(path: Path, data: bytes, limits: ReadLimits) -> RawDocument:
    # The declared sizes are checked before python-docx inflates anything; zipfile itself never
    # inflates more than a member's declared size, so this also caps the bytes actually read.
    open_zip(path, data, limits).close()
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import XMLSyntaxError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, XMLSyntaxError, zipfile.BadZipFile) as error:
        raise IngestError("corrupt-file", path, reason=f"Word 文档结构无效（{error}）") from None

    walker = _Walker(_Styles(document.styles.element))
    body = document.element.body
    blocks = [*walker.story(_header_footer_parts(document, "headerReference"), "header"),
              *walker.container(body, "para"),
              *walker.story(_header_footer_parts(document, "footerReference"), "footer")]
    core = document.core_properties
    meta = {
        "sections": len(document.sections),
        "tables": walker.tables,
        "core_properties": {key: value for key, value in (
            ("title", core.title), ("author", core.author),
            ("created", core.created.isoformat() if core.created else None)) if value},
    }
    return RawDocument(path=str(path), format="docx", blocks=tuple(blocks), meta=meta)


def _header_footer_parts(document, reference: str) -> list:
    """Header or footer roots in section order, each part once (sections may share one)."""
    related = document.part.related_parts
    roots, seen = [], set()
    for reference_element in document.element.body.iter(W + reference):
        part = related.get(reference_element.get(R + "id"))
        if part is not None and id(part) not in seen:
            seen.add(id(part))
            roots.append(part.element)
    return roots


@dataclass(frozen=True)
class _Props:
    alignment: str | None = None
    bold: bool | None = None
    size: float | None = None
    name: str | None = None


class _Styles:
    """Style hints resolved along ``w:basedOn`` chains, from styles.xml."""

    def __init__(self, root) -> None:
        self._elements = {style.get(W + "styleId"): style for style in root.iter(W + "style")}
        self._cache: dict[str, _Props] = {}
        defaults = root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
        self.default = _Props(bold=_bold_of(defaults), size=_size_of(defaults))
        self.default_paragraph = next(
            (style.get(W + "styleId") for style in self._elements.values()
             if style.get(W + "type") == "paragraph" and style.get(W + "default") in ("1", "true")), None)

    def resolve(self, style_id: str | None) -> _Props:
        if style_id is None or style_id not in self._elements:
            return self.default
        if style_id not in self._cache:
            self._cache[style_id] = _Props()  # a cycle in basedOn resolves to nothing, not recursion
            element = self._elements[style_id]
            based_on = element.find(W + "basedOn")
            parent = self.resolve(based_on.get(W + "val") if based_on is not None else None)
            run = element.find(W + "rPr")
            jc = element.find(f"{W}pPr/{W}jc")
            name = element.find(W + "name")
            bold, size = _bold_of(run), _size_of(run)
            self._cache[style_id] = _Props(
                alignment=_ALIGNMENTS.get(jc.get(W + "val")) if jc is not None else parent.alignment,
                bold=bold if bold is not None else parent.bold,
                size=size if size is not None else parent.size,
                name=name.get(W + "val") if name is not None else style_id,
            )
        return self._cache[style_id]


def _bold_of(properties) -> bool | None:
    if properties is None:
        return None
    element = properties.find(W + "b")
    if element is None:
        return None
    return element.get(W + "val", "true").lower() not in _FALSE_VALUES


def _size_of(properties) -> float | None:
    if properties is None:
        return None
    element = properties.find(W + "sz")
    if element is None:
        return None
    try:
        return int(element.get(W + "val")) / 2
    except (TypeError, ValueError):
        return None


@dataclass
class _Paragraph:
    """What one walk over a paragraph collects."""

    lines: list[str] = field(default_factory=lambda: [""])
    textboxes: list = field(default_factory=list)
    bold_weight: Counter = field(default_factory=Counter)
    size_weight: Counter = field(default_factory=Counter)
    fields: list[bool] = field(default_factory=list)  # per open field: still in its instruction?

    def add(self, text: str) -> None:
        self.lines[-1] += text

    def visible(self) -> bool:
        return not any(self.fields)


class _Walker:
    def __init__(self, styles: _Styles) -> None:
        self._styles = styles
        self.tables = 0

    def story(self, roots: list, kind: str) -> list[Block]:
        return [block for root in roots for block in self.container(root, kind)]

    def container(self, element, kind: str) -> list[Block]:
        """Paragraphs and tables of a body, header, footer, text box or content control."""
        blocks: list[Block] = []
        for child in element:
            if child.tag == _P:
                blocks.extend(self.paragraph(child, kind))
            elif child.tag == _TBL:
                blocks.extend(self.table(child, kind))
            elif child.tag in (_SDT, _CUSTOM_XML):
                content = child.find(_SDT_CONTENT) if child.tag == _SDT else child
                if content is not None:
                    blocks.extend(self.container(content, kind))
        return blocks

    def paragraph(self, element, kind: str) -> list[Block]:
        collected = _Paragraph()
        paragraph_props = self._paragraph_props(element)
        self._collect(element, collected, paragraph_props)
        box_kind = "textbox" if kind == "para" else kind
        blocks = [block for box in collected.textboxes for block in self.container(box, box_kind)]
        style = BlockStyle(
            alignment=paragraph_props.alignment or "left",
            bold=_majority(collected.bold_weight),
            font_size=_majority(collected.size_weight),
            style_name=paragraph_props.name,
        )
        blocks.extend(Block(kind=kind, text=line, style=style) for line in collected.lines if line.strip())
        return blocks

    def table(self, element, kind: str) -> list[Block]:
        if kind != "para":  # a table in a header or footer: its rows read as lines of that story
            return [Block(kind=kind, text=text) for text in self._rows(element) if text.strip()]
        index = self.tables
        self.tables += 1
        blocks = []
        for row in element.iter(_TR):
            if _owning_table(row) is not element:
                continue  # a nested table's rows are read as part of their cell
            cells = tuple(self._cell_text(cell) for cell in _cells(row))
            if any(cell.strip() for cell in cells):
                blocks.append(Block(kind="table_row", text="\t".join(cells), cells=cells, table=index))
        return blocks

    def _rows(self, table) -> list[str]:
        return ["\t".join(self._cell_text(cell) for cell in _cells(row))
                for row in table.iter(_TR) if _owning_table(row) is table]

    def _cell_text(self, cell) -> str:
        return " ".join(block.text.strip() for block in self.container(cell, "cell") if block.text.strip())

    def _paragraph_props(self, element) -> _Props:
        style_element = element.find(f"{W}pPr/{W}pStyle")
        style_id = style_element.get(W + "val") if style_element is not None else self._styles.default_paragraph
        props = self._styles.resolve(style_id)
        jc = element.find(f"{W}pPr/{W}jc")
        if jc is not None and jc.get(W + "val") in _ALIGNMENTS:
            props = _Props(_ALIGNMENTS[jc.get(W + "val")], props.bold, props.size, props.name)
        return props

    def _collect(self, element, paragraph: _Paragraph, props: _Props) -> None:
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIPPED:
                continue  # comments and processing instructions have a non-string tag
            if tag == _T:
                if paragraph.visible() and child.text:
                    paragraph.add(child.text)
                    self._weigh(child.getparent(), len(child.text.strip()), paragraph, props)
            elif tag in (_TAB, _PTAB):
                if paragraph.visible():
                    paragraph.add("\t")
            elif tag in (_BR, _CR):
                if paragraph.visible():
                    paragraph.lines.append("")
            elif tag == _NO_BREAK_HYPHEN:
                if paragraph.visible():
                    paragraph.add("-")
            elif tag == _FLD_CHAR:
                _field_char(child.get(W + "fldCharType"), paragraph.fields)
            elif tag == _TXBX_CONTENT:
                paragraph.textboxes.append(child)
            elif tag == _ALTERNATE:
                branch = child.find(_CHOICE)
                if branch is None:
                    branch = child.find(_FALLBACK)
                if branch is not None:
                    self._collect(branch, paragraph, props)
            else:
                self._collect(child, paragraph, props)

    def _weigh(self, run, characters: int, paragraph: _Paragraph, props: _Props) -> None:
        if not characters:
            return
        run_properties = run.find(W + "rPr") if run is not None else None
        character_style = None
        if run_properties is not None:
            style_element = run_properties.find(W + "rStyle")
            if style_element is not None:
                character_style = self._styles.resolve(style_element.get(W + "val"))
        bold = _first(_bold_of(run_properties), character_style and character_style.bold, props.bold,
                      self._styles.default.bold)
        size = _first(_size_of(run_properties), character_style and character_style.size, props.size,
                      self._styles.default.size)
        paragraph.bold_weight[bool(bold)] += characters
        if size is not None:
            paragraph.size_weight[size] += characters


def _field_char(kind: str | None, fields: list[bool]) -> None:
    if kind == "begin":
        fields.append(True)
    elif kind == "separate" and fields:
        fields[-1] = False
    elif kind == "end" and fields:
        fields.pop()


def _cells(row) -> list:
    cells = []
    for child in row:
        if child.tag == _TC:
            cells.append(child)
        elif child.tag in (_SDT, _CUSTOM_XML):
            cells.extend(child.iter(_TC))
    return cells


def _owning_table(element):
    parent = element.getparent()
    while parent is not None and parent.tag != _TBL:
        parent = parent.getparent()
    return parent


def _first(*values):
    return next((value for value in values if value is not None), None)


def _majority(weights: Counter):
    return weights.most_common(1)[0][0] if weights else None
