"""HTML reader: the article of a web page, without scripts, styles and site chrome.

1. Decode: BOM, then the declared ``<meta charset>``, then UTF-8, then GB18030 (``text.decode``).
2. Drop what is never article text: script, style, nav, header, footer, form, iframe, … and
   elements whose class or id names chrome (nav, menu, breadcrumb, share, sidebar, …), unless
   they hold most of the page's Chinese text (a site that wraps everything in "main-header").
3. Pick the article, readability-style: every text unit (a paragraph, or text lying directly in
   a div/td) gives its count of Chinese characters, less the share inside links, to its container
   and half of it to the container's parent; the best-scored container is the article, together
   with its siblings that score at least a fifth as much.
4. Key/value tables (cells like "发文机关：" followed by the value) that sit outside the article or
   before its first paragraph are the page's metadata: they go to ``meta["page_metadata"]``, not
   into the body.
5. Emit one block per rendered line (block elements and ``<br>`` end lines) and one
   ``table_row`` per row of a data table; layout tables (one column, or holding other tables)
   are read as ordinary content.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from gongwen.extractors.readers.guard import ReadLimits
from gongwen.extractors.readers.text import decode
from gongwen.pipeline.errors import IngestError
from gongwen.pipeline.model import Block, BlockStyle, RawDocument

_DROPPED_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "form", "iframe", "button",
                 "select", "textarea", "svg", "canvas", "template", "object", "embed", "head", "aside")
_CHROME_WORDS = frozenset({
    "nav", "navbar", "navigation", "menu", "footer", "header", "breadcrumb", "breadcrumbs", "crumb",
    "share", "sharing", "sidebar", "toolbar", "banner", "qr", "qrcode", "comment", "comments",
    "related", "advert", "ads", "login", "search", "copyright", "pagination", "pager", "social",
    "weixin", "weibo", "wechat", "topbar", "skip",
})
_BLOCK_TAGS = frozenset({
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "table", "tr",
    "td", "th", "tbody", "thead", "tfoot", "section", "article", "main", "blockquote", "pre", "center",
    "address", "figure", "figcaption", "hr", "body", "caption",
})
_CONTAINER_TAGS = frozenset({"div", "td", "th", "section", "article", "main", "body", "center", "blockquote", "dd"})
_PARAGRAPH_TAGS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "pre", "dt", "dd", "font", "span"})
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_SPACES = re.compile(r"[ \t\r\n\f]+")
_CJK_BREAK = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef])[ \t\r\f]*\n[ \t\r\n\f]*(?=[\u3000-\u9fff\uff00-\uffef])")
_LABEL = re.compile(r"^(.{1,10}?)[：:]$")
_FONT_SIZE = re.compile(r"font-size\s*:\s*([\d.]+)\s*(pt|px)", re.I)
_ALIGN = re.compile(r"text-align\s*:\s*(left|center|right|justify)", re.I)
_BOLD = re.compile(r"font-weight\s*:\s*(bold|[6-9]00)", re.I)
_STRIPPED = " \t\r\n\f\u00a0"


def read_html(path: Path, data: bytes, limits: ReadLimits) -> RawDocument:
    import lxml.html
    from lxml import etree

    text, encoding = _decode(data, path)
    try:
        # huge_tree: libxml2 otherwise stops at 256 levels of nesting and drops everything deeper
        # (a page of nested layout tables read as no-text); the file's size is already capped.
        root = lxml.html.document_fromstring(text.encode("utf-8"), parser=lxml.html.HTMLParser(
            encoding="utf-8", remove_comments=True, huge_tree=True))
    except (etree.ParserError, ValueError) as error:
        raise IngestError("corrupt-file", path, reason=f"网页无法解析（{error}）") from None
    title = root.findtext(".//title")
    total = _cjk_count(root)
    _drop_chrome(root, total)
    article = _article(root)
    metadata = _take_metadata(root, article)
    emitter = _Emitter()
    for node in article:
        emitter.walk(node, _Context())
        emitter.flush()
    meta: dict = {"encoding": encoding}
    if metadata:
        meta["page_metadata"] = metadata
    if title and title.strip():
        meta["page_title"] = title.strip()
    return RawDocument(path=str(path), format="html", blocks=tuple(emitter.blocks), meta=meta)


def _decode(data: bytes, path: Path) -> tuple[str, str]:
    declared = _CHARSET.search(data[:4096])
    if declared and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        name = declared.group(1).decode("ascii").lower()
        encoding = "gb18030" if name in ("gb2312", "gbk", "gb18030", "x-gbk") else name
        try:
            return data.decode(encoding), encoding
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration is common; fall back to detection
    return decode(data, path)


def _cjk_count(element) -> int:
    return len(_CJK.findall(element.text_content()))


def _class_words(element) -> set[str]:
    names = f"{element.get('class', '')} {element.get('id', '')}".lower()
    return set(re.split(r"[^a-z0-9]+", names))


def _subtree_counts(root, own) -> dict:
    """``own(element)`` summed over each element's subtree, for all elements in one pass (a count
    per element taken from its own subtree would be quadratic in the nesting depth)."""
    totals: dict = {}
    for element in reversed(list(root.iter())):  # children before their parents
        totals[element] = own(element) + sum(totals[child] for child in element)
    return totals


def _own_cjk(element) -> int:
    """Chinese characters in an element's text and in the tails of its children."""
    text = element.text if isinstance(element.tag, str) else None  # a processing instruction's is not shown
    return len(_CJK.findall(text or "")) + sum(len(_CJK.findall(child.tail or "")) for child in element)


def _drop_chrome(root, total: int) -> None:
    counts = _subtree_counts(root, _own_cjk)  # a dropped tag's ancestors are later dropped as such
    for element in list(root.iter(*_DROPPED_TAGS)):
        if element.getparent() is not None and (element.tag == "head" or counts[element] * 2 < total or total == 0):
            element.drop_tree()
    counts = _subtree_counts(root, _own_cjk)
    for element in list(root.iter()):
        if not isinstance(element.tag, str) or element.getparent() is None or element.tag in ("html", "body"):
            continue
        if _class_words(element) & _CHROME_WORDS and counts[element] * 2 < total:
            element.drop_tree()


def _article(root) -> list:
    """The best-scored container and its well-scored siblings, in document order."""
    scores: Counter = Counter()
    linked = _subtree_counts(root, lambda element: _cjk_count(element) if element.tag == "a" else 0)
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        own = _own_text(element)
        count = len(_CJK.findall(own))
        if not count:
            continue
        links = linked[element]
        score = max(count - links, 0)
        if element.tag in _PARAGRAPH_TAGS:
            container = element.getparent()
            while container is not None and container.tag not in _CONTAINER_TAGS:
                container = container.getparent()
        else:
            container = element
        if container is None:
            continue
        scores[container] += score
        parent = container.getparent()
        if parent is not None:
            scores[parent] += score / 2
    body = root.find("body")
    if not scores:
        return [body if body is not None else root]
    best, best_score = scores.most_common(1)[0]
    parent = best.getparent()
    if parent is None:
        return [best]
    chosen = [child for child in parent if child is best or scores.get(child, 0) >= best_score / 5]
    heading = None if any(_has_heading(child) for child in chosen) else _heading_before(chosen[0])
    return [heading, *chosen] if heading is not None else chosen


_HEADING_TAGS = ("h1", "h2", "h3")


def _has_heading(element) -> bool:
    return isinstance(element.tag, str) and (element.tag in _HEADING_TAGS or any(
        True for _ in element.iter(*_HEADING_TAGS)))


def _heading_before(element):
    """The page's headline where the portal prints it above the article body rather than in it
    (``<h1>`` beside ``<div class="article">``): the nearest earlier heading, walking up."""
    while element is not None and element.tag != "body":
        for sibling in element.itersiblings(preceding=True):
            if not isinstance(sibling.tag, str):
                continue
            headings = [sibling] if sibling.tag in _HEADING_TAGS else list(sibling.iter(*_HEADING_TAGS))
            for heading in reversed(headings):
                if _CJK.search(heading.text_content()):
                    return heading
        element = element.getparent()
    return None


def _own_text(element) -> str:
    """Text of an element that no block-level descendant owns (walked without recursion: pages
    nest thousands of levels deep)."""
    parts: list[str] = []
    pending: list = [element.text or ""]  # texts to emit and inline elements to open, last first
    pending.extend(_inline_children_reversed(element))
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            parts.append(item)
        else:
            parts.append(item.text or "")
            pending.extend(_inline_children_reversed(item))
    return "".join(parts)


def _inline_children_reversed(element) -> list:
    """Each child's tail, preceded by the child itself when it is inline, in reverse order."""
    items: list = []
    for child in reversed(element):
        items.append(child.tail or "")
        if isinstance(child.tag, str) and child.tag not in _BLOCK_TAGS:
            items.append(child)
    return items


def _take_metadata(root, article: list) -> dict[str, str]:
    """Key/value tables outside the article or before its first paragraph: removed, returned."""
    # Keys are the elements themselves: lxml keeps one proxy per node while a reference lives,
    # whereas ids of transient proxies may be reused.
    inside = {element for node in article for element in node.iter()}
    first_paragraph = next((element for node in article for element in node.iter("p")
                            if _CJK.search(element.text_content())), None)
    order = {element: index for index, element in enumerate(root.iter())}
    limit = order.get(first_paragraph, len(order))
    metadata: dict[str, str] = {}
    for table in list(root.iter("table")):
        if table.find(".//table") is not None or table.getparent() is None:
            continue
        if table in inside and order[table] > limit:
            continue
        pairs = _key_values(table)
        if pairs is not None:
            metadata.update({key: value for key, value in pairs.items() if key not in metadata})
            table.drop_tree()
    return metadata


def _key_values(table) -> dict[str, str] | None:
    cells = [_clean(cell.text_content()) for row in table.iter("tr") for cell in row if cell.tag in ("td", "th")]
    filled = [cell for cell in cells if cell]
    labels = [index for index, cell in enumerate(cells) if _LABEL.match(cell.replace(" ", "").replace("\u3000", ""))]
    if len(labels) < 3 or len(labels) * 2 < len(filled) * 0.8:
        return None
    pairs = {}
    for index in labels:
        key = _LABEL.match(cells[index].replace(" ", "").replace("\u3000", "")).group(1)
        value = cells[index + 1] if index + 1 < len(cells) and index + 1 not in labels else ""
        if value:
            pairs[key] = value
    return pairs


def _clean(text: str) -> str:
    return _SPACES.sub(" ", _CJK_BREAK.sub("", text)).strip(_STRIPPED)


@dataclass(frozen=True)
class _Context:
    alignment: str | None = None
    bold: bool = False
    size: float | None = None
    heading: str | None = None

    def enter(self, element) -> _Context:
        style = element.get("style", "")
        align = _ALIGN.search(style)
        alignment = align.group(1).lower() if align else (element.get("align") or "").lower() or None
        size = _FONT_SIZE.search(style)
        points = None
        if size:
            points = float(size.group(1)) * (0.75 if size.group(2).lower() == "px" else 1.0)
        heading = f"Heading {element.tag[1]}" if element.tag in ("h1", "h2", "h3", "h4", "h5", "h6") else None
        return _Context(
            alignment=alignment if alignment in ("left", "center", "right", "justify") else self.alignment,
            bold=self.bold or element.tag in ("b", "strong") or bool(_BOLD.search(style)) or heading is not None,
            size=points or self.size,
            heading=heading or self.heading,
        )


class _Emitter:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self._parts: list[tuple[str, _Context]] = []
        self._tables = 0

    def walk(self, root, context: _Context) -> None:
        """Emit ``root``'s content in document order, with an explicit stack (no recursion limit)."""
        pending: list[tuple] = [(root, context)]  # (element, context) to open, (text, context) to
        while pending:                            # add, or () to end a block; last first
            item = pending.pop()
            if not item:
                self.flush()
                continue
            element, context = item
            if isinstance(element, str):
                self._parts.append(item)
                continue
            if not isinstance(element.tag, str):
                continue
            tag = element.tag
            if tag == "br":
                self.flush()
                continue
            inner = context.enter(element)
            if tag == "table" and _is_data_table(element):
                self.flush()
                self._table(element)
                continue
            if tag in _BLOCK_TAGS:
                self.flush()
            if element.text:
                self._parts.append((element.text, inner))
            opened: list[tuple] = []
            for child in element:
                opened.append((child, inner))
                if child.tail:
                    opened.append((child.tail, inner))
            if tag in _BLOCK_TAGS:
                opened.append(())
            pending.extend(reversed(opened))

    def flush(self) -> None:
        text = _clean("".join(part for part, _ in self._parts))
        if text:
            weights = Counter()
            sizes = Counter()
            for part, context in self._parts:
                chars = len(part.strip(_STRIPPED))
                weights[context.bold] += chars
                if context.size:
                    sizes[context.size] += chars
            first = next(context for part, context in self._parts if part.strip(_STRIPPED))
            self.blocks.append(Block(kind="para", text=text, style=BlockStyle(
                alignment=first.alignment,
                bold=weights.most_common(1)[0][0] if weights else None,
                font_size=sizes.most_common(1)[0][0] if sizes else None,
                style_name=first.heading,
            )))
        self._parts = []

    def _table(self, table) -> None:
        index = self._tables
        self._tables += 1
        for row in table.iter("tr"):
            cells = tuple(_clean(cell.text_content()) for cell in row if cell.tag in ("td", "th"))
            if any(cells):
                self.blocks.append(Block(kind="table_row", text="\t".join(cells), cells=cells, table=index))


def _is_data_table(table) -> bool:
    if table.find(".//table") is not None:
        return False
    widths = [sum(1 for cell in row if cell.tag in ("td", "th")) for row in table.iter("tr")]
    return bool(widths) and max(widths) > 1
