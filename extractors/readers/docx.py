"""Word .docx reader.

python-docx opens the package (parts, relationships); styles.xml is parsed here, once per distinct
part (``_part_factory``). The text is walked from the XML directly, because python-docx's
``paragraph.text`` cannot express what a reviewer must see:

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

Automatic numbering (``w:numPr`` on the paragraph or its style, defined in numbering.xml) is
rendered as Word draws it and put before the paragraph's text: "一、", "（一）", "1." are part of
what the reader sees, and the structure stage looks for them. Counters belong to the abstract
definition, so list instances (``w:num``) sharing one continue each other unless a
``w:startOverride`` restarts them; a level restarts when a shallower level is used (or as
``w:lvlRestart`` says). Bullets get no label: they carry no structure. ``meta["numbering_labels"]``
lists (block index, label) pairs, because Word's 字数统计 does not count these labels.

Every block records where it was read (``Block.anchor``): the story part, the position of its w:p
and, for each stretch of its text, the text element holding it (see ``pipeline.model.Anchor``), so
``annotate`` places a comment on the very characters without walking the file again.

Style hints: alignment (direct, else the style chain), bold and font size as the majority of the
paragraph's characters (run, character style, paragraph style, document defaults), style name.
Headers come first and footers last (a .docx has no pages until it is laid out).
Empty paragraphs are left out: in a .docx they are spacing, not content.
"""
from __future__ import annotations

import io
import re
import zipfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from gongwen.extractors.readers.guard import ReadLimits, open_zip
from gongwen.pipeline.errors import IngestError
from gongwen.pipeline.model import Anchor, Block, BlockStyle, RawDocument

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
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import XMLSyntaxError

    try:
        document = _open_document(data)
        styles = _styles_of(document)
    # python-docx assumes well-formed parts: a relationships or content-types part with another
    # root element fails inside it with AttributeError or TypeError.
    except (PackageNotFoundError, KeyError, ValueError, AttributeError, TypeError, XMLSyntaxError,
            zipfile.BadZipFile) as error:
        raise IngestError("corrupt-file", path, reason=f"Word 文档结构无效（{error}）") from None

    walker = _Walker(styles, _Numbering(_numbering_root(document), styles))
    body = document.element.body
    blocks = [*walker.story(_header_footer_parts(document, "headerReference"), "header"),
              *walker.body(body),
              *walker.story(_header_footer_parts(document, "footerReference"), "footer")]
    labels = {id(block): label for block, label in walker.labelled}
    core = document.core_properties
    meta = {
        "sections": len(document.sections),
        "tables": walker.tables,
        "numbering_labels": [(index, labels[id(block)]) for index, block in enumerate(blocks) if id(block) in labels],
        "core_properties": {key: value for key, value in (
            ("title", core.title), ("author", core.author),
            ("created", core.created.isoformat() if core.created else None)) if value},
    }
    return RawDocument(path=str(path), format="docx", blocks=tuple(blocks), meta=meta)


def _open_document(data: bytes):
    """``docx.Document(data)``, with styles.xml left unparsed (``_styles_of`` parses it)."""
    from docx.opc.constants import CONTENT_TYPE
    from docx.opc.package import Unmarshaller
    from docx.opc.pkgreader import PackageReader
    from docx.package import Package

    package = Package()
    Unmarshaller.unmarshal(PackageReader.from_file(io.BytesIO(data)), package, _part_factory())
    document_part = package.main_document_part
    if document_part.content_type != CONTENT_TYPE.WML_DOCUMENT_MAIN:
        raise ValueError(f"file is not a Word file, content type is '{document_part.content_type}'")
    return document_part.document


@lru_cache(maxsize=1)
def _part_factory():
    """python-docx's part factory, except that the styles part is loaded as its bytes: parsing it is
    most of opening a document (~10 ms of a template's 350 KB styles.xml), and documents made from
    one template share it, so ``_styles_of`` parses each distinct one once."""
    from docx.opc.constants import CONTENT_TYPE
    from docx.opc.part import PartFactory

    return type("StylesAsBytesPartFactory", (PartFactory,), {"part_type_for": {
        content_type: part_type for content_type, part_type in PartFactory.part_type_for.items()
        if content_type != CONTENT_TYPE.WML_STYLES}})


def _styles_of(document) -> _Styles:
    from docx.opc.constants import RELATIONSHIP_TYPE

    try:
        part = document.part.part_related_by(RELATIONSHIP_TYPE.STYLES)
    except KeyError:
        return _Styles(document.styles.element)  # none in the file: python-docx's default styles
    return _parsed_styles(part.blob)


@lru_cache(maxsize=4)
def _parsed_styles(blob: bytes) -> _Styles:
    from docx.oxml.parser import parse_xml

    return _Styles(parse_xml(blob))


def _numbering_root(document):
    """numbering.xml's root, or None when the document has no (parsable) numbering part."""
    from docx.opc.constants import RELATIONSHIP_TYPE

    try:  # not ``document.part.numbering_part``: that creates an empty part when there is none
        part = document.part.part_related_by(RELATIONSHIP_TYPE.NUMBERING)
    except (KeyError, ValueError):
        return None
    return getattr(part, "element", None)  # a part of the wrong content type is loaded as bytes


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
    num_id: str | None = None  # automatic numbering from w:numPr; "0" switches it off
    num_level: int | None = None


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
            num_id, num_level = _numbering_of(element.find(f"{W}pPr/{W}numPr"))
            self._cache[style_id] = _Props(
                alignment=_ALIGNMENTS.get(jc.get(W + "val")) if jc is not None else parent.alignment,
                bold=bold if bold is not None else parent.bold,
                size=size if size is not None else parent.size,
                name=name.get(W + "val") if name is not None else style_id,
                # numId and ilvl go together: a style's own ilvl applies to an inherited numId only
                num_id=num_id if num_id is not None else parent.num_id,
                num_level=num_level if num_id is not None or num_level is not None else parent.num_level,
            )
        return self._cache[style_id]


def _numbering_of(num_pr) -> tuple[str | None, int | None]:
    """(numId, ilvl) of a ``w:numPr``; None where not given."""
    if num_pr is None:
        return None, None
    num_id, level = num_pr.find(W + "numId"), num_pr.find(W + "ilvl")
    return (num_id.get(W + "val") if num_id is not None else None,
            _integer(level.get(W + "val")) if level is not None else None)


def _integer(value: str | None) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


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


def _enclosed(first: int, last: int) -> Callable[[int], str]:
    """Numbers 1..last as consecutive code points from ``first`` (①②…); Word writes others as digits."""
    return lambda number: chr(first + number - 1) if 1 <= number <= last else str(number)


def _counting(digits: str, units: str, zero: str, tens_without_one: bool) -> Callable[[int], str]:
    """Chinese counting: 十一, 二十, 一百零五; ``tens_without_one`` drops the 一 of 一十 (not 壹拾)."""
    def render(number: int) -> str:
        if not 1 <= number <= 9999:
            return str(number)
        text, zero_pending = "", False
        for power in (3, 2, 1, 0):
            digit = number // 10 ** power % 10
            if digit == 0:
                zero_pending = bool(text)
                continue
            text += (zero if zero_pending else "") + digits[digit] + (units[power - 1] if power else "")
            zero_pending = False
        return text[1:] if tens_without_one and 10 <= number <= 19 else text
    return render


def _cyclic_letters(alphabet: str) -> Callable[[int], str]:
    """a … z, aa … zz, aaa …: Word repeats the letter rather than counting in base 26."""
    return lambda number: alphabet[(number - 1) % 26] * ((number - 1) // 26 + 1) if number >= 1 else str(number)


def _series(symbols: str) -> Callable[[int], str]:
    return lambda number: symbols[number - 1] if 1 <= number <= len(symbols) else str(number)


_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
          (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def _roman(number: int) -> str:
    if not 1 <= number <= 3999:
        return str(number)
    text = ""
    for value, letters in _ROMAN:
        count, number = divmod(number, value)
        text += letters * count
    return text


_CHINESE_COUNTING = _counting("〇一二三四五六七八九", "十百千", "零", tens_without_one=True)
_DIGIT_BY_DIGIT = str.maketrans("0123456789", "〇一二三四五六七八九")
_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
_NUMBER_FORMATS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "decimalZero": lambda number: f"{number:02d}",
    "decimalFullWidth": lambda number: str(number).translate(_FULL_WIDTH),
    "decimalFullWidth2": lambda number: str(number).translate(_FULL_WIDTH),
    "decimalEnclosedCircle": _enclosed(0x2460, 20),
    "decimalEnclosedCircleChinese": _enclosed(0x2460, 20),
    "decimalEnclosedParen": _enclosed(0x2474, 20),
    "decimalEnclosedFullstop": _enclosed(0x2488, 20),
    "ideographEnclosedCircle": _enclosed(0x3280, 10),
    "lowerLetter": _cyclic_letters("abcdefghijklmnopqrstuvwxyz"),
    "upperLetter": _cyclic_letters("ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
    "lowerRoman": _roman,
    "upperRoman": lambda number: _roman(number).upper(),
    "chineseCounting": _CHINESE_COUNTING,
    "chineseCountingThousand": _CHINESE_COUNTING,
    "taiwaneseCounting": _CHINESE_COUNTING,
    "taiwaneseCountingThousand": _CHINESE_COUNTING,
    "chineseLegalSimplified": _counting("零壹贰叁肆伍陆柒捌玖", "拾佰仟", "零", tens_without_one=False),
    "ideographLegalTraditional": _counting("零壹貳參肆伍陸柒捌玖", "拾佰仟", "零", tens_without_one=False),
    "ideographDigital": lambda number: str(number).translate(_DIGIT_BY_DIGIT),
    "taiwaneseDigital": lambda number: str(number).translate(_DIGIT_BY_DIGIT),
    "ideographTraditional": _series("甲乙丙丁戊己庚辛壬癸"),
    "ideographZodiac": _series("子丑寅卯辰巳午未申酉戌亥"),
    "none": lambda number: "",
}
_SUFFIXES = {"tab": "\t", "space": " ", "nothing": ""}
_LEVEL_REFERENCE = re.compile(r"%([1-9])")


@dataclass(frozen=True)
class _Level:
    """One ``w:lvl`` of a numbering definition."""

    start: int = 1
    number_format: str = "decimal"
    text: str = ""
    restart_below: int | None = None  # w:lvlRestart (1-based): restarts when a shallower level is used
    legal: bool = False  # w:isLgl: every level's number shown in decimal digits
    suffix: str = "\t"

    @classmethod
    def parse(cls, element) -> _Level:
        number_format = element.find(W + "numFmt")
        if number_format is None:  # Word 2010 wraps custom formats, with a standard Fallback
            number_format = element.find(f"{MC}AlternateContent/{MC}Fallback/{W}numFmt")
        values = {name: child.get(W + "val") for name in ("start", "lvlText", "lvlRestart", "isLgl", "suff")
                  if (child := element.find(W + name)) is not None}
        start = _integer(values.get("start"))
        return cls(
            start=start if start is not None else 1,
            number_format=number_format.get(W + "val", "decimal") if number_format is not None else "decimal",
            text=values.get("lvlText") or "",
            restart_below=_integer(values.get("lvlRestart")),
            legal="isLgl" in values and (values["isLgl"] or "on").lower() not in _FALSE_VALUES,
            suffix=_SUFFIXES.get(values.get("suff") or "tab", "\t"),
        )

    def restarts_after(self, own_level: int, used_level: int) -> bool:
        # Word ignores a w:lvlRestart deeper than the level itself; 0 means never restart.
        threshold = own_level if self.restart_below is None or self.restart_below > own_level else self.restart_below
        return used_level < threshold


@dataclass(frozen=True)
class _List:
    """A ``w:num``: the abstract definition it counts on, its levels and the levels it restarts."""

    num_id: str
    counter_key: str
    levels: dict[int, _Level]
    restarted: frozenset[int]  # levels with a w:startOverride
    style_levels: dict[str, int]  # paragraph style id -> the level linked to it (w:lvl/w:pStyle)


class _Numbering:
    """numbering.xml resolved once per document: list instance id -> _List."""

    def __init__(self, root, styles: _Styles) -> None:
        self._styles = styles
        self._abstracts = {} if root is None else {
            element.get(W + "abstractNumId"): element for element in root.iter(W + "abstractNum")}
        self._nums = {} if root is None else {element.get(W + "numId"): element for element in root.iter(W + "num")}
        self._lists: dict[str, _List | None] = {}

    def instance(self, num_id: str) -> _List | None:
        if num_id not in self._lists:
            self._lists[num_id] = self._resolve(num_id)
        return self._lists[num_id]

    def _resolve(self, num_id: str) -> _List | None:
        num = self._nums.get(num_id)
        abstract_id, abstract = self._abstract_of(num)
        if abstract is None:
            return None
        levels, style_levels = {}, {}
        for element in abstract.findall(W + "lvl"):
            level = _integer(element.get(W + "ilvl"))
            if level is not None:
                levels[level] = _Level.parse(element)
                linked_style = element.find(W + "pStyle")
                if linked_style is not None:
                    style_levels[linked_style.get(W + "val")] = level
        restarted = set()
        for override in num.findall(W + "lvlOverride"):
            level = _integer(override.get(W + "ilvl"))
            if level is None:
                continue
            replacement, start_element = override.find(W + "lvl"), override.find(W + "startOverride")
            if replacement is not None:
                levels[level] = _Level.parse(replacement)
            start = _integer(start_element.get(W + "val")) if start_element is not None else None
            if start is not None:
                restarted.add(level)
                levels[level] = replace(levels.get(level, _Level()), start=start)
        return _List(num_id, abstract_id, levels, frozenset(restarted), style_levels)

    def _abstract_of(self, num) -> tuple:
        """The abstract definition of a w:num, following w:numStyleLink through its numbering style."""
        seen = set()
        while num is not None:
            reference = num.find(W + "abstractNumId")
            abstract_id = reference.get(W + "val") if reference is not None else None
            abstract = self._abstracts.get(abstract_id)
            link = abstract.find(W + "numStyleLink") if abstract is not None else None
            if link is None or abstract_id in seen:
                return abstract_id, abstract
            seen.add(abstract_id)
            num = self._nums.get(self._styles.resolve(link.get(W + "val")).num_id)
        return None, None


class _Counters:
    """The running numbers of one story (the body, or one header or footer)."""

    def __init__(self) -> None:
        self._values: dict[str, dict[int, int]] = {}
        self._entered: set[str] = set()  # list instances (numIds) used so far

    def label(self, numbered: _List, level: int) -> str:
        definition = numbered.levels.get(level)
        if definition is None:
            return ""
        values = self._values.setdefault(numbered.counter_key, {})
        if numbered.num_id not in self._entered:  # a list instance's start overrides apply on its first use
            self._entered.add(numbered.num_id)
            for overridden in numbered.restarted:
                values.pop(overridden, None)
        values[level] = values[level] + 1 if level in values else definition.start
        for deeper, deeper_definition in numbered.levels.items():
            if deeper > level and deeper_definition.restarts_after(deeper, level):
                values.pop(deeper, None)
        if definition.number_format == "bullet" or not definition.text:
            return ""

        def number(match: re.Match) -> str:
            referenced = int(match.group(1)) - 1
            shown = numbered.levels.get(referenced)
            if shown is None or shown.number_format == "bullet":
                return ""
            value = values.get(referenced, shown.start)  # a level not used yet shows its start
            number_format = "decimal" if definition.legal and shown.number_format != "none" else shown.number_format
            return _NUMBER_FORMATS.get(number_format, str)(value)

        return _LEVEL_REFERENCE.sub(number, definition.text) + definition.suffix


Pieces = tuple[tuple[int, int, int, int], ...]  # Anchor.pieces


@dataclass
class _Paragraph:
    """What one walk over a paragraph collects."""

    lines: list[str] = field(default_factory=lambda: [""])
    # per line: (offset in the line, element position, offset in the element's text, length)
    pieces: list[list[tuple[int, int, int, int]]] = field(default_factory=lambda: [[]])
    textboxes: list = field(default_factory=list)
    bold_weight: Counter = field(default_factory=Counter)
    size_weight: Counter = field(default_factory=Counter)
    fields: list[bool] = field(default_factory=list)  # per open field: still in its instruction?

    def add(self, text: str, position: int | None) -> None:
        if position is not None:
            self.pieces[-1].append((len(self.lines[-1]), position, 0, len(text)))
        self.lines[-1] += text

    def new_line(self) -> None:
        self.lines.append("")
        self.pieces.append([])

    def visible(self) -> bool:
        return not any(self.fields)


class _Walker:
    def __init__(self, styles: _Styles, numbering: _Numbering) -> None:
        self._styles = styles
        self._numbering = numbering
        self._counters = _Counters()
        self.tables = 0
        self.labelled: list[tuple[Block, str]] = []  # blocks that start with a numbering label
        self._part, self._part_index = "body", 0
        self._positions: dict = {}  # element -> its position in the part being walked (Anchor)
        self._in_textbox = 0

    def body(self, root) -> list[Block]:
        self._enter(root, "body", 0)
        return self.container(root, "para")

    def story(self, roots: list, kind: str) -> list[Block]:
        """Header or footer parts: each counts its numbered paragraphs apart from the body."""
        blocks = []
        body_counters = self._counters
        for index, root in enumerate(roots):
            self._counters = _Counters()
            self._enter(root, kind, index)
            blocks.extend(self.container(root, kind))
        self._counters = body_counters
        return blocks

    def _enter(self, root, part: str, index: int) -> None:
        self._part, self._part_index = part, index
        self._positions = {element: position for position, element in enumerate(root.iter())}

    def _anchor(self, paragraph, pieces: Pieces, row: int | None = None) -> Anchor:
        return Anchor(self._part, self._part_index, self._positions.get(paragraph), row,
                      self._in_textbox > 0, pieces)

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
        label = self._label(element, paragraph_props)
        self._collect(element, collected, paragraph_props)
        box_kind = "textbox" if kind == "para" else kind
        self._in_textbox += 1
        blocks = [block for box in collected.textboxes for block in self.container(box, box_kind)]
        self._in_textbox -= 1
        style = BlockStyle(
            alignment=paragraph_props.alignment or "left",
            bold=_majority(collected.bold_weight),
            font_size=_majority(collected.size_weight),
            style_name=paragraph_props.name,
        )
        lines = [(line, tuple(pieces)) for line, pieces in zip(collected.lines, collected.pieces) if line.strip()]
        if label and lines:
            lines[0] = label + lines[0][0], _shifted(lines[0][1], len(label))
        blocks.extend(Block(kind=kind, text=line, style=style, anchor=self._anchor(element, pieces))
                      for line, pieces in lines)
        if label and lines:
            self.labelled.append((blocks[len(blocks) - len(lines)], label))
        return blocks

    def table(self, element, kind: str) -> list[Block]:
        """One block per non-empty row: a ``table_row`` in the body; in a header, footer or cell, a
        line of that story (a nested table is read as part of its cell)."""
        index = None
        if kind == "para":
            index = self.tables
            self.tables += 1
        blocks = []
        rows = (row for row in element.iter(_TR) if _owning_table(row) is element)
        for number, row in enumerate(rows):
            cells = [self._cell(cell) for cell in _cells(row)]
            text, pieces = _joined(cells, "\t")
            if not text.strip():
                continue
            anchor = self._anchor(next(row.iter(_P), None), pieces, number)
            if index is None:
                blocks.append(Block(kind=kind, text=text, anchor=anchor))
            else:
                blocks.append(Block(kind="table_row", text=text, cells=tuple(cell for cell, _ in cells),
                                    table=index, anchor=anchor))
        return blocks

    def _cell(self, cell) -> tuple[str, Pieces]:
        """The cell's text, its lines joined by a space, with the pieces it comes from."""
        lines = (_stripped(block.text, block.anchor.pieces) for block in self.container(cell, "cell"))
        return _joined([line for line in lines if line[0]], " ")

    def _paragraph_props(self, element) -> _Props:
        props = self._styles.resolve(self._style_id(element))
        jc = element.find(f"{W}pPr/{W}jc")
        if jc is not None and jc.get(W + "val") in _ALIGNMENTS:
            props = replace(props, alignment=_ALIGNMENTS[jc.get(W + "val")])
        return props

    def _style_id(self, element) -> str | None:
        style_element = element.find(f"{W}pPr/{W}pStyle")
        return style_element.get(W + "val") if style_element is not None else self._styles.default_paragraph

    def _label(self, element, props: _Props) -> str:
        """The automatic number Word draws before this paragraph ("" for none), advancing the count."""
        num_id, level = _numbering_of(element.find(f"{W}pPr/{W}numPr"))
        if num_id is None:
            num_id = props.num_id
        numbered = self._numbering.instance(num_id) if num_id not in (None, "0") else None
        if numbered is None:
            return ""
        if level is None:
            level = props.num_level if props.num_level is not None else numbered.style_levels.get(
                self._style_id(element), 0)
        return self._counters.label(numbered, level)

    def _collect(self, element, paragraph: _Paragraph, props: _Props) -> None:
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIPPED:
                continue  # comments and processing instructions have a non-string tag
            if tag == _T:
                if paragraph.visible() and child.text:
                    paragraph.add(child.text, self._positions.get(child))
                    self._weigh(child.getparent(), len(child.text.strip()), paragraph, props)
            elif tag in (_TAB, _PTAB):
                if paragraph.visible():
                    paragraph.add("\t", self._positions.get(child))
            elif tag in (_BR, _CR):
                if paragraph.visible():
                    paragraph.new_line()
            elif tag == _NO_BREAK_HYPHEN:
                if paragraph.visible():
                    paragraph.add("-", self._positions.get(child))
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


def _shifted(pieces: Pieces, by: int) -> Pieces:
    return tuple((offset + by, position, start, length) for offset, position, start, length in pieces)


def _stripped(text: str, pieces: Pieces) -> tuple[str, Pieces]:
    """``text.strip()`` with its pieces cut to what is left."""
    kept = text.strip()
    lead = len(text) - len(text.lstrip())
    cut = []
    for offset, position, start, length in pieces:
        begin, end = max(offset - lead, 0), min(offset + length - lead, len(kept))
        if end > begin:
            cut.append((begin, position, start + begin - (offset - lead), end - begin))
    return kept, tuple(cut)


def _joined(parts: list[tuple[str, Pieces]], separator: str) -> tuple[str, Pieces]:
    text, pieces = "", []
    for number, (part, part_pieces) in enumerate(parts):
        if number:
            text += separator
        pieces.extend(_shifted(part_pieces, len(text)))
        text += part
    return text, tuple(pieces)


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
